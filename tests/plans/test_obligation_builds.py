"""The periods' stored obligations stay exactly what the rule computes, whatever changes and rolls back."""

import datetime

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts.choices import SuccessionKind
from accounts.models import DepartmentSuccession
from plans.choices import PeriodKind, PlanStatus, ProgressStatus, TaskRole, TaskTiming, WorkflowState
from plans.models import PeriodObligation, ReportingPeriod, TaskHandover
from plans.obligation_builds import obligations_changed, period_obligations_ensure
from plans.obligation_rule import owed_pairs, tasks_owing_before_completion
from plans.selectors import owed_entries
from tests.accounts.factories import DepartmentFactory
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory, TaskProgressFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def quarter_of_2025(number: int, start: datetime.date, end: datetime.date) -> ReportingPeriod:
    deadline = end + datetime.timedelta(days=5)
    return ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY, year=2025, sequence=number, start_date=start, end_date=end, deadline=deadline
    )


@pytest.fixture
def plan_world(db):
    lead, helper, other = (DepartmentFactory(code=code) for code in ("lead", "helper", "other"))
    plan = PlanFactory(issue_date=D(2025, 1, 10), start_year=2025, end_year=2025, continues_after=False)
    area = TaskAreaFactory(plan=plan)
    tasks = [TaskFactory(area=area, lead_department=lead, timing=TaskTiming.CONTINUOUS) for _ in range(3)]
    tasks[0].coordinating_departments.set([helper])
    period = quarter_of_2025(2, D(2025, 4, 1), D(2025, 6, 30))
    return {"lead": lead, "helper": helper, "other": other, "plan": plan, "tasks": tasks, "period": period}


def stored(period) -> dict:
    return {(o.task_id, o.department_id): o.role for o in owed_entries(period=period)}


def computed(period) -> dict:
    """The rule itself, computed afresh (no deadline task in these worlds is done)."""
    return owed_pairs(period, tasks_owing_before_completion(period))


def test_every_kind_of_change_reaches_the_stored_obligations(plan_world):
    period, tasks = plan_world["period"], plan_world["tasks"]
    lead, helper, other = plan_world["lead"], plan_world["helper"], plan_world["other"]
    assert stored(period) == computed(period) and len(stored(period)) == 4

    changes = [
        lambda: setattr(tasks[1], "lead_department", other) or tasks[1].save(),
        lambda: tasks[2].coordinating_departments.add(helper),
        lambda: tasks[0].coordinating_departments.remove(helper),
        lambda: TaskHandover.objects.create(
            task=tasks[1], role=TaskRole.LEAD, from_department=lead, to_department=other, effective_date=D(2025, 9, 1)
        ),
        lambda: TaskFactory(area=tasks[0].area, lead_department=helper),
        lambda: tasks[2].delete(),
        lambda: setattr(helper, "valid_to", D(2025, 3, 31)) or helper.save(),
        lambda: DepartmentSuccession.objects.create(
            predecessor=helper, successor=other, kind=SuccessionKind.MERGER, effective_date=D(2025, 4, 1)
        ),
        lambda: setattr(plan_world["plan"], "status", PlanStatus.DRAFT) or plan_world["plan"].save(),
    ]
    for change in changes:
        before = stored(period)
        change()
        assert stored(period) == computed(period)
        assert stored(period) != before or change is changes[-1]
    assert stored(period) == {}  # the plan went back to draft: nothing is owed


def test_a_period_moved_owes_what_its_new_window_asks(plan_world):
    period = plan_world["period"]
    assert stored(period)
    period.start_date, period.end_date, period.deadline = D(2026, 4, 1), D(2026, 6, 30), D(2026, 7, 5)
    period.year = 2026
    period.save()
    assert stored(period) == {} == computed(period)


def test_a_change_rolled_back_leaves_the_next_change_seen(plan_world):
    period, tasks, other = plan_world["period"], plan_world["tasks"], plan_world["other"]
    stored(period)
    with pytest.raises(RuntimeError), transaction.atomic():
        tasks[1].lead_department = other
        tasks[1].save()  # raises the generation in the savepoint, which rolls back
        raise RuntimeError
    tasks[1].refresh_from_db()
    tasks[2].coordinating_departments.add(other)  # must raise it again
    assert stored(period) == computed(period)
    assert (tasks[2].pk, other.pk) in stored(period) and (tasks[1].pk, other.pk) not in stored(period)


def test_changes_after_a_build_in_the_same_transaction_are_seen(plan_world):
    period, tasks, helper, other = plan_world["period"], plan_world["tasks"], plan_world["helper"], plan_world["other"]
    with transaction.atomic():
        tasks[1].coordinating_departments.add(helper)
        assert (tasks[1].pk, helper.pk) in stored(period)
        tasks[1].coordinating_departments.add(other)  # after the build read the raised generation
        assert (tasks[1].pk, other.pk) in stored(period)


def test_a_rebuild_without_changes_writes_nothing(plan_world):
    period = plan_world["period"]
    stored(period)
    obligations_changed()  # outdated, though nothing the rule reads changed
    with CaptureQueriesContext(connection) as queries:
        period_obligations_ensure(period)
    writes = [q["sql"] for q in queries if q["sql"].startswith(('INSERT INTO "plans_periodobligation"', "DELETE"))]
    assert writes == []
    with CaptureQueriesContext(connection) as queries:
        period_obligations_ensure(period)
    assert len(queries) == 2  # current: the generation and the build, nothing else


def test_the_collected_kinds_setting_is_part_of_the_build(plan_world):
    period = plan_world["period"]
    assert stored(period)
    with override_settings(PROGRESS_COLLECTED_PERIOD_KINDS=["yearly"]):
        assert stored(period) == {}
    assert stored(period) == computed(period) != {}


def test_a_deadline_task_done_earlier_owes_nothing_later_without_a_rebuild(plan_world):
    period, lead = plan_world["period"], plan_world["lead"]
    task = TaskFactory(
        area=plan_world["tasks"][0].area, lead_department=lead, timing=TaskTiming.DEADLINE, deadline=D(2025, 12, 31)
    )
    earlier = quarter_of_2025(1, D(2025, 1, 1), D(2025, 3, 31))
    assert (task.pk, lead.pk) in stored(period)
    built = PeriodObligation.objects.filter(period=period).count()
    TaskProgressFactory(
        task=task,
        period=earlier,
        department=lead,
        percent_done=100,
        status=ProgressStatus.COMPLETED,
        state=WorkflowState.ACCEPTED,
    )
    assert (task.pk, lead.pk) not in stored(period)
    assert PeriodObligation.objects.filter(period=period).count() == built  # decided when read
