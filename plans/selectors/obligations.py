"""Which (task, department) owes an entry in a reporting period: the one rule every count reads.

A (task, department) owes an entry in a period when
- the task's plan is in force during the period's data window (`Plan.objects.in_force_during`);
- the period's kind is collected from departments (`PROGRESS_COLLECTED_PERIOD_KINDS`; ad hoc periods
  are always collected) and matches the task's timing (`timings_owed_in`);
- a deadline task is not yet done: its lead's entry was not accepted as completed in an earlier period;
- the department leads or coordinates the task, taken as the body that existed at the window's end:
  a body that did not exist yet reports through its predecessors, one that had ended through its
  successor (bodies over time, `accounts.DepartmentSuccession`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q, QuerySet

from accounts.models import Department
from accounts.permissions import reads_all_progress, reports_for_department
from accounts.selectors import department_heirs, succession_links

from ..choices import COMPLETED_STATUSES, PeriodKind, TaskRole, TaskTiming, WorkflowState
from ..models import Plan, ReportingPeriod, Task, TaskHandover, TaskProgress

LEAD, COORDINATING = TaskRole.LEAD.value, TaskRole.COORDINATING.value
MISSING = "missing"


@dataclass(frozen=True)
class Obligation:
    task_id: int
    department_id: int
    role: str
    state: str
    entry_id: int | None
    submitted_at: datetime.datetime | None = None


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


def owed_tasks(period: ReportingPeriod) -> QuerySet[Task]:
    """Tasks that owe entries in the period, whichever department reports them."""
    timings = timings_owed_in(period)
    if not timings:
        return Task.objects.none()
    plans = Plan.objects.in_force_during(period.start_date, period.end_date)
    # Deadline tasks whose lead's completion was accepted in an earlier period. As a set (one hashed
    # subquery), tested only for deadline tasks: a correlated EXISTS ran once per task of every plan.
    done_earlier = TaskProgress.objects.filter(
        department_id=F("task__lead_department_id"),
        state=WorkflowState.ACCEPTED,
        status__in=COMPLETED_STATUSES,
        period__end_date__lt=period.start_date,
    ).values("task_id")
    return Task.objects.filter(area__plan__in=plans.values("pk"), timing__in=timings).filter(
        ~Q(timing=TaskTiming.DEADLINE) | ~Q(pk__in=done_earlier)
    )


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


def _owed_pairs(
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


def period_obligations(
    *,
    period: ReportingPeriod,
    user,
    department_id: int | None = None,
    plan_id: int | None = None,
    state: str | None = None,
    lineage: BodyLineage | None = None,
) -> list[Obligation]:
    """Every owed (task, department) of the period the user may see, with its entry's state.

    `lineage` (the register of bodies, read once) may be shared by callers that ask for several periods.
    """
    # owed_entries keeps only owed tasks: narrowing by plan needs no second copy of the owed rule.
    tasks = None if plan_id is None else Task.objects.filter(area__plan_id=plan_id)
    if reads_all_progress(user):
        scope = department_id
    elif reports_for_department(user):
        if department_id not in (None, user.department_id):
            return []
        scope = user.department_id
    else:
        return []
    return owed_entries(period=period, tasks=tasks, department_id=scope, state=state, lineage=lineage)


def owed_entries(
    *,
    period: ReportingPeriod,
    tasks: QuerySet[Task] | None = None,
    department_id: int | None = None,
    state: str | None = None,
    lineage: BodyLineage | None = None,
) -> list[Obligation]:
    """Every owed (task, department) of the period, unscoped, in task order; `tasks` narrows the tasks.

    A fixed number of queries (six), whatever the number of tasks. Raises nothing.
    """
    owed = owed_tasks(period)
    tasks = owed if tasks is None else owed.filter(pk__in=tasks.values("pk"))
    pairs = _owed_pairs(period, tasks, lineage)
    if department_id is not None:
        pairs = {key: role for key, role in pairs.items() if key[1] == department_id}
    # The period's entries, looked up by pair: filtering them by the owed tasks again would only repeat
    # the owed rule in a subquery, and an entry of a task that owes nothing is never looked up.
    period_entries = TaskProgress.objects.filter(period=period).order_by()
    if department_id is not None:
        period_entries = period_entries.filter(department_id=department_id)
    entries = {
        (task_id, department_id): (pk, entry_state, submitted_at)
        for pk, task_id, department_id, entry_state, submitted_at in period_entries.values_list(
            "pk", "task_id", "department_id", "state", "submitted_at"
        )
    }
    obligations = []
    for (task_id, body), role in sorted(pairs.items()):
        entry_id, entry_state, submitted_at = entries.get((task_id, body), (None, MISSING, None))
        if state is None or entry_state == state:
            obligations.append(Obligation(task_id, body, role, entry_state, entry_id, submitted_at))
    return obligations
