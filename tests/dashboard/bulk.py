"""A province's data built with bulk_create: the query-count tests and the benchmarks share it.

bulk_create sends no signals, so nothing here bumps the dashboard's cache generation: callers start
from an empty cache. The periods' stored obligations are outdated explicitly (obligations_changed).
"""

import datetime
import itertools

from django.utils import timezone

from accounts.choices import DepartmentKind
from accounts.models import Department
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCountry
from delegations.rollup import rollup_touch
from plans.choices import PeriodKind, PlanStatus, ProgressStatus, TaskTiming, WorkflowState
from plans.models import Plan, ReportingPeriod, StandardArea, Task, TaskArea, TaskProgress
from plans.obligation_builds import obligations_changed

STATUSES = [ProgressStatus.IN_PROGRESS, ProgressStatus.COMPLETED, ProgressStatus.BEHIND, ProgressStatus.NOT_STARTED]
COUNTRIES = ["LA", "KH", "CN", "TH", "JP", "KR", "US", "FR", "DE", "AU"]


def build_province(*, years: int, tasks_per_year: int, delegations: int, departments: int = 20) -> dict:
    """Plans (one per year, the last in force), their tasks and quarterly entries, and delegations."""
    today = timezone.localdate()
    first_year = today.year - years + 1
    units = Department.objects.bulk_create(
        Department(name=f"Đơn vị số {n}", short_name=f"ĐV {n}", code=f"bulk-{n}", kind=DepartmentKind.PROVINCIAL_AGENCY)
        for n in range(departments)
    )
    standard_areas = list(StandardArea.objects.order_by("sort_order"))
    tasks = []
    for year in range(first_year, today.year + 1):
        tasks += _plan_tasks(year, year == today.year, tasks_per_year, units, standard_areas, today)
    obligations_changed()
    _progress(tasks, units, first_year, today)
    _delegations(delegations, units, first_year, today)
    return {"tasks": len(tasks), "departments": units}


def _plan_tasks(year, in_force, count, units, standard_areas, today) -> list[Task]:
    plan = Plan.objects.create(
        document_number=f"{year}/KH-BULK",
        issuer="UBND tỉnh",
        issue_date=datetime.date(year, 1, 15),
        title=f"Kế hoạch năm {year}",
        start_year=year,
        end_year=year,
        status=PlanStatus.IN_FORCE if in_force else PlanStatus.CLOSED,
    )
    areas = TaskArea.objects.bulk_create(
        TaskArea(plan=plan, position=n + 1, title=area.name, standard_area=area)
        for n, area in enumerate(standard_areas)
    )
    tasks = Task.objects.bulk_create(
        Task(
            area=areas[n % len(areas)],
            position=n // len(areas) + 1,
            content=f"Nhiệm vụ {n} năm {year}",
            lead_department=units[n % len(units)],
            timing=TaskTiming.DEADLINE,
            deadline=today + datetime.timedelta(days=(n % 60) - 30),
        )
        for n in range(count)
    )
    through = Task.coordinating_departments.through
    through.objects.bulk_create(
        through(task_id=task.pk, department_id=units[(n + 1) % len(units)].pk) for n, task in enumerate(tasks)
    )
    return tasks


def ensure_quarters(first_year: int, last_year: int) -> dict:
    """Every quarter of the years, reusing those a fixture made already (one per kind, year and number)."""
    periods = {}
    for year, quarter in itertools.product(range(first_year, last_year + 1), range(1, 5)):
        start = datetime.date(year, 3 * quarter - 2, 1)
        end = (start + datetime.timedelta(days=95)).replace(day=1) - datetime.timedelta(days=1)
        periods[(year, quarter)] = ReportingPeriod(
            kind=PeriodKind.QUARTERLY,
            year=year,
            sequence=quarter,
            start_date=start,
            end_date=end,
            deadline=end + datetime.timedelta(days=5),
        )
    # Periods a fixture made already are reused (one period per kind, year and number).
    existing = {(p.year, p.sequence): p for p in ReportingPeriod.objects.filter(kind=PeriodKind.QUARTERLY)}
    ReportingPeriod.objects.bulk_create(period for key, period in periods.items() if key not in existing)
    obligations_changed()
    periods.update(existing)
    return periods


def _progress(tasks, units, first_year, today) -> None:
    """One entry per task and quarter of its plan's year, by its lead department, most sent on time."""
    periods = ensure_quarters(first_year, today.year)
    entries = []
    for n, task in enumerate(tasks):
        year = task.area.plan.start_year
        for quarter in range(1, 5):
            period = periods[(year, quarter)]
            status = STATUSES[(n + quarter) % len(STATUSES)]
            sent = timezone.make_aware(datetime.datetime.combine(period.deadline, datetime.time(9)))
            entries.append(
                TaskProgress(
                    task=task,
                    period=period,
                    department_id=task.lead_department_id,
                    status=status,
                    percent_done=100 if status == ProgressStatus.COMPLETED else 30,
                    state=WorkflowState.SUBMITTED if n % 5 else WorkflowState.DRAFT,
                    submitted_at=(sent + datetime.timedelta(days=n % 3)) if n % 5 else None,
                )
            )
    TaskProgress.objects.bulk_create(entries, batch_size=2000)


def _delegations(count, units, first_year, today) -> None:
    days = (today - datetime.date(first_year, 1, 1)).days + 1
    rows = Delegation.objects.bulk_create(
        (
            Delegation(
                reference=f"B-{n}",
                direction=Direction.INBOUND if n % 3 else Direction.OUTBOUND,
                title=f"Đoàn {n}",
                department=units[n % len(units)],
                leader_name="Trưởng đoàn",
                member_count=n % 12 + 1,
                start_date=today - datetime.timedelta(days=n % days),
                end_date=today - datetime.timedelta(days=n % days) + datetime.timedelta(days=2),
                status=DelegationStatus.CANCELLED if n % 17 == 0 else DelegationStatus.COMPLETED,
                cancellation_reason="Hoãn chuyến đi" if n % 17 == 0 else "",
            )
            for n in range(count)
        ),
        batch_size=2000,
    )
    links = [DelegationCountry(delegation=row, country=COUNTRIES[n % len(COUNTRIES)]) for n, row in enumerate(rows)]
    links += [DelegationCountry(delegation=row, country="VN") for row in rows[::7]]
    DelegationCountry.objects.bulk_create(links, batch_size=2000)
    # bulk_create sends no signals: the statistics rollup is told of the new delegations here.
    rollup_touch(keys={(row.start_date, row.department_id) for row in rows})
