"""Which departments reported a period's entries on time, late or not at all: the portal's one rule."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import Department
from accounts.permissions import reads_all_progress

from ..choices import ReportTimeliness
from ..models import ReportingPeriod, Task
from .obligations import BodyLineage, Obligation, owed_entries, period_obligations


def report_deadline_cutoff(period: ReportingPeriod) -> datetime.datetime:
    """The first moment after the period's deadline day, in the portal's time zone: on time means before it."""
    next_day = period.deadline + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


def _sent_in_time(obligation: Obligation, cutoff: datetime.datetime) -> str:
    if obligation.submitted_at is None:
        return ReportTimeliness.MISSING
    return ReportTimeliness.ON_TIME if obligation.submitted_at < cutoff else ReportTimeliness.LATE


def department_timeliness(*, period: ReportingPeriod, tasks: QuerySet[Task]) -> list[dict]:
    """Departments owing entries on the tasks for the period, with how many were sent on time, late or not at all.

    Owed entries come from the one obligations rule; an entry was sent when it has a submitted_at
    (the last submission counts after a return); on time means on or before the deadline day. Rows
    are dicts (pk, name, expected, on_time, late, missing) in the departments' order. Raises nothing.
    """
    cutoff = report_deadline_cutoff(period)
    counts: dict[int, Counter] = defaultdict(Counter)
    for obligation in owed_entries(period=period, tasks=tasks):
        counts[obligation.department_id][_sent_in_time(obligation, cutoff)] += 1
    departments = Department.objects.filter(pk__in=counts).order_by("sort_order", "name")
    return [
        {
            "pk": department.pk,
            "name": department.name,
            "expected": sum(counts[department.pk].values()),
            **{str(kind): counts[department.pk][kind] for kind in ReportTimeliness.values},
        }
        for department in departments
    ]


def department_tasks_by_timeliness(
    *, period: ReportingPeriod, tasks: QuerySet[Task], department_id: int, timeliness: str
) -> QuerySet[Task]:
    """The tasks behind one cell of department_timeliness: those whose entry came on time, late or not at all."""
    cutoff = report_deadline_cutoff(period)
    owed = owed_entries(period=period, tasks=tasks, department_id=department_id)
    chosen = [obligation.task_id for obligation in owed if _sent_in_time(obligation, cutoff) == timeliness]
    return tasks.filter(pk__in=chosen)


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
    owed: dict[int, list[Obligation]] | None = None,
) -> list[RateRow]:
    """Departments × periods: entries owed, sent and sent on time, for the departments the user may see.

    Sent means submitted at least once (the last submission counts after a return); on time means
    before the end of the deadline day (`report_deadline_cutoff`). A fixed number of queries per period.
    `owed` maps a period's pk to its unscoped `owed_entries`, which a page has already read: used
    instead of reading them again when the user reads every department's progress and nothing narrows.
    """
    cells: dict[int, dict[int, RateCell]] = defaultdict(dict)
    lineage = BodyLineage()
    unscoped = reads_all_progress(user) and department_id is None and plan_id is None
    for period in periods:
        cutoff = report_deadline_cutoff(period)
        if unscoped and owed and period.pk in owed:
            obligations = owed[period.pk]
        else:
            obligations = period_obligations(
                period=period, user=user, department_id=department_id, plan_id=plan_id, lineage=lineage
            )
        for obligation in obligations:
            cell = cells[obligation.department_id].setdefault(period.pk, RateCell(period))
            cell.owed += 1
            if obligation.submitted_at is not None:
                cell.sent += 1
                cell.on_time += obligation.submitted_at < cutoff
    departments = Department.objects.filter(pk__in=cells).order_by("sort_order", "name")
    return [
        RateRow(department, [cells[department.pk].get(period.pk, RateCell(period)) for period in periods])
        for department in departments
    ]
