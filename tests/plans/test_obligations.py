"""The obligations rule: which (task, department) owes an entry in which period, on one built scenario."""

import datetime
from dataclasses import dataclass

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role, SuccessionKind
from accounts.models import Department, DepartmentSuccession
from plans.choices import PeriodKind, PlanStatus, ProgressStatus, TaskTiming, WorkflowState
from plans.models import ReportingPeriod, Task, TaskProgress
from plans.obligation_builds import obligations_changed
from plans.selectors import period_obligations, reporting_rates
from plans.services import department_succession_record
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory, TaskProgressFactory

D = datetime.date


def period(kind: str, year: int, sequence: int, start: datetime.date, end: datetime.date) -> ReportingPeriod:
    deadline = end + datetime.timedelta(days=5)
    return ReportingPeriod.objects.create(
        kind=kind, year=year, sequence=sequence, start_date=start, end_date=end, deadline=deadline
    )


def quarter(year: int, number: int) -> ReportingPeriod:
    end = D(year + (number == 4), (3 * number) % 12 + 1, 1) - datetime.timedelta(days=1)
    return period(PeriodKind.QUARTERLY, year, number, D(year, 3 * number - 2, 1), end)


@dataclass
class Scenario:
    lead: Department
    helper_1: Department
    helper_2: Department
    merged_away: Department
    merged_into: Department
    tasks: dict[str, Task]
    periods: dict[str, ReportingPeriod]


@pytest.fixture
def scenario(db) -> Scenario:
    lead, helper_1, helper_2 = (DepartmentFactory(code=code) for code in ("lead", "help1", "help2"))
    # help2 merges into "merged" on 01/08/2025; the merger moved the open task to the new body.
    merged_into = DepartmentFactory(code="merged", valid_from=D(2025, 8, 1))
    helper_2.valid_to, helper_2.is_active = D(2025, 7, 31), False
    helper_2.save()
    DepartmentSuccession.objects.create(
        predecessor=helper_2, successor=merged_into, kind=SuccessionKind.MERGER, effective_date=D(2025, 8, 1)
    )
    plan_2025 = PlanFactory(issue_date=D(2025, 1, 10), start_year=2025, end_year=2025, continues_after=False)
    closed = PlanFactory(
        issue_date=D(2024, 12, 20), start_year=2025, end_year=2026, status=PlanStatus.CLOSED, in_force_to=D(2025, 6, 30)
    )
    draft = PlanFactory(
        issue_date=D(2025, 1, 5), start_year=2025, end_year=2025, continues_after=False, status=PlanStatus.DRAFT
    )
    area, closed_area, draft_area = (
        TaskAreaFactory(plan=plan_2025),
        TaskAreaFactory(plan=closed),
        TaskAreaFactory(plan=draft),
    )
    tasks = {
        "continuous": TaskFactory(area=area, lead_department=lead, timing=TaskTiming.CONTINUOUS),
        "yearly": TaskFactory(area=area, lead_department=lead, timing=TaskTiming.YEARLY),
        "monthly": TaskFactory(area=area, lead_department=lead, timing=TaskTiming.MONTHLY),
        "deadline": TaskFactory(area=area, lead_department=lead, timing=TaskTiming.DEADLINE, deadline=D(2025, 6, 30)),
        "closed": TaskFactory(area=closed_area, lead_department=lead),
        "draft": TaskFactory(area=draft_area, lead_department=lead),
    }
    tasks["continuous"].coordinating_departments.set([helper_1, merged_into])
    periods = {f"Q{n}": quarter(2025, n) for n in (1, 2, 3, 4)}
    periods["2026Q1"] = quarter(2026, 1)
    periods["year"] = period(PeriodKind.YEARLY, 2025, 1, D(2025, 1, 1), D(2025, 12, 31))
    periods["month"] = period(PeriodKind.MONTHLY, 2025, 3, D(2025, 3, 1), D(2025, 3, 31))
    # The deadline task is reported completed in Q2 and the focal point accepts it.
    TaskProgressFactory(
        task=tasks["deadline"],
        period=periods["Q2"],
        department=lead,
        percent_done=100,
        status=ProgressStatus.COMPLETED,
        state=WorkflowState.ACCEPTED,
    )
    return Scenario(lead, helper_1, helper_2, helper_2, merged_into, tasks, periods)


