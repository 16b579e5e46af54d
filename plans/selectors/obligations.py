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
from dataclasses import dataclass

from django.db.models import F, Q, QuerySet

from accounts.permissions import reads_all_progress, reports_for_department

from ..choices import COMPLETED_STATUSES, WorkflowState
from ..models import PeriodObligation, ReportingPeriod, Task, TaskProgress
from ..obligation_builds import period_obligations_ensure
from ..obligation_rule import COORDINATING, LEAD, BodyLineage, collected_period_kinds, timings_owed_in

__all__ = [
    "COORDINATING",
    "LEAD",
    "MISSING",
    "BodyLineage",
    "Obligation",
    "collected_period_kinds",
    "obligations_visible_to",
    "owed_entries",
    "period_obligations",
    "timings_owed_in",
]

MISSING = "missing"


@dataclass(frozen=True)
class Obligation:
    task_id: int
    department_id: int
    role: str
    state: str
    entry_id: int | None
    submitted_at: datetime.datetime | None = None


def _done_earlier(period: ReportingPeriod) -> QuerySet:
    """Tasks whose lead's completion was accepted in a period that ended before this one.

    Read as a set, once per query: a hashed subquery, an index-only merge of the partial index
    `progress_accepted_completed` with `task_lead_department`. The caller asks it of deadline tasks
    only. Narrowing the set to the period's deadline tasks probed an index per accepted completion and
    cost more than it saved (47 against 25 ms at 10^6); a correlated EXISTS ran once per task.
    """
    return TaskProgress.objects.filter(
        department_id=F("task__lead_department_id"),
        state=WorkflowState.ACCEPTED,
        status__in=COMPLETED_STATUSES,
        period__end_date__lt=period.start_date,
    ).values("task_id")


def stored_obligations(period: ReportingPeriod) -> QuerySet[PeriodObligation]:
    """The period's owed (task, department) rows, current, with completed deadline tasks left out.

    Each row reaches its department's entry for the period as `entry` (none when not reported).
    """
    period_obligations_ensure(period)
    owed = PeriodObligation.objects.filter(period_id=period.pk)
    return owed.filter(Q(deadline_task=False) | ~Q(task_id__in=_done_earlier(period)))


def obligations_visible_to(
    *, period: ReportingPeriod, user, department_id: int | None = None, plan_id: int | None = None
) -> QuerySet[PeriodObligation]:
    """stored_obligations the user may see: every department's for those who read all progress,
    their own department's for those who report; `department_id` and `plan_id` narrow them."""
    owed = stored_obligations(period)
    if reads_all_progress(user):
        scope = department_id
    elif reports_for_department(user) and department_id in (None, user.department_id):
        scope = user.department_id
    else:
        return owed.none()
    if scope is not None:
        owed = owed.filter(department_id=scope)
    if plan_id is not None:
        owed = owed.filter(task__area__plan_id=plan_id)
    return owed


def period_obligations(
    *,
    period: ReportingPeriod,
    user,
    department_id: int | None = None,
    plan_id: int | None = None,
    state: str | None = None,
) -> list[Obligation]:
    """Every owed (task, department) of the period the user may see, with its entry's state, in task order."""
    owed = obligations_visible_to(period=period, user=user, department_id=department_id, plan_id=plan_id)
    return _as_obligations(owed, state)


def owed_entries(
    *,
    period: ReportingPeriod,
    tasks: QuerySet[Task] | None = None,
    department_id: int | None = None,
    state: str | None = None,
) -> list[Obligation]:
    """Every owed (task, department) of the period, unscoped, in task order; `tasks` narrows the tasks.

    Three queries when the period's obligations are current, whatever the number of tasks. Raises nothing.
    """
    owed = stored_obligations(period)
    if tasks is not None:
        owed = owed.filter(task__in=tasks.values("pk"))
    if department_id is not None:
        owed = owed.filter(department_id=department_id)
    return _as_obligations(owed, state)


def _as_obligations(owed: QuerySet[PeriodObligation], state: str | None) -> list[Obligation]:
    if state == MISSING:
        owed = owed.filter(entry__id__isnull=True)
    elif state is not None:
        owed = owed.filter(entry__state=state)
    rows = owed.order_by("task_id", "department_id").values_list(
        "task_id", "department_id", "role", "entry__state", "entry__id", "entry__submitted_at"
    )
    return [
        Obligation(task_id, department_id, role, entry_state or MISSING, entry_id, submitted_at)
        for task_id, department_id, role, entry_state, entry_id, submitted_at in rows
    ]
