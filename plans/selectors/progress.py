"""Tasks with the progress the user may read, for my work, the plan page and the API; the periods they fall in."""

import datetime

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from accounts.permissions import sees_plans
from core.typing import AnnotatedQuerySet

from ..choices import COMPLETED_STATUSES
from ..models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress
from ..workflow import NOT_SENT_STATES
from .obligations import stored_obligations
from .visibility import progress_visible_to, tasks_visible_to


def current_period(*, kind: str | None = None, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period of the province's usual kind (MY_WORK_PERIOD_KIND) whose data window holds today."""
    today = today or timezone.localdate()
    kind = kind or settings.MY_WORK_PERIOD_KIND
    return ReportingPeriod.objects.filter(kind=kind).containing(today).order_by("-end_date").first()


def last_closed_period(*, as_of: datetime.date, kind: str | None = None) -> ReportingPeriod | None:
    """The period of the province's usual kind whose submission deadline passed most recently before as_of."""
    kind = kind or settings.MY_WORK_PERIOD_KIND
    return ReportingPeriod.objects.filter(kind=kind, deadline__lt=as_of).order_by("-deadline", "-end_date").first()


# Which entry is a task's latest: the one of the period closing last, then the last saved.
LATEST_FIRST = (F("period__end_date").desc(), F("updated_at").desc(), F("pk").desc())


def latest_entry_ids(entries: QuerySet[TaskProgress]) -> QuerySet:
    """The pk of each task's latest entry among `entries`, ranked once by a window function."""
    ranked = entries.order_by().annotate(
        latest_rank=Window(RowNumber(), partition_by=F("task_id"), order_by=list(LATEST_FIRST))
    )
    return ranked.filter(latest_rank=1).values("pk")


def tasks_with_ranked_progress(
    *, tasks: QuerySet[Task], entries: QuerySet[TaskProgress], today=None
) -> AnnotatedQuerySet:
    """Tasks with the latest of the given entries (state, status, percent) and their deadline badges on `today`.

    The latest entries are ranked once and joined (a LEFT JOIN on their ids), so every figure that
    reads a task's status reads a column, not a correlated subquery repeated per use. `entries` must
    not refer to the task row (OuterRef): use tasks_with_progress for those.
    """
    latest_ids = Subquery(latest_entry_ids(entries))
    return _with_entry(tasks, Q(progress_entries__pk__in=latest_ids), today)


def tasks_with_entry_of(
    *, tasks: QuerySet[Task], department_id: int, period: ReportingPeriod, today=None
) -> AnnotatedQuerySet:
    """tasks_with_ranked_progress for one department's entry of one period: joined on its unique key, unranked."""
    entry = Q(progress_entries__department_id=department_id, progress_entries__period=period)
    return _with_entry(tasks, entry, today)


def _with_entry(tasks: QuerySet[Task], entry: Q, today) -> AnnotatedQuerySet:
    """The tasks LEFT JOINed to the entry that `entry` picks (one at most per task), with its figures and badges."""
    tasks = tasks.annotate(latest_entry=FilteredRelation("progress_entries", condition=entry)).annotate(
        progress_id=F("latest_entry__pk"),
        progress_state=F("latest_entry__state"),
        progress_status=F("latest_entry__status"),
        progress_percent=F("latest_entry__percent_done"),
    )
    return tasks.annotate(**_deadline_badges(today or timezone.localdate()))


def tasks_with_progress(*, tasks: QuerySet[Task], entries: QuerySet[TaskProgress], today=None) -> AnnotatedQuerySet:
    """tasks_with_ranked_progress for entries that may refer to the task row (OuterRef("lead_department")).

    One correlated subquery per figure: prefer tasks_with_ranked_progress when the entries allow it.
    """
    latest = entries.filter(task=OuterRef("pk")).order_by(*LATEST_FIRST)
    tasks = tasks.annotate(
        progress_id=Subquery(latest.values("pk")[:1]),
        progress_state=Subquery(latest.values("state")[:1]),
        progress_status=Subquery(latest.values("status")[:1]),
        progress_percent=Subquery(latest.values("percent_done")[:1]),
    )
    return tasks.annotate(**_deadline_badges(today or timezone.localdate()))


def _deadline_badges(today: datetime.date) -> dict:
    """Overdue and due-soon badges; need the progress_status annotation."""
    # NULL (no entry yet) is not completed; a bare ~Q(…__in) would let SQL's NULL logic drop those rows.
    not_completed = Q(progress_status__isnull=True) | ~Q(progress_status__in=COMPLETED_STATUSES)
    soon = today + datetime.timedelta(days=settings.DUE_SOON_DAYS)
    return {
        "task_overdue": Case(
            When(Q(deadline__lt=today) & not_completed, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        "task_due_soon": Case(
            When(Q(deadline__gte=today, deadline__lte=soon) & not_completed, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
    }


def tasks_with_latest_progress(
    *, user, today=None, plan: Plan | None = None, task_ids: list[int] | None = None
) -> QuerySet[Task]:
    """Visible tasks (of one plan, and among `task_ids`, if given), each with the latest progress entry the
    user may read and its badges."""
    tasks = tasks_visible_to(user=user).select_related("area__plan", "lead_department")
    tasks = tasks.prefetch_related("coordinating_departments", "targets")
    entries = progress_visible_to(user=user)
    if plan is not None:
        # Rank only the plan's entries, not the province's.
        tasks, entries = tasks.filter(area__plan=plan), entries.filter(task__area__plan=plan)
    if task_ids is not None:
        # A page of tasks ranks its own tasks' entries only: a task's latest entry is among its own.
        tasks, entries = tasks.filter(pk__in=task_ids), entries.filter(task_id__in=task_ids)
    return tasks_with_ranked_progress(tasks=tasks, entries=entries, today=today)


def plan_tasks_visible_to(*, user, plan: Plan) -> QuerySet[Task]:
    """The plan's tasks the user may see, without their progress: what a page of them counts and orders
    unless a filter reads progress (joining the latest entries ranks every entry of the plan)."""
    return tasks_visible_to(user=user).filter(area__plan=plan)


def my_work_tasks(*, user, period: ReportingPeriod, today=None) -> QuerySet[Task]:
    """The tasks the user's department owes an entry on in the period (the obligations rule), with that entry.

    Those whose entry is still to send (none, a draft, or returned) come first, then the plan's order.
    """
    if not user.department_id or not sees_plans(user):
        return Task.objects.none()
    today = today or timezone.localdate()
    owed = stored_obligations(period).filter(department_id=user.department_id)
    tasks = Task.objects.filter(pk__in=owed.values("task_id"))
    tasks = tasks.select_related("area__plan", "lead_department")
    # The report's deadline is the period's: the same for every row, so only the state varies.
    not_sent = Q(progress_state__isnull=True) | Q(progress_state__in=NOT_SENT_STATES)
    overdue = today > period.deadline
    due_soon = period.deadline - datetime.timedelta(days=settings.DUE_SOON_DAYS) <= today <= period.deadline
    earlier = earlier_entries(department_id=user.department_id, period=period).filter(task=OuterRef("pk"))
    return (
        tasks_with_entry_of(tasks=tasks, department_id=user.department_id, period=period, today=today)
        .annotate(
            carried_from_id=Subquery(earlier.values("pk")[:1]),
            # 0 while the department still has to send its entry (none, a draft, or returned), for ordering.
            needs_report=Case(When(not_sent, then=Value(0)), default=Value(1)),
            report_overdue=Case(When(not_sent, then=Value(overdue)), default=Value(False), output_field=BooleanField()),
            report_due_soon=Case(
                When(not_sent, then=Value(due_soon)), default=Value(False), output_field=BooleanField()
            ),
        )
        .order_by("needs_report", "area__plan__issue_date", "area__position", "position", "pk")
    )


def plan_areas_with_tasks(*, plan: Plan, tasks: QuerySet[Task]) -> QuerySet[TaskArea]:
    """The plan's areas in order, each with its (filtered) tasks, in a fixed number of queries."""
    return (
        plan.areas.select_related("standard_area")
        .prefetch_related(Prefetch("tasks", queryset=tasks.order_by("position")))
        .order_by("position")
    )


def earlier_entries(*, department_id: int, period: ReportingPeriod) -> QuerySet[TaskProgress]:
    """The department's entries of other periods closing no later than this one, latest first.

    Periods of different kinds overlap (the yearly window closes with the fourth quarter's), so the
    entry of the fourth quarter is "earlier" to the year's: it is the latest word of the department.
    """
    return (
        TaskProgress.objects.filter(department_id=department_id, period__end_date__lte=period.end_date)
        .exclude(period=period)
        .order_by("-period__end_date", "-updated_at", "-pk")
    )


def carried_entry(*, task: Task, department_id: int, period: ReportingPeriod) -> TaskProgress | None:
    """The department's latest earlier entry on the task, which a new entry for the period starts from."""
    earlier = earlier_entries(department_id=department_id, period=period).filter(task=task)
    return earlier.select_related("period").prefetch_related("target_values").first()
