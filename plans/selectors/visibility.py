"""Which plans, areas, periods, tasks, entries and files a user may see: every list starts here."""

from django.db.models import (
    Count,
    Q,
    QuerySet,
)

from accounts.permissions import can_manage_plans, reads_all_progress, reports_for_department, sees_plans

from ..choices import PlanStatus
from ..models import Plan, ProgressAttachment, ReportingPeriod, Task, TaskArea, TaskProgress


def plans_visible_to(*, user) -> QuerySet[Plan]:
    """Plans the user may open: drafts only for those who manage plans; none for the statistics reader."""
    return plans_readable_by(user=user).annotate(
        area_count=Count("areas", distinct=True), task_count=Count("areas__tasks")
    )


def plans_readable_by(*, user) -> QuerySet[Plan]:
    """plans_visible_to without the counts, for subqueries: counting there would join every task and group."""
    if not sees_plans(user):
        return Plan.objects.none()
    if not can_manage_plans(user):
        return Plan.objects.exclude(status=PlanStatus.DRAFT)
    return Plan.objects.all()


def areas_visible_to(*, user) -> QuerySet[TaskArea]:
    """Task areas of the plans the user may open."""
    return TaskArea.objects.filter(plan__in=plans_readable_by(user=user).values("pk")).select_related("plan")


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
    tasks = Task.objects.filter(area__plan__in=plans_readable_by(user=user).values("pk"))
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
    return progress_on_tasks_visible_to(user=user, tasks=tasks_visible_to(user=user))


def progress_on_tasks_visible_to(*, user, tasks: QuerySet[Task]) -> QuerySet[TaskProgress]:
    """progress_visible_to among the entries of `tasks`, which must be tasks_visible_to(user) or narrower.

    For lists that already hold the user's tasks: testing the tasks' visibility again for every
    entry cost the dashboard a second semi-join over the province's entries (50 ms at 10^6).
    """
    entries = TaskProgress.objects.filter(task__in=tasks.values("pk"))
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
