"""Reads of plans, tasks and progress, scoped to the user asking.

Every page and endpoint gets its rows from here, so that an object outside the user's reach is
simply not found (404) and lists never depend on per-object checks.
"""

import datetime
from typing import Any, cast

from django.conf import settings
from django.db import models
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Department
from accounts.permissions import can_manage_plans, reads_all_progress, reports_for_department, sees_plans
from core.typing import AnnotatedQuerySet

from .choices import BEHIND_STATUSES, COMPLETED_STATUSES, PlanStatus, ReportTimeliness, TaskStanding, WorkflowState
from .models import Plan, ProgressAttachment, ProgressTargetValue, ReportingPeriod, Task, TaskArea, TaskProgress
from .workflow import NOT_SENT_STATES

HISTORY_HIDDEN_FIELDS = ["created_at", "updated_at", "updated_by", "version", "submitted_at", "accepted_at"]


def plans_visible_to(*, user) -> QuerySet[Plan]:
    """Plans the user may open: drafts only for those who manage plans; none for the statistics reader."""
    if not sees_plans(user):
        return Plan.objects.none()
    plans = Plan.objects.annotate(area_count=Count("areas", distinct=True), task_count=Count("areas__tasks"))
    if not can_manage_plans(user):
        plans = plans.exclude(status=PlanStatus.DRAFT)
    return plans


def areas_visible_to(*, user) -> QuerySet[TaskArea]:
    """Task areas of the plans the user may open."""
    return TaskArea.objects.filter(plan__in=plans_visible_to(user=user).values("pk")).select_related("plan")


def periods_visible_to(*, user) -> QuerySet[ReportingPeriod]:
    """Reporting periods: everyone who works with plans sees them all."""
    return ReportingPeriod.objects.all() if sees_plans(user) else ReportingPeriod.objects.none()


def period_choices(*, user) -> QuerySet[ReportingPeriod]:
    """The periods a period picker offers the user: the latest 60, newest first."""
    return periods_visible_to(user=user).order_by("-end_date", "kind")[:60]


def department_tasks(*, department_id) -> QuerySet[Task]:
    """Tasks the department leads or coordinates (without duplicates from the many-to-many join)."""
    coordinated = Task.coordinating_departments.through.objects.filter(department_id=department_id)
    return Task.objects.filter(Q(lead_department_id=department_id) | Q(pk__in=coordinated.values("task_id")))


def tasks_visible_to(*, user) -> QuerySet[Task]:
    """Tasks of the plans the user may open; staff and heads only those their department works on."""
    tasks = Task.objects.filter(area__plan__in=plans_visible_to(user=user).values("pk"))
    if reads_all_progress(user):
        return tasks
    if reports_for_department(user):
        return tasks.filter(pk__in=department_tasks(department_id=user.department_id).values("pk"))
    return tasks.none()


def tasks_linkable_by(*, user) -> QuerySet[Task]:
    """Tasks the user may link a delegation to: those they may see, of plans that are not drafts."""
    return tasks_visible_to(user=user).exclude(area__plan__status=PlanStatus.DRAFT)


def progress_visible_to(*, user) -> QuerySet[TaskProgress]:
    """Progress entries the user may read: their own department's, or all for province-wide readers."""
    entries = TaskProgress.objects.filter(task__in=tasks_visible_to(user=user).values("pk"))
    if reads_all_progress(user):
        return entries
    if reports_for_department(user):
        return entries.filter(department_id=user.department_id)
    return entries.none()


def attachments_visible_to(*, user) -> QuerySet[ProgressAttachment]:
    """Attachments of the progress entries the user may read."""
    return ProgressAttachment.objects.filter(progress__in=progress_visible_to(user=user).values("pk"))


def department_reports_on(*, user, task: Task) -> bool:
    """Whether the user reports on this task for their department (it leads or coordinates it)."""
    if not reports_for_department(user):
        return False
    return department_tasks(department_id=user.department_id).filter(pk=task.pk).exists()


def current_period(*, kind: str | None = None, today: datetime.date | None = None) -> ReportingPeriod | None:
    """The period of the province's usual kind (MY_WORK_PERIOD_KIND) whose data window holds today."""
    today = today or timezone.localdate()
    kind = kind or settings.MY_WORK_PERIOD_KIND
    return ReportingPeriod.objects.filter(kind=kind).containing(today).order_by("-end_date").first()