def owed(scenario: Scenario, period: str, user) -> set[tuple[str, str, str]]:
    names = {task.pk: name for name, task in scenario.tasks.items()}
    codes = dict(Department.objects.values_list("pk", "code"))
    obligations = period_obligations(period=scenario.periods[period], user=user)
    return {(names[o.task_id], codes[o.department_id], o.role) for o in obligations}


@pytest.fixture
def specialist(db):
    return UserFactory(role=Role.SPECIALIST, department=None)


def test_quarters_owe_continuous_monthly_and_open_deadline_tasks_of_plans_in_force(scenario, specialist):
    assert owed(scenario, "Q1", specialist) == {
        ("continuous", "lead", "lead"),
        ("continuous", "help1", "coordinating"),
        # Before the merger the old body reports the part the new one now holds.
        ("continuous", "help2", "coordinating"),
        # Months are not collected, so a monthly task reports in every collected period.
        ("monthly", "lead", "lead"),
        ("deadline", "lead", "lead"),
        ("closed", "lead", "lead"),
    }


def test_accepted_completion_ends_a_deadline_task_and_closing_ends_a_plan(scenario, specialist):
    assert ("deadline", "lead", "lead") in owed(scenario, "Q2", specialist)
    q3 = owed(scenario, "Q3", specialist)
    assert ("deadline", "lead", "lead") not in q3
    assert ("closed", "lead", "lead") not in q3


def test_after_the_merger_the_successor_owes(scenario, specialist):
    q3 = owed(scenario, "Q3", specialist)
    assert ("continuous", "merged", "coordinating") in q3
    assert not any(code == "help2" for _task, code, _role in q3)


def test_yearly_task_owes_in_the_yearly_period_only(scenario, specialist):
    assert ("yearly", "lead", "lead") in owed(scenario, "year", specialist)
    assert not any(task == "yearly" for task, _code, _role in owed(scenario, "Q4", specialist))


def test_nothing_is_owed_outside_the_plans_validity_in_uncollected_kinds_or_for_drafts(scenario, specialist):
    assert owed(scenario, "2026Q1", specialist) == set()
    assert owed(scenario, "month", specialist) == set()
    for period in ("Q1", "Q2", "Q3", "Q4", "year"):
        assert not any(task == "draft" for task, _code, _role in owed(scenario, period, specialist))


def test_monthly_periods_owe_monthly_tasks_when_the_province_collects_them(scenario, specialist, settings):
    settings.PROGRESS_COLLECTED_PERIOD_KINDS = ["monthly", "quarterly", "yearly"]
    assert {task for task, _code, _role in owed(scenario, "month", specialist)} == {
        "continuous",
        "monthly",
        "deadline",
        "closed",
    }
    assert not any(task == "monthly" for task, _code, _role in owed(scenario, "Q1", specialist))


def test_staff_see_their_own_departments_obligations(scenario):
    clerk = UserFactory(role=Role.STAFF, department=scenario.helper_1)
    assert owed(scenario, "Q1", clerk) == {("continuous", "help1", "coordinating")}
    assert period_obligations(period=scenario.periods["Q1"], user=clerk, department_id=scenario.lead.pk) == []


def test_api_lists_obligations_with_states_and_filters(scenario, specialist, client):
    client.force_login(specialist)
    url = reverse("api:period-obligations", args=[scenario.periods["Q2"].pk])

    rows = client.get(url).json()
    deadline = scenario.tasks["deadline"]
    assert {"task": deadline.pk, "department": scenario.lead.pk, "role": "lead", "state": "accepted"} == {
        key: value for key, value in next(r for r in rows if r["task"] == deadline.pk).items() if key != "entry"
    }
    missing = client.get(url, {"state": "missing", "department": scenario.helper_1.pk}).json()
    assert missing == [
        {
            "task": scenario.tasks["continuous"].pk,
            "department": scenario.helper_1.pk,
            "role": "coordinating",
            "state": "missing",
            "entry": None,
        }
    ]
    assert client.get(url, {"state": "nonsense"}).status_code == 400


