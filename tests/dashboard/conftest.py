"""A province whose dashboard figures can be counted by hand (see the comments on each row)."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from delegations.choices import DelegationStatus, Direction
from plans.choices import PeriodKind, PlanStatus, ProgressStatus, TaskTiming, WorkflowState
from plans.models import ReportingPeriod, StandardArea, TaskProgress
from plans.selectors import report_deadline_cutoff
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory
from tests.plans.conftest import login, media_root, world  # noqa: F401
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory

# The delegation figures use a past span, so that they do not move with today's date.
SPAN = {"date_from": "2025-01-01", "date_to": "2025-06-30"}


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test computes its figures afresh; cached figures of another test must not leak in."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Province:
    world: object
    tasks: dict
    areas: dict
    standard_areas: dict
    plans: dict
    closed_period: ReportingPeriod
    delegations: dict


def _task(area, position, lead, *, deadline=None, coordinating=()):
    timing = TaskTiming.DEADLINE if deadline else TaskTiming.CONTINUOUS
    task = TaskFactory(area=area, position=position, lead_department=lead, timing=timing, deadline=deadline)
    task.coordinating_departments.add(*coordinating)
    return task


def _entry(task, period, department, status, *, submitted_at=None, state=WorkflowState.SUBMITTED):
    percent = 100 if status in (ProgressStatus.COMPLETED, ProgressStatus.COMPLETED_LATE) else 40
    if submitted_at is None:
        state = WorkflowState.DRAFT
    return TaskProgress.objects.create(
        task=task,
        period=period,
        department=department,
        status=status,
        percent_done=percent,
        state=state,
        submitted_at=submitted_at,
    )


def _build_tasks(base, today):
    a, b, c = (base.departments[key] for key in "abc")
    # The thirteen standard areas come with a migration; two of them serve here.
    economy, culture = StandardArea.objects.order_by("sort_order", "pk")[:2]
    plan2 = PlanFactory(document_number="12/KH-UBND", status=PlanStatus.IN_FORCE)
    draft = PlanFactory(document_number="99/KH-UBND", status=PlanStatus.DRAFT)
    areas = {
        "p1_none": base.area,  # plan 1, no standard area: T1, T2
        "p1_economy": TaskAreaFactory(plan=base.plan, position=2, standard_area=economy),  # T3, T4
        "p2_economy": TaskAreaFactory(plan=plan2, position=1, standard_area=economy),  # T5, T6
        "p2_culture": TaskAreaFactory(plan=plan2, position=2, standard_area=culture),  # T7
        "draft": TaskAreaFactory(plan=draft, position=1, standard_area=culture),  # T8: never counted
    }
    past, future = today - datetime.timedelta(days=10), today + datetime.timedelta(days=30)
    tasks = {
        "T1": base.task,  # lead a, coordinating b, no deadline
        "T2": _task(areas["p1_none"], 2, a, deadline=past),
        "T3": _task(areas["p1_economy"], 1, b, deadline=past, coordinating=[c]),
        "T4": _task(areas["p1_economy"], 2, b, deadline=future),
        "T5": _task(areas["p2_economy"], 1, c, deadline=future),
        "T6": _task(areas["p2_economy"], 2, c),
        "T7": _task(areas["p2_culture"], 1, c, deadline=today - datetime.timedelta(days=1)),
        "T8": _task(areas["draft"], 1, a, deadline=past),
    }
    plans = {"p1": base.plan, "p2": plan2, "draft": draft}
    return tasks, areas, {"economy": economy, "culture": culture}, plans


def _build_progress(base, tasks, today):
    """Entries of the closed quarter (timeliness) and of the current one (latest entries)."""
    a, b, c = (base.departments[key] for key in "abc")
    closed = ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY,
        year=today.year - 1,
        sequence=4,
        start_date=today - datetime.timedelta(days=130),
        end_date=today - datetime.timedelta(days=41),
        deadline=today - datetime.timedelta(days=20),
    )
    cutoff = report_deadline_cutoff(closed)
    on_time, late = cutoff - datetime.timedelta(minutes=1), cutoff  # the last minute of the deadline day, and after
    current, status = base.period, ProgressStatus
    # Closed quarter. a owes T1, T2: both on time. b owes T1, T3, T4: on time, late, missing (a draft).
    # c owes T3, T5, T6, T7: missing, on time, missing, late.
    _entry(tasks["T1"], closed, a, status.IN_PROGRESS, submitted_at=on_time)
    _entry(tasks["T2"], closed, a, status.IN_PROGRESS, submitted_at=on_time - datetime.timedelta(days=3))
    _entry(tasks["T1"], closed, b, status.IN_PROGRESS, submitted_at=on_time)
    _entry(tasks["T3"], closed, b, status.IN_PROGRESS, submitted_at=late)
    _entry(tasks["T4"], closed, b, status.BEHIND)
    _entry(tasks["T5"], closed, c, status.BEHIND, submitted_at=on_time)
    _entry(tasks["T7"], closed, c, status.BEHIND, submitted_at=late + datetime.timedelta(days=2))
    _entry(tasks["T8"], closed, a, status.IN_PROGRESS, submitted_at=late)  # draft plan: never counted
    # Current quarter: the latest entries. T1 on track; T3 and T6 completed; T5 on track again.
    _entry(tasks["T1"], current, a, status.IN_PROGRESS)
    _entry(tasks["T3"], current, b, status.COMPLETED, submitted_at=timezone.now())
    _entry(tasks["T5"], current, c, status.IN_PROGRESS)
    _entry(tasks["T6"], current, c, status.COMPLETED_LATE)
    return closed


def _build_delegations(base):
    """SPAN 2025-01-01..2025-06-30 and the same span of 2024, with rows just outside each edge."""
    a, b = base.departments["a"], base.departments["b"]

    def delegation(key, direction, persons, start, countries, department=b, status=DelegationStatus.COMPLETED):
        start = datetime.date.fromisoformat(start)
        row = DelegationFactory(
            title=key,
            direction=direction,
            member_count=persons,
            start_date=start,
            end_date=start + datetime.timedelta(days=3),
            department=department,
            status=status,
        )
        for country in countries:
            DelegationCountryFactory(delegation=row, country=country)
        return row

    inbound, outbound = Direction.INBOUND, Direction.OUTBOUND
    rows = [
        delegation("D1", inbound, 10, "2025-02-10", ["LA"], department=a),
        delegation("D2", inbound, 5, "2025-02-20", ["LA", "TH"]),  # two countries, counts once in totals
        delegation("D3", outbound, 3, "2025-03-05", ["LA"]),
        delegation("D4", outbound, 4, "2025-06-30", ["JP"]),  # last day of the span
        delegation("D5", inbound, 7, "2025-03-01", ["LA"], status=DelegationStatus.CANCELLED),
        delegation("D6", inbound, 9, "2025-07-01", ["LA"]),  # after the span
        delegation("D7", inbound, 6, "2024-06-30", ["CN"]),  # last year, in
        delegation("D8", outbound, 2, "2024-07-01", ["LA"]),  # last year, after the span
        delegation("D9", outbound, 8, "2024-01-01", ["KR"]),  # last year, first day
    ]
    return {row.title: row for row in rows}


@pytest.fixture
def province(world) -> Province:  # noqa: F811 (the fixture imported above)
    today = timezone.localdate()
    tasks, areas, standard_areas, plans = _build_tasks(world, today)
    closed = _build_progress(world, tasks, today)
    delegations = _build_delegations(world)
    return Province(world, tasks, areas, standard_areas, plans, closed, delegations)