def _progress_annotations(entries: QuerySet[TaskProgress], *, today: datetime.date) -> dict:
    """Annotations of a task with the first matching entry (state, status, percent) and deadline badges."""
    latest = entries.filter(task=OuterRef("pk")).order_by("-period__end_date", "-updated_at", "-pk")
    # NULL (no entry yet) is not completed; a bare ~Q(…__in) would let SQL's NULL logic drop those rows.
    not_completed = Q(progress_status__isnull=True) | ~Q(progress_status__in=COMPLETED_STATUSES)
    soon = today + datetime.timedelta(days=settings.DUE_SOON_DAYS)
    return {
        "progress_id": Subquery(latest.values("pk")[:1]),
        "progress_state": Subquery(latest.values("state")[:1]),
        "progress_status": Subquery(latest.values("status")[:1]),
        "progress_percent": Subquery(latest.values("percent_done")[:1]),
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


def tasks_with_progress(*, tasks: QuerySet[Task], entries: QuerySet[TaskProgress], today=None) -> AnnotatedQuerySet:
    """Tasks with the latest of the given entries (state, status, percent) and their deadline badges on `today`."""
    # Two steps: the badges refer to progress_status, which must exist before they do.
    annotations = _progress_annotations(entries, today=today or timezone.localdate())
    first = {name: annotations.pop(name) for name in ["progress_id", "progress_state", "progress_status"]}
    return tasks.annotate(**first).annotate(**annotations)


def tasks_with_latest_progress(*, user, today=None) -> QuerySet[Task]:
    """Visible tasks, each with the latest progress entry the user may read and its deadline badges."""
    tasks = tasks_visible_to(user=user).select_related("area__plan", "lead_department")
    tasks = tasks.prefetch_related("coordinating_departments", "targets")
    return tasks_with_progress(tasks=tasks, entries=progress_visible_to(user=user), today=today)


def my_work_tasks(*, user, period: ReportingPeriod, today=None) -> QuerySet[Task]:
    """Tasks of plans in force that the user's department leads or coordinates, with its entry for the period."""
    if not user.department_id or not sees_plans(user):
        return Task.objects.none()
    today = today or timezone.localdate()
    tasks = (
        department_tasks(department_id=user.department_id)
        .filter(area__plan__status=PlanStatus.IN_FORCE)
        .select_related("area__plan", "lead_department")
    )
    entries = TaskProgress.objects.filter(department_id=user.department_id, period=period)
    # The report's deadline is the period's: the same for every row, so only the state varies.
    not_sent = Q(progress_state__isnull=True) | Q(progress_state__in=NOT_SENT_STATES)
    overdue = today > period.deadline
    due_soon = period.deadline - datetime.timedelta(days=settings.DUE_SOON_DAYS) <= today <= period.deadline
    return tasks_with_progress(tasks=tasks, entries=entries, today=today).annotate(
        report_overdue=Case(When(not_sent, then=Value(overdue)), default=Value(False), output_field=BooleanField()),
        report_due_soon=Case(When(not_sent, then=Value(due_soon)), default=Value(False), output_field=BooleanField()),
    )


def plan_areas_with_tasks(*, plan: Plan, tasks: QuerySet[Task]) -> QuerySet[TaskArea]:
    """The plan's areas in order, each with its (filtered) tasks, in a fixed number of queries."""
    return (
        plan.areas.select_related("standard_area")
        .prefetch_related(Prefetch("tasks", queryset=tasks.order_by("position")))
        .order_by("position")
    )


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


def _described(change) -> dict:
    """A changed field with its label and, for choice fields, the labels of the old and new values."""
    field = cast(models.Field, TaskProgress._meta.get_field(change.field))
    labels = dict(field.flatchoices) if field.choices else {}
    return {
        "field": field.verbose_name,
        "old": labels.get(change.old, change.old),
        "new": labels.get(change.new, change.new),
    }


def progress_history(*, entries) -> dict[int, list[dict]]:
    """Each entry's recorded changes, newest first: when, who, the step, and what changed.

    Rows come from the entry's own history (fields and workflow steps), its achieved values and its
    attachments, in three queries whatever the number of entries.
    """
    ids = [entry.pk for entry in entries]
    rows: dict[int, list[dict]] = {pk: [] for pk in ids}
    for progress_id, row in [*_entry_rows(ids), *_target_value_rows(ids), *_attachment_rows(ids)]:
        rows[progress_id].append(row)
    for entry_rows in rows.values():
        entry_rows.sort(key=lambda row: (row["date"], row["order"]), reverse=True)
    return rows


def _row(record, step: str, changes: list[dict], order: int = 0) -> dict:
    created = record.history_type == "+"
    return {
        "date": record.history_date,
        "user": record.history_user,
        "step": step,
        "changes": changes,
        "order": order,
        "created": created,
    }


def _entry_rows(ids):
    records = (
        TaskProgress.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        if before is not None:
            delta = record.diff_against(before, excluded_fields=HISTORY_HIDDEN_FIELDS)
            changes = [_described(change) for change in delta.changes]
        previous[record.id] = record
        # A workflow step sorts after the save that preceded it in the same second.
        yield record.id, _row(record, record.history_change_reason or "", changes, order=1)


def _target_value_rows(ids):
    records = (
        ProgressTargetValue.history.filter(progress_id__in=ids)
        .select_related("history_user", "target")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        old = before.achieved_value if before is not None and before.history_type != "-" else None
        new = None if record.history_type == "-" else record.achieved_value
        previous[record.id] = record
        change = {"field": record.target.name, "old": _number(old), "new": _number(new)}
        yield record.progress_id, _row(record, "save", [change])


def _attachment_rows(ids):
    records = ProgressAttachment.history.filter(progress_id__in=ids).select_related("history_user")
    label = ProgressAttachment._meta.verbose_name
    for record in records.filter(history_type__in=["+", "-"]):
        added = record.history_type == "+"
        change = {
            "field": label,
            "old": None if added else record.original_name,
            "new": record.original_name if added else None,
        }
        yield record.progress_id, _row(record, "attach" if added else "detach", [change])


def _number(value):
    return None if value is None else f"{value.normalize():f}"


def task_standing() -> Case:
    """Where a task stands; needs the progress_status and task_overdue annotations of tasks_with_progress.

    Completed: its latest entry says completed (on time or late). Overdue: not completed and its
    deadline has passed. Behind: neither, and its latest entry says behind schedule or not carried
    out. On track: every other task, those without an entry yet included.
    """
    return Case(
        When(progress_status__in=COMPLETED_STATUSES, then=Value(TaskStanding.COMPLETED)),
        When(task_overdue=True, then=Value(TaskStanding.OVERDUE)),
        When(progress_status__in=BEHIND_STATUSES, then=Value(TaskStanding.BEHIND)),
        default=Value(TaskStanding.ON_TRACK),
        output_field=CharField(),
    )


def tasks_with_standing(*, user, tasks: QuerySet[Task], as_of: datetime.date) -> AnnotatedQuerySet:
    """The tasks (already scoped to the user) with their latest readable entry up to as_of and their standing."""
    # Entries of periods that had not begun by as_of did not exist then: the figures are as of that day.
    entries = progress_visible_to(user=user).filter(period__start_date__lte=as_of)
    return tasks_with_progress(tasks=tasks, entries=entries, today=as_of).annotate(task_standing=task_standing())


def report_deadline_cutoff(period: ReportingPeriod) -> datetime.datetime:
    """The first moment after the period's deadline day, in the portal's time zone: on time means before it."""
    next_day = period.deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def _timeliness_condition(timeliness: str, cutoff: datetime.datetime, prefix: str = "") -> Q:
    conditions: dict[str, Q] = {
        ReportTimeliness.ON_TIME: Q(**{f"{prefix}submitted_at__lt": cutoff}),
        ReportTimeliness.LATE: Q(**{f"{prefix}submitted_at__gte": cutoff}),
        ReportTimeliness.MISSING: Q(**{f"{prefix}submitted_at__isnull": True}),
    }
    return conditions[timeliness]


def department_timeliness(*, period: ReportingPeriod, tasks: QuerySet[Task]) -> AnnotatedQuerySet:
    """Departments owing entries on the tasks for the period, with how many were sent on time, late or not at all.

    An entry was sent when it has a submitted_at (the last submission counts after a return); on time
    means on or before the deadline day. Raises nothing.
    """
    cutoff = report_deadline_cutoff(period)
    # Only entries the department owes count, so that on time + late + missing = expected even when a
    # task changed its lead department after an entry was made.
    sent = TaskProgress.objects.filter(
        _owed(), period=period, department=OuterRef("pk"), task__in=tasks.values("pk"), submitted_at__isnull=False
    )
    departments = Department.objects.annotate(
        expected=_expected_entries(tasks),
        on_time=_count(sent.filter(_timeliness_condition(ReportTimeliness.ON_TIME, cutoff)), "department"),
        late=_count(sent.filter(_timeliness_condition(ReportTimeliness.LATE, cutoff)), "department"),
    ).filter(expected__gt=0)
    return departments.annotate(missing=F("expected") - F("on_time") - F("late"))


def department_tasks_by_timeliness(
    *, period: ReportingPeriod, tasks: QuerySet[Task], department_id: int, timeliness: str
) -> QuerySet[Task]:
    """The tasks behind one cell of department_timeliness: those whose entry came on time, late or not at all."""
    owed = tasks.filter(pk__in=department_tasks(department_id=department_id).values("pk"))
    entry = TaskProgress.objects.filter(period=period, department_id=department_id, task=OuterRef("pk"))
    owed = owed.annotate(submitted_at=Subquery(entry.values("submitted_at")[:1]))
    return owed.filter(_timeliness_condition(timeliness, report_deadline_cutoff(period)))


def last_closed_period(*, as_of: datetime.date, kind: str | None = None) -> ReportingPeriod | None:
    """The period of the province's usual kind whose submission deadline passed most recently before as_of."""
    kind = kind or settings.MY_WORK_PERIOD_KIND
    return ReportingPeriod.objects.filter(kind=kind, deadline__lt=as_of).order_by("-deadline", "-end_date").first()