def test_api_obligations_are_out_of_reach_of_the_statistics_reader(scenario, client):
    client.force_login(UserFactory(role=Role.STATISTICS_READER, department=None))
    response = client.get(reverse("api:period-obligations", args=[scenario.periods["Q1"].pk]))
    assert response.status_code in (403, 404)


def _grow(scenario: Scenario, count: int) -> None:
    """Add `count` tasks led by the lead department and coordinated by helper 1, each with a Q1 entry, in bulk."""
    area = scenario.tasks["continuous"].area
    first = (Task.objects.filter(area=area).aggregate(last=Max("position"))["last"] or 0) + 1
    tasks = Task.objects.bulk_create(
        Task(area=area, position=first + index, content=f"Nhiệm vụ {index}", lead_department=scenario.lead)
        for index in range(count)
    )
    Task.coordinating_departments.through.objects.bulk_create(
        Task.coordinating_departments.through(task_id=task.pk, department_id=scenario.helper_1.pk) for task in tasks
    )
    TaskProgress.objects.bulk_create(
        TaskProgress(task=task, period=scenario.periods["Q1"], department=scenario.lead) for task in tasks
    )
    obligations_changed()  # bulk writes send no signals


def test_obligations_endpoint_query_count_is_the_same_at_50_and_2000_tasks(scenario, specialist, client):
    client.force_login(specialist)
    url = reverse("api:period-obligations", args=[scenario.periods["Q1"].pk])
    client.get(url)  # session and permission caches warm
    _grow(scenario, 50 - len(scenario.tasks))
    client.get(url)  # the period's obligations stored again (plans.obligation_builds)
    with CaptureQueriesContext(connection) as small:
        assert len(client.get(url).json()) == 6 + 2 * (50 - 6)
    _grow(scenario, 1950)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        assert len(client.get(url).json()) == 6 + 2 * (2000 - 6)
    assert len(large.captured_queries) == len(small.captured_queries)


@pytest.mark.parametrize("name", ["Q1", "Q2", "Q3", "Q4", "2026Q1", "year", "month"])
def test_the_api_and_each_departments_my_work_agree_on_what_is_owed(scenario, specialist, client, name):
    period = scenario.periods[name]
    client.force_login(specialist)
    rows = client.get(reverse("api:period-obligations", args=[period.pk])).json()
    for department in (scenario.lead, scenario.helper_1, scenario.helper_2, scenario.merged_into):
        clerk = UserFactory(role=Role.STAFF, department=department)
        client.force_login(clerk)
        page = client.get(reverse("plans:my_work"), {"period": period.pk})
        listed = {task.pk for task in page.context["tasks"]} if "tasks" in page.context else set()
        assert listed == {row["task"] for row in rows if row["department"] == department.pk}, (name, department)
    expected = owed(scenario, name, specialist)
    assert len(rows) == len(expected)


def test_reporting_rates_count_owed_sent_and_on_time_per_department_and_period(scenario, specialist):
    q1, q2 = scenario.periods["Q1"], scenario.periods["Q2"]
    on_time = timezone.make_aware(datetime.datetime.combine(q1.deadline, datetime.time(9)))
    late = on_time + datetime.timedelta(days=3)
    TaskProgressFactory(task=scenario.tasks["continuous"], period=q1, department=scenario.lead, submitted_at=on_time)
    TaskProgressFactory(task=scenario.tasks["monthly"], period=q1, department=scenario.lead, submitted_at=late)
    TaskProgressFactory(task=scenario.tasks["deadline"], period=q1, department=scenario.lead)  # a draft

    rows = {row.department.code: row.cells for row in reporting_rates(periods=[q1, q2], user=specialist)}

    lead_q1 = rows["lead"][0]
    assert (lead_q1.owed, lead_q1.sent, lead_q1.on_time) == (4, 2, 1)
    assert lead_q1.rate == 50 and lead_q1.on_time_rate == 25
    assert (rows["help1"][0].owed, rows["help1"][0].sent, rows["help1"][0].rate) == (1, 0, 0)
    # help2 ended before Q3 but still owed in Q1 and Q2; "merged" did not exist yet.
    assert [cell.owed for cell in rows["help2"]] == [1, 1]
    assert "merged" not in rows


