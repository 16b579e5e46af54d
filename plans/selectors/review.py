"""The focal point's review of a period: every department × task it owes, from the one obligations rule."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, Value, When
from django.utils import timezone

from accounts.models import Department

from ..choices import COMPLETED_STATUSES, WorkflowState
from ..models import Plan, ReportingPeriod, StandardArea
from ..workflow import NOT_SENT_STATES
from .obligations import LEAD, MISSING, stored_obligations


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
    filters: ReviewFilters | None = None,
    today: datetime.date | None = None,
    counts: list[Any] | None = None,
) -> "ReviewRows":
    """Every owed department × task of the period, lead and coordinating, with its entry for the period.

    Rows are dicts in the departments' order, then plan, area and task, counted, filtered and sliced in
    the database: a page reads its own rows only. A row is overdue when its entry was not sent by the
    period's deadline or its task passed its own deadline without being reported completed.
    `counts`, the period's review_counts when the caller has read them, spare the list its own
    count where the filters are theirs (department and state).
    """
    filters = filters or ReviewFilters()
    today = today or timezone.localdate()
    owed = stored_obligations(period)
    if filters.department_id is not None:
        owed = owed.filter(department_id=filters.department_id)
    if filters.state == MISSING:
        owed = owed.filter(entry__id__isnull=True)
    elif filters.state is not None:
        owed = owed.filter(entry__state=filters.state)
    if filters.plan_id is not None:
        owed = owed.filter(task__area__plan_id=filters.plan_id)
    if filters.standard_area_id is not None:
        owed = owed.filter(task__area__standard_area_id=filters.standard_area_id)
    not_sent = Q(entry__id__isnull=True) | Q(entry__state__in=NOT_SENT_STATES)
    # No entry is not completed; a bare ~Q(…__in) would let SQL's NULL logic drop those rows.
    not_completed = Q(entry__id__isnull=True) | ~Q(entry__status__in=COMPLETED_STATUSES)
    task_late = Q(task__deadline__lt=today) & not_completed
    overdue = (not_sent | task_late) if today > period.deadline else task_late
    if filters.overdue:
        owed = owed.filter(overdue)
    rows = owed.annotate(
        overdue=Case(When(overdue, then=Value(True)), default=Value(False), output_field=BooleanField())
    )
    # Counted without the rows' columns and order: the count joins only what the filters need.
    ordered = rows.order_by(*REVIEW_ORDER).values(**REVIEW_FIELDS, overdue=F("overdue"))
    return ReviewRows(ordered, counted=owed, total=_total_from_counts(counts, filters))


def _total_from_counts(counts: list[Any] | None, filters: ReviewFilters) -> int | None:
    """How many rows the filters leave, read off review_counts; None when a filter is not one of theirs."""
    if counts is None or filters.plan_id is not None or filters.standard_area_id is not None or filters.overdue:
        return None
    chosen = [department for department in counts if filters.department_id in (None, department.pk)]
    if filters.state is None:
        return sum(department.expected for department in chosen)
    return sum(getattr(department, f"count_{filters.state}", 0) for department in chosen)


REVIEW_ORDER = (
    "department__sort_order",
    "department__name",
    "task__area__plan__document_number",
    "task__area__position",
    "task__position",
    "task_id",
    "department_id",
)
REVIEW_FIELDS = {
    "task_pk": F("task_id"),
    "department_pk": F("department_id"),
    "obligation_role": F("role"),
    "content": F("task__content"),
    "plan_number": F("task__area__plan__document_number"),
    "area_position": F("task__area__position"),
    "task_position": F("task__position"),
    "deadline": F("task__deadline"),
    "progress_id": F("entry__id"),
    "state": F("entry__state"),
    "status": F("entry__status"),
    "percent": F("entry__percent_done"),
    "version": F("entry__version"),
}


class ReviewRows:
    """The review list as a sequence the paginator counts and slices in the database."""

    def __init__(self, rows: QuerySet, *, counted: QuerySet, total: int | None = None) -> None:
        self.rows, self.counted, self.total = rows, counted, total

    def count(self) -> int:
        if self.total is None:
            self.total = self.counted.count()
        return self.total

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._with_departments(list(self.rows[index]))
        return self._with_departments([self.rows[index]])[0]

    def __iter__(self) -> Iterator[dict]:
        return iter(self._with_departments(list(self.rows)))

    @staticmethod
    def _with_departments(rows: list[dict]) -> list[dict]:
        departments = Department.objects.in_bulk({row["department_pk"] for row in rows})
        for row in rows:
            row["department"] = departments[row["department_pk"]]
            row["is_lead"] = row.pop("obligation_role") == LEAD
        return rows


def review_filter_choices(*, period: ReportingPeriod) -> dict:
    """The plans in force during the period and the standard areas, for the review list's filters."""
    plans = Plan.objects.in_force_during(period.start_date, period.end_date).only("pk", "document_number")
    return {
        "plans": list(plans.order_by("issue_date", "pk")),
        "areas": list(StandardArea.objects.order_by("sort_order", "name")),
    }


def review_counts(*, period: ReportingPeriod, departments: QuerySet[Department] | None = None) -> list[Any]:
    """Departments that owe entries in the period, each with `expected` and `count_<state>` (and `count_missing`).

    One GROUP BY over the period's obligations and entries. `departments` may carry prefetches the
    caller needs; the list is in the departments' order.
    """
    counts: dict[int, Counter] = defaultdict(Counter)
    grouped = stored_obligations(period).values("department_id", "entry__state").annotate(owed=Count("*"))
    for row in grouped.order_by():
        counts[row["department_id"]][row["entry__state"] or MISSING] += row["owed"]
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
