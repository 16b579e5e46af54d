"""Progress entries of the demo: the written ones of the seed plans, the current period's in every
workflow state, and one generated entry for every owed (task, department) of every closed period.

Generated entries follow the portal's one obligations rule (plans.selectors.obligations.owed_entries):
a task handed over in a merger is reported by the earlier body before the merger and by its successor
from then on, and only a body that exists at the end of a period's window reports in it.
Departments mostly report on time; some are late, a few are returned for more detail or are still
missing. Each entry's outcome is drawn from a generator seeded with the entry's own key, so it does
not depend on what else was loaded.
"""

import random
import zlib
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from accounts.choices import Role
from accounts.models import Department, User
from plans.choices import PeriodKind, PlanStatus, ProgressStatus, TaskTiming, WorkflowState
from plans.models import Plan, ReportingPeriod, Task, TaskProgress
from plans.selectors.obligations import COORDINATING, owed_entries

from .rows import bulk_create
from .specs import CURRENT_PERIOD_PROGRESS, PHRASES, ProgressSpec

# Shares of generated entries (cumulative): missing, sent late, and in the last two closed periods
# returned for more detail or still waiting for the focal point.
MISSING, LATE, RETURNED, AWAITING = 0.03, 0.15, 0.19, 0.25
BEHIND_SHARE = 0.06
RECENT_PERIODS = 2


def at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def writers(users: dict[str, User]) -> dict[int, User]:
    """The demo user who writes each department's entries: its staff member; the specialist for the focal point."""
    found = {user.department_id: user for user in users.values() if user.role == Role.STAFF}
    specialist = users.get("chuyenvien")
    if specialist is not None and specialist.department_id:
        found[specialist.department_id] = specialist
    return found


def entry_values(spec: ProgressSpec, period: ReportingPeriod, writer: User | None) -> dict:
    """A written entry's fields, dated around the period's deadline: sent the day before, accepted days after."""
    sent = spec.state != WorkflowState.DRAFT
    accepted = spec.state == WorkflowState.ACCEPTED
    return {
        "status": spec.status,
        "percent_done": spec.percent,
        "results": spec.results,
        "difficulties": spec.difficulties,
        "proposals": spec.proposals,
        "state": spec.state,
        "review_comment": spec.review_comment,
        "submitted_at": at(period.deadline - timedelta(days=1), 9) if sent else None,
        "accepted_at": at(period.deadline + timedelta(days=5), 15) if accepted else None,
        "updated_by": writer,
    }


def load_current(*, period: ReportingPeriod, bodies: dict[str, Department], writers: dict[int, User]) -> None:
    """One entry in each workflow state for the current period's tasks of two demo departments."""
    for code in dict.fromkeys(row[0] for row in CURRENT_PERIOD_PROGRESS):
        rows = [row for row in CURRENT_PERIOD_PROGRESS if row[0] == code]
        body = bodies[code]
        led = Task.objects.filter(lead_department=body, area__plan__status=PlanStatus.IN_FORCE).exclude(
            timing=TaskTiming.YEARLY
        )
        for task, (_code, state, status, percent, results, comment) in zip(led.order_by("pk"), rows, strict=False):
            if state == "missing":
                continue
            spec = ProgressSpec("", 0, 0, "", code, status, percent, state, results, review_comment=comment)
            values = entry_values(spec, period, writers.get(body.pk))
            # The period is still open: date the steps at its start, not around its future deadline.
            for field, days in (("submitted_at", 1), ("accepted_at", 3)):
                if values[field]:
                    values[field] = at(period.start_date + timedelta(days=days), 9)
            if not TaskProgress.objects.filter(task=task, period=period, department=body).exists():
                TaskProgress.objects.create(task=task, period=period, department=body, **values)


