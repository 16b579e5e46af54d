"""The focal point's review of a period: every department × task it owes, from the one obligations rule."""

from collections import Counter, defaultdict
from typing import Any

from django.db.models import F, QuerySet

from accounts.models import Department

from ..choices import WorkflowState
from ..models import ReportingPeriod, TaskProgress
from .obligations import LEAD, MISSING, Obligation, owed_entries, owed_tasks


def review_rows(*, period: ReportingPeriod, obligations: list[Obligation] | None = None) -> list[dict]:
    """Every owed department × task of the period, lead and coordinating, with its entry for the period.

    Rows are dicts in the departments' order, then plan, area and task; a fixed number of queries.
    `obligations` saves computing the period's owed entries again when the caller has them.
    """
    if obligations is None:
        obligations = owed_entries(period=period)
    owed = owed_tasks(period)
    tasks = {
        row["pk"]: row
        for row in owed.values(
            "pk",
            "content",
            plan_number=F("area__plan__document_number"),
            area_position=F("area__position"),
            task_position=F("position"),
        )
    }
    entries = {
        (row["task_id"], row["department_id"]): row
        for row in TaskProgress.objects.filter(period=period, task__in=owed.values("pk")).values(
            "pk", "task_id", "department_id", "status", "percent_done"
        )
    }
    departments = Department.objects.in_bulk({obligation.department_id for obligation in obligations})
    rows = []
    for obligation in obligations:
        task = tasks[obligation.task_id]
        entry: Any = entries.get((obligation.task_id, obligation.department_id), {})
        rows.append(
            {
                "task_pk": obligation.task_id,
                "department_pk": obligation.department_id,
                "department": departments[obligation.department_id],
                "is_lead": obligation.role == LEAD,
                "content": task["content"],
                "plan_number": task["plan_number"],
                "area_position": task["area_position"],
                "task_position": task["task_position"],
                "progress_id": obligation.entry_id,
                "state": None if obligation.state == MISSING else obligation.state,
                "status": entry.get("status"),
                "percent": entry.get("percent_done"),
            }
        )
    rows.sort(key=_review_order)
    return rows


def _review_order(row: dict) -> tuple:
    department = row["department"]
    return (department.sort_order, department.name, row["plan_number"], row["area_position"], row["task_position"])


def review_counts(
    *,
    period: ReportingPeriod,
    departments: QuerySet[Department] | None = None,
    obligations: list[Obligation] | None = None,
) -> list[Any]:
    """Departments that owe entries in the period, each with `expected` and `count_<state>` (and `count_missing`).

    `departments` may carry prefetches the caller needs; the list is in the departments' order.
    """
    if obligations is None:
        obligations = owed_entries(period=period)
    counts: dict[int, Counter] = defaultdict(Counter)
    for obligation in obligations:
        counts[obligation.department_id][obligation.state] += 1
    chosen = (departments if departments is not None else Department.objects.all()).filter(pk__in=counts)
    found: list[Any] = list(chosen.order_by("sort_order", "name"))  # Departments carrying their counts
    for department in found:
        department.expected = sum(counts[department.pk].values())
        for state in [*WorkflowState.values, MISSING]:
            setattr(department, f"count_{state}", counts[department.pk][state])
    return found


def departments_not_submitted(*, period: ReportingPeriod, departments: QuerySet[Department] | None = None) -> list[Any]:
    """Departments that still owe an entry for the period (missing, draft or returned), with review_counts' counts."""
    return [
        department
        for department in review_counts(period=period, departments=departments)
        if department.count_missing or department.count_draft or department.count_returned
    ]
