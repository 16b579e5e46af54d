"""The focal point's review of a period: every department × task it owes, from the one obligations rule."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, QuerySet
from django.utils import timezone

from accounts.models import Department

from ..choices import COMPLETED_STATUSES, WorkflowState
from ..models import Plan, ReportingPeriod, StandardArea, TaskProgress
from ..workflow import NOT_SENT_STATES
from .obligations import LEAD, MISSING, Obligation, owed_entries, owed_tasks


@dataclass(frozen=True)
class ReviewFilters:
    """What the review list is narrowed to; None leaves a filter out."""

    department_id: int | None = None
    plan_id: int | None = None
    standard_area_id: int | None = None
    state: str | None = None  # a WorkflowState or MISSING
    overdue: bool = False


def review_rows(
    *,
    period: ReportingPeriod,
    obligations: list[Obligation] | None = None,
    filters: ReviewFilters | None = None,
    today: datetime.date | None = None,
) -> list[dict]:
    """Every owed department × task of the period, lead and coordinating, with its entry for the period.

    Rows are dicts in the departments' order, then plan, area and task; three queries past the
    obligations, however many rows. `obligations` saves computing the period's owed entries again when
    the caller has them. A row is overdue when its entry was not sent by the period's deadline or its
    task passed its own deadline without being reported completed.
    """
    filters = filters or ReviewFilters()
    today = today or timezone.localdate()
    if obligations is None:
        obligations = owed_entries(period=period)
    obligations = [
        obligation
        for obligation in obligations
        if filters.department_id in (None, obligation.department_id) and filters.state in (None, obligation.state)
    ]
    tasks = _review_tasks(period, obligations, filters)
    entries = {
        row["pk"]: row
        for row in TaskProgress.objects.filter(pk__in=[o.entry_id for o in obligations if o.entry_id]).values(
            "pk", "status", "percent_done", "version"
        )
    }
    departments = Department.objects.in_bulk({obligation.department_id for obligation in obligations})
    rows = []
    for obligation in obligations:
        task = tasks.get(obligation.task_id)
        if task is None:  # left out by the plan or area filter
            continue
        entry: Any = entries.get(obligation.entry_id or 0, {})
        row = _review_row(obligation, task, entry, departments[obligation.department_id])
        row["overdue"] = _overdue(row, task, period=period, today=today)
        if row["overdue"] or not filters.overdue:
            rows.append(row)
    rows.sort(key=_review_order)
    return rows


def _review_tasks(period: ReportingPeriod, obligations: list[Obligation], filters: ReviewFilters) -> dict[int, Any]:
    tasks = owed_tasks(period).filter(pk__in={obligation.task_id for obligation in obligations})
    if filters.plan_id is not None:
        tasks = tasks.filter(area__plan_id=filters.plan_id)
    if filters.standard_area_id is not None:
        tasks = tasks.filter(area__standard_area_id=filters.standard_area_id)
    return {
        row["pk"]: row
        for row in tasks.values(
            "pk",
            "content",
            "deadline",
            plan_number=F("area__plan__document_number"),
            area_position=F("area__position"),
            task_position=F("position"),
        )
    }


def _review_row(obligation: Obligation, task: dict, entry: Any, department: Department) -> dict:
    return {
        "task_pk": obligation.task_id,
        "department_pk": obligation.department_id,
        "department": department,
        "is_lead": obligation.role == LEAD,
        "content": task["content"],
        "plan_number": task["plan_number"],
        "area_position": task["area_position"],
        "task_position": task["task_position"],
        "deadline": task["deadline"],
        "progress_id": obligation.entry_id,
        "state": None if obligation.state == MISSING else obligation.state,
        "status": entry.get("status"),
        "percent": entry.get("percent_done"),
        "version": entry.get("version"),
    }


def _overdue(row: dict, task: dict, *, period: ReportingPeriod, today: datetime.date) -> bool:
    not_sent = row["state"] in (None, *NOT_SENT_STATES)
    task_late = task["deadline"] is not None and task["deadline"] < today and row["status"] not in COMPLETED_STATUSES
    return (not_sent and today > period.deadline) or task_late


def review_filter_choices(*, period: ReportingPeriod) -> dict:
    """The plans in force during the period and the standard areas, for the review list's filters."""
    plans = Plan.objects.in_force_during(period.start_date, period.end_date).only("pk", "document_number")
    return {
        "plans": list(plans.order_by("issue_date", "pk")),
        "areas": list(StandardArea.objects.order_by("sort_order", "name")),
    }


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
