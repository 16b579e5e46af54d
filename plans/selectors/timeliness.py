"""Which departments reported a period's entries on time, late or not at all: the portal's one rule."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Department

from ..choices import ReportTimeliness
from ..models import PeriodObligation, ReportingPeriod, Task
from .obligations import obligations_visible_to, stored_obligations


def report_deadline_cutoff(period: ReportingPeriod) -> datetime.datetime:
    """The first moment after the period's deadline day, in the portal's time zone: on time means before it."""
    next_day = period.deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def _timeliness_filters(cutoff: datetime.datetime) -> dict[str, Q]:
    """The rule, once: an owed entry was sent before the cutoff, sent after it, or never sent."""
    return {
        ReportTimeliness.ON_TIME.value: Q(entry__submitted_at__lt=cutoff),
        ReportTimeliness.LATE.value: Q(entry__submitted_at__gte=cutoff),
        ReportTimeliness.MISSING.value: Q(entry__submitted_at__isnull=True),
    }


def _timeliness_counts(owed: QuerySet[PeriodObligation], cutoff: datetime.datetime) -> QuerySet:
    """Per department: entries owed, and how many of them were on time, late or missing; one GROUP BY."""
    kinds = {kind: Count("pk", filter=condition) for kind, condition in _timeliness_filters(cutoff).items()}
    return owed.values("department_id").annotate(owed=Count("*"), **kinds).order_by()


def department_timeliness(*, period: ReportingPeriod, tasks: QuerySet[Task]) -> list[dict]:
    """Departments owing entries on the tasks for the period, with how many were sent on time, late or not at all.

    Owed entries come from the one obligations rule; an entry was sent when it has a submitted_at
    (the last submission counts after a return); on time means on or before the deadline day. Rows
    are dicts (pk, name, expected, on_time, late, missing) in the departments' order; one GROUP BY.
    """
    owed = stored_obligations(period).filter(task__in=tasks.values("pk"))
    counts = {row["department_id"]: row for row in _timeliness_counts(owed, report_deadline_cutoff(period))}
    departments = Department.objects.filter(pk__in=counts).order_by("sort_order", "name")
    return [
        {
            "pk": department.pk,
            "name": department.name,
            "expected": counts[department.pk]["owed"],
            **{kind: counts[department.pk][kind] for kind in ReportTimeliness.values},
        }
        for department in departments
    ]


def department_tasks_by_timeliness(
    *, period: ReportingPeriod, tasks: QuerySet[Task], department_id: int, timeliness: str
) -> QuerySet[Task]:
    """The tasks behind one cell of department_timeliness: those whose entry came on time, late or not at all."""
    cutoff = report_deadline_cutoff(period)
    owed = stored_obligations(period).filter(department_id=department_id)
    chosen = _timeliness_filters(cutoff).get(timeliness)
    if chosen is None:
        return tasks.none()
    return tasks.filter(pk__in=owed.filter(chosen).values("task_id"))


@dataclass
class RateCell:
    """One department's reporting in one period, as DHIS2's reporting-rate reports count it."""

    period: ReportingPeriod
    owed: int = 0
    sent: int = 0
    on_time: int = 0

    @property
    def rate(self) -> float | None:
        return 100 * self.sent / self.owed if self.owed else None

    @property
    def deadline_passed(self) -> bool:
        """Only a period whose deadline has passed is judged: before it, a low rate is no failure."""
        return self.period.deadline < timezone.localdate()

    @property
    def on_time_rate(self) -> float | None:
        return 100 * self.on_time / self.owed if self.owed else None


@dataclass
class RateRow:
    department: Department
    cells: list[RateCell]


def reporting_periods_begun(*, year: int, kind: str, today: datetime.date) -> list[ReportingPeriod]:
    """The year's periods of a kind whose data window has begun, in calendar order."""
    periods = ReportingPeriod.objects.filter(kind=kind, year=year, start_date__lte=today)
    return list(periods.order_by("start_date", "pk"))


def reporting_rates(
    *,
    periods: list[ReportingPeriod],
    user,
    department_id: int | None = None,
    plan_id: int | None = None,
) -> list[RateRow]:
    """Departments × periods: entries owed, sent and sent on time, for the departments the user may see.

    Sent means submitted at least once (the last submission counts after a return); on time means
    before the end of the deadline day (`report_deadline_cutoff`). One GROUP BY per period.
    """
    cells: dict[int, dict[int, RateCell]] = defaultdict(dict)
    for period in periods:
        owed = obligations_visible_to(period=period, user=user, department_id=department_id, plan_id=plan_id)
        for row in _timeliness_counts(owed, report_deadline_cutoff(period)):
            on_time, late = row[ReportTimeliness.ON_TIME], row[ReportTimeliness.LATE]
            cells[row["department_id"]][period.pk] = RateCell(period, row["owed"], on_time + late, on_time)
    departments = Department.objects.filter(pk__in=cells).order_by("sort_order", "name")
    return [
        RateRow(department, [cells[department.pk].get(period.pk, RateCell(period)) for period in periods])
        for department in departments
    ]
