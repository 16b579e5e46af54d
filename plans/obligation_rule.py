"""The obligations rule, computed: which (task, department) owes an entry in a period, before completion.

plans.selectors.obligations states the whole rule; this module computes the part that depends only on
plans, tasks, handovers, periods and the register of bodies (not on entries), which
plans.obligation_builds stores per period. Reads nothing it is not given but those models.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import QuerySet

from accounts.models import Department
from accounts.selectors import department_heirs, succession_links

from .choices import PeriodKind, TaskRole, TaskTiming
from .models import Plan, ReportingPeriod, Task, TaskHandover

LEAD, COORDINATING = TaskRole.LEAD.value, TaskRole.COORDINATING.value


def collected_period_kinds() -> set[str]:
    """The kinds of period in which the province collects progress from departments."""
    return set(settings.PROGRESS_COLLECTED_PERIOD_KINDS) | {PeriodKind.AD_HOC}


def timings_owed_in(period: ReportingPeriod) -> set[str]:
    """The task timings that owe an entry in a period of this kind."""
    collected = collected_period_kinds()
    if period.kind not in collected:
        return set()
    timings = {TaskTiming.CONTINUOUS, TaskTiming.QUARTERLY, TaskTiming.DEADLINE}
    if period.kind in (PeriodKind.YEARLY, PeriodKind.AD_HOC):
        timings.add(TaskTiming.YEARLY)
    # A monthly task reports monthly when months are collected, otherwise in every collected period.
    if period.kind in (PeriodKind.MONTHLY, PeriodKind.AD_HOC) or PeriodKind.MONTHLY not in collected:
        timings.add(TaskTiming.MONTHLY)
    return {str(timing) for timing in timings}


def tasks_owing_before_completion(period: ReportingPeriod) -> QuerySet[Task]:
    """Tasks of plans in force during the period whose timing owes an entry in it, done or not."""
    timings = timings_owed_in(period)
    if not timings:
        return Task.objects.none()
    plans = Plan.objects.in_force_during(period.start_date, period.end_date)
    return Task.objects.filter(area__plan__in=plans.values("pk"), timing__in=timings)


class BodyLineage:
    """Which body reports, on a day, for a department named on a task: itself, a predecessor or a successor."""

    def __init__(self) -> None:
        self.validity = {
            pk: (valid_from, valid_to)
            for pk, valid_from, valid_to in Department.objects.values_list("pk", "valid_from", "valid_to")
        }
        links = succession_links()
        self.predecessors: dict[int, list[int]] = defaultdict(list)
        for predecessor, successor in links:
            self.predecessors[successor].append(predecessor)
        self.successor = department_heirs(links)

    def exists_on(self, department_id: int, day: datetime.date) -> bool:
        valid_from, valid_to = self.validity.get(department_id, (None, None))
        return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)

    def reporting_bodies(
        self, department_id: int, day: datetime.date, start: datetime.date, seen: frozenset = frozenset()
    ) -> list[int]:
        """The bodies that report, for a window [start, day], what `department_id` is named for."""
        if department_id in seen:  # a cycle in the register: stop rather than loop
            return []
        if self.exists_on(department_id, day):
            return [department_id]
        seen = seen | {department_id}
        valid_from, valid_to = self.validity.get(department_id, (None, None))
        if valid_from is not None and day < valid_from:
            found = [pk for p in self.predecessors[department_id] for pk in self.reporting_bodies(p, day, start, seen)]
        elif department_id in self.successor:
            found = self.reporting_bodies(self.successor[department_id], day, start, seen)
        else:
            found = []
        # A body dissolved during the window with no successor still owes what it did in it; one
        # dissolved before the window owes nothing.
        ended_before = valid_to is not None and valid_to < start
        return found or ([] if ended_before else [department_id])


def _assignments_then(period: ReportingPeriod, tasks: QuerySet[Task]) -> tuple[dict[int, set], dict[int, set]]:
    """Each task's lead and coordinating bodies as they were at the window's end, undoing later handovers."""
    # No ordering: the model's default one would join the plan and area only to sort.
    leads: dict[int, set] = {pk: {lead} for pk, lead in tasks.order_by().values_list("pk", "lead_department_id")}
    coordinating: dict[int, set] = defaultdict(set)
    links = Task.coordinating_departments.through.objects.filter(task__in=tasks.values("pk"))
    for task_id, department_id in links.values_list("task_id", "department_id"):
        coordinating[task_id].add(department_id)
    handovers = TaskHandover.objects.filter(task__in=tasks.values("pk"), effective_date__gt=period.end_date)
    # Latest first, and every body merged into one successor on one day restored together.
    grouped: dict[tuple, list[int]] = defaultdict(list)
    for task_id, role, earlier, later, day in handovers.order_by("-effective_date", "pk").values_list(
        "task_id", "role", "from_department_id", "to_department_id", "effective_date"
    ):
        grouped[day, task_id, role, later].append(earlier)
    for (_day, task_id, role, later), earlier_bodies in grouped.items():
        if role == LEAD and later in leads[task_id]:
            leads[task_id] = set(earlier_bodies)
        elif role == COORDINATING and (later in coordinating[task_id] or later in leads[task_id]):
            # A successor that led the task took no coordinating seat: only the earlier bodies return.
            coordinating[task_id].discard(later)
            coordinating[task_id].update(earlier_bodies)
    return leads, coordinating


def owed_pairs(
    period: ReportingPeriod, tasks: QuerySet[Task], lineage: BodyLineage | None = None
) -> dict[tuple[int, int], str]:
    """(task, department) → role for every owed pair; the lead role wins when a body holds both."""
    lineage = lineage or BodyLineage()
    day = period.end_date
    leads, coordinating = _assignments_then(period, tasks)
    pairs: dict[tuple[int, int], str] = {}
    # Tens of bodies stand for tens of thousands of assignments: each body's answer is looked up once.
    bodies: dict[int, list[int]] = {}
    for role, held in ((COORDINATING, coordinating), (LEAD, leads)):
        for task_id, departments in held.items():
            for department_id in departments:
                if department_id not in bodies:
                    bodies[department_id] = lineage.reporting_bodies(department_id, day, period.start_date)
                for body in bodies[department_id]:
                    pairs[task_id, body] = role
    return pairs