def test_reporting_rates_of_staff_cover_their_department_only(scenario):
    clerk = UserFactory(role=Role.STAFF, department=scenario.helper_1)
    rows = reporting_rates(periods=[scenario.periods["Q1"]], user=clerk)
    assert [row.department.code for row in rows] == ["help1"]


def test_reporting_rates_page_shows_the_grid_with_drill_down_links(scenario, specialist, client):
    client.force_login(specialist)
    q1 = scenario.periods["Q1"]
    TaskProgressFactory(task=scenario.tasks["continuous"], period=q1, department=scenario.lead, submitted_at=None)

    page = client.get(reverse("plans:reporting_rates"), {"year": 2025, "kind": "quarterly"}).content.decode()

    assert 'id="reporting-rates"' in page
    assert f"?period={q1.pk}&amp;department={scenario.lead.pk}" in page
    assert "0/6" not in page and "0/4" in page  # the lead owes four entries in Q1 and has sent none
    bad = client.get(reverse("plans:reporting_rates"), {"year": "abc", "kind": "quarterly"})
    assert bad.status_code == 200 and "alert-danger" in bad.content.decode()


def test_reporting_rates_page_is_not_for_the_statistics_reader(db, client):
    client.force_login(UserFactory(role=Role.STATISTICS_READER, department=None))
    assert client.get(reverse("plans:reporting_rates")).status_code == 404


def test_a_task_handed_over_in_a_merger_stays_owed_by_the_earlier_body_for_earlier_periods(db, specialist):
    planning = DepartmentFactory(code="skhdt")
    finance = DepartmentFactory(code="stc")  # existed before and absorbs Sở KH&ĐT
    plan = PlanFactory(issue_date=D(2024, 1, 5), start_year=2024, end_year=2026, continues_after=False)
    task = TaskFactory(area=TaskAreaFactory(plan=plan), lead_department=planning)
    shared = TaskFactory(area=task.area, lead_department=finance)
    shared.coordinating_departments.set([planning])
    q4_2024, q2_2025 = quarter(2024, 4), quarter(2025, 2)
    department_succession_record(
        predecessors=[planning], successor=finance, kind=SuccessionKind.MERGER, effective_date=D(2025, 3, 1)
    )
    codes = dict(Department.objects.values_list("pk", "code"))

    def pairs(period):
        return {(o.task_id, codes[o.department_id], o.role) for o in period_obligations(period=period, user=specialist)}

    assert pairs(q4_2024) == {
        (task.pk, "skhdt", "lead"),
        (shared.pk, "stc", "lead"),
        (shared.pk, "skhdt", "coordinating"),
    }
    assert pairs(q2_2025) == {(task.pk, "stc", "lead"), (shared.pk, "stc", "lead")}


def test_a_period_before_its_deadline_is_not_judged(db):
    from plans.selectors.timeliness import RateCell

    today = timezone.localdate()
    ahead = period(PeriodKind.QUARTERLY, today.year + 1, 1, today, today + datetime.timedelta(days=10))
    behind = quarter(2025, 1)
    assert not RateCell(ahead, owed=3).deadline_passed and RateCell(behind, owed=3).deadline_passed


def test_a_body_dissolved_without_successor_owes_nothing_after_its_window(scenario, specialist):
    dissolved = DepartmentFactory(code="gone", valid_to=D(2025, 5, 15), is_active=False)
    scenario.tasks["continuous"].coordinating_departments.add(dissolved)
    assert ("continuous", "gone", "coordinating") in owed(scenario, "Q2", specialist)
    assert not any(code == "gone" for _task, code, _role in owed(scenario, "Q3", specialist))


def test_staff_see_their_rates_without_links_to_the_review_they_cannot_open(scenario, client):
    client.force_login(UserFactory(role=Role.STAFF, department=scenario.helper_1))
    page = client.get(reverse("plans:reporting_rates"), {"year": 2025, "kind": "quarterly"}).content.decode()
    assert 'id="reporting-rates"' in page and "0/1" in page
    assert f"{reverse('plans:review')}?period=" not in page