def generate(*, plans: list[Plan], today: date) -> int:
    """Create the missing owed entries of every periodic period of the plans whose deadline is before today.

    Returns how many it created. The last two closed periods hold the entries still waiting for the
    focal point or returned.
    """
    if not plans:
        return 0
    tasks = Task.objects.filter(area__plan__in=plans)
    tasks_by_id = tasks.select_related("area__plan", "area__standard_area", "lead_department").in_bulk()
    bodies = Department.objects.in_bulk()
    closed = ReportingPeriod.objects.filter(
        kind__in=settings.PROGRESS_COLLECTED_PERIOD_KINDS,
        end_date__gte=min(plan.issue_date for plan in plans),
        deadline__lt=today,
    )
    recent = set(closed.order_by("-deadline").values_list("pk", flat=True)[:RECENT_PERIODS])
    writer_of = writers({user.username: user for user in User.objects.filter(role__in=[Role.STAFF, Role.SPECIALIST])})
    created = 0
    for period in closed.order_by("end_date", "kind"):
        rows = []
        for owed in owed_entries(period=period, tasks=tasks):
            body = bodies[owed.department_id]
            if owed.entry_id is not None or not body.exists_on(period.end_date):
                continue
            row = _generated_entry(tasks_by_id[owed.task_id], period, body, owed.role, recent=period.pk in recent)
            if row is not None:
                row.updated_by = writer_of.get(body.pk)
                rows.append(row)
        # Per period, so that a deadline task completed in one period owes nothing in the next.
        created += len(bulk_create(TaskProgress, rows))
    return created


def _generated_entry(task: Task, period: ReportingPeriod, body: Department, role: str, *, recent: bool):
    key = f"{task.area.plan.document_number}|{task.area.plan.issue_date.year}|{task.area.position}.{task.position}"
    rng = random.Random(zlib.crc32(f"{key}|{period.kind}{period.year}.{period.sequence}|{body.code}".encode()))
    draw = rng.random()
    if draw < MISSING:
        return None
    late = draw < LATE
    if late:
        submitted = at(period.deadline + timedelta(days=rng.randint(2, 12)), rng.randint(8, 16))
    else:
        submitted = at(max(period.end_date, period.deadline - timedelta(days=rng.randint(0, 3))), rng.randint(8, 16))
    state, comment = WorkflowState.ACCEPTED, ""
    if recent and LATE <= draw < RETURNED:
        state, comment = WorkflowState.RETURNED, rng.choice(PHRASES["returned"])
    elif recent and RETURNED <= draw < AWAITING:
        state = WorkflowState.SUBMITTED
    status, percent = _standing(task, period, rng, late=late)
    return TaskProgress(
        task=task,
        period=period,
        department=body,
        status=status,
        percent_done=percent,
        results=_results(task, period, role, rng),
        difficulties=rng.choice(PHRASES["behind"]) if status == ProgressStatus.BEHIND else "",
        state=state,
        review_comment=comment,
        submitted_at=submitted,
        accepted_at=submitted + timedelta(days=rng.randint(2, 6)) if state == WorkflowState.ACCEPTED else None,
    )


def _standing(task: Task, period: ReportingPeriod, rng: random.Random, *, late: bool) -> tuple[str, int]:
    """How far the task is at the period's end, as its department would judge it."""
    if rng.random() < BEHIND_SHARE:
        return ProgressStatus.BEHIND, rng.randint(20, 60)
    due = task.timing == TaskTiming.DEADLINE and task.deadline and task.deadline <= period.end_date
    year_done = task.timing == TaskTiming.YEARLY and period.kind == PeriodKind.YEARLY
    if due or year_done:
        return (ProgressStatus.COMPLETED_LATE if late and due else ProgressStatus.COMPLETED), 100
    return ProgressStatus.IN_PROGRESS, rng.randint(5, 18) * 5


def _results(task: Task, period: ReportingPeriod, role: str, rng: random.Random) -> str:
    area_code = task.area.standard_area.code if task.area.standard_area else ""
    lines = PHRASES["by_area"].get(area_code) or PHRASES["in_progress"]
    text = rng.choice(lines).format(year=period.year)
    if role == COORDINATING:
        return f"Phối hợp với {task.lead_department} (cơ quan chủ trì): {text[0].lower()}{text[1:]}"
    return text
