"""The focal point's review of a period: every department x task it owes, counted in the database."""

from django.db.models import (
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from accounts.models import Department
from core.typing import AnnotatedQuerySet

from ..choices import PlanStatus, WorkflowState
from ..models import ReportingPeriod, Task, TaskProgress


def review_rows(*, period: ReportingPeriod) -> list[dict]:
    """Every department × task of plans in force, lead and coordinating, with its entry's state for the period."""
    tasks = Task.objects.filter(area__plan__status=PlanStatus.IN_FORCE)
    entry = TaskProgress.objects.filter(period=period, task=OuterRef("task_pk"), department=OuterRef("department_pk"))
    columns = {
        "progress_id": Subquery(entry.values("pk")[:1]),
        "state": Subquery(entry.values("state")[:1]),
        "status": Subquery(entry.values("status")[:1]),
        "percent": Subquery(entry.values("percent_done")[:1]),
    }
    names = ["task_pk", "department_pk", "is_lead", "content", "plan_number", "area_position", "task_position"]
    lead = tasks.annotate(
        task_pk=F("pk"),
        department_pk=F("lead_department_id"),
        is_lead=Value(True),
        plan_number=F("area__plan__document_number"),
        area_position=F("area__position"),
        task_position=F("position"),
    ).annotate(**columns)
    coordinating = (
        Task.coordinating_departments.through.objects.filter(task__in=tasks)
        # The lead department's row already stands for a task it is also listed as coordinating.
        .exclude(department_id=F("task__lead_department_id"))
        .annotate(
            task_pk=F("task_id"),
            department_pk=F("department_id"),
            is_lead=Value(False),
            content=F("task__content"),
            plan_number=F("task__area__plan__document_number"),
            area_position=F("task__area__position"),
            task_position=F("task__position"),
        )
        .annotate(**columns)
    )
    rows = [*lead.values(*names, *columns), *coordinating.values(*names, *columns)]
    departments = {d.pk: d for d in Department.objects.filter(pk__in={row["department_pk"] for row in rows})}
    for row in rows:
        row["department"] = departments[row["department_pk"]]
    rows.sort(key=_review_order)
    return rows


def _review_order(row: dict) -> tuple:
    department = row["department"]
    return (department.sort_order, department.name, row["plan_number"], row["area_position"], row["task_position"])


def _count(queryset, group_by: str):
    """A correlated COUNT of the rows of queryset in the outer department (0 when there are none)."""
    counted = queryset.order_by().values(group_by).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _expected_entries(tasks: QuerySet[Task]):
    """How many entries the outer department owes on these tasks: one per task it leads or coordinates.

    A task is counted once even if its lead department is also listed as coordinating it.
    """
    coordinated = Task.coordinating_departments.through.objects.filter(department=OuterRef(OuterRef("pk")))
    owed = tasks.filter(Q(lead_department=OuterRef("pk")) | Q(pk__in=coordinated.values("task_id")))
    counted = owed.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _owed() -> Q:
    """Entries (TaskProgress rows) that their department owes: it leads or coordinates the entry's task.

    An entry left over after its task changed lead or coordinating departments is not counted, so
    that the counts of each state add up to what is expected.
    """
    coordinates = Task.coordinating_departments.through.objects.filter(
        task=OuterRef("task"), department=OuterRef("department")
    )
    return Q(task__lead_department=F("department")) | Q(Exists(coordinates))


def review_counts(*, period: ReportingPeriod) -> AnnotatedQuerySet:
    """Departments with tasks in plans in force, each with how many entries it owes and how many stand in each state."""
    tasks = Task.objects.filter(area__plan__status=PlanStatus.IN_FORCE)
    entries = TaskProgress.objects.filter(_owed(), period=period, department=OuterRef("pk"), task__in=tasks)
    counts = {state: _count(entries.filter(state=state), "department") for state in WorkflowState.values}
    departments = Department.objects.annotate(
        expected=_expected_entries(tasks),
        **{f"count_{state}": expression for state, expression in counts.items()},
    ).filter(expected__gt=0)
    reported = sum((F(f"count_{state}") for state in WorkflowState.values), Value(0))
    return departments.annotate(count_missing=F("expected") - reported)


def departments_not_submitted(*, period: ReportingPeriod) -> QuerySet[Department]:
    """Departments that still owe an entry for the period (missing, draft or returned)."""
    counts = review_counts(period=period)
    return counts.filter(Q(count_missing__gt=0) | Q(count_draft__gt=0) | Q(count_returned__gt=0))
