"""Which departments reported a period's entries on time, late or not at all: the portal's one rule."""

import datetime

from django.db.models import (
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from accounts.models import Department
from core.typing import AnnotatedQuerySet

from ..choices import ReportTimeliness
from ..models import ReportingPeriod, Task, TaskProgress
from .review import _count, _expected_entries, _owed
from .visibility import department_tasks


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
