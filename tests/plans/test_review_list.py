"""The review list at scale: filters, pages, returning from the list, accepting in bulk, the rate grid."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from notifications.choices import NotificationKind
from notifications.models import Notification
from plans.choices import ProgressStatus, TaskTiming, WorkflowState
from plans.models import StandardArea, TaskProgress
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_plan(world):
    """A second plan in force: one economic task led by department b, past its own deadline."""
    economy = StandardArea.objects.order_by("sort_order", "pk").first()
    plan = PlanFactory(document_number="1623/KH-UBND")
    area = TaskAreaFactory(plan=plan, position=1, title="Ngoại giao kinh tế", standard_area=economy)
    task = TaskFactory(
        area=area,
        position=1,
        content="Xúc tiến đầu tư tại Nhật Bản",
        lead_department=world.departments["b"],
        timing=TaskTiming.DEADLINE,
        deadline=timezone.localdate() - datetime.timedelta(days=3),
    )
    return plan, task, economy


def listed(client, world, **filters) -> set[tuple[str, int]]:
    """(department code, task id) of every row the review list shows with these filters, over all pages."""
    rows, page = set(), 1
    while True:
        query = {"period": world.period.pk, "page": page, "state": "", **filters}  # state="": every state
        response = client.get(reverse("plans:review"), query)
        assert response.status_code == 200
        rows |= {(row["department"].code, row["task_pk"]) for row in response.context["rows"]}
        if not response.context["page_obj"].has_next():
            return rows
        page += 1


def test_filters_narrow_the_list_by_department_plan_area_state_and_overdue(world, login, second_plan):
    plan, task, economy = second_plan
    world.entry(department="a", state=WorkflowState.SUBMITTED)
    client = login("specialist")
    everything = {("svhttdl", world.task.pk), ("sgddt", world.task.pk), ("sgddt", task.pk)}

    assert listed(client, world) == everything
    assert listed(client, world, department=world.departments["b"].pk) == {
        ("sgddt", world.task.pk),
        ("sgddt", task.pk),
    }
    assert listed(client, world, plan=plan.pk) == {("sgddt", task.pk)}
    assert listed(client, world, area=economy.pk) == {("sgddt", task.pk)}
    assert listed(client, world, state="submitted") == {("svhttdl", world.task.pk)}
    assert listed(client, world, state="missing") == everything - {("svhttdl", world.task.pk)}
    # The period's deadline is still ahead: only the task past its own deadline is overdue.
    assert listed(client, world, overdue="on") == {("sgddt", task.pk)}


@pytest.mark.parametrize(
    "filters",
    [{}, {"state": "missing"}, {"state": "submitted"}, {"department": "b"}, {"department": "b", "state": "missing"}],
)
def test_the_lists_length_read_off_the_counts_is_the_length_of_its_rows(world, login, second_plan, filters):
    world.entry(department="a", state=WorkflowState.SUBMITTED)
    if "department" in filters:
        filters = {**filters, "department": world.departments[filters["department"]].pk}
    client = login("specialist")
    query = {"period": world.period.pk, "state": "", **filters}

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:review"), query)

    # the department × state counts above the list already hold its length: no query counts it again
    counting = 'SELECT COUNT(*) AS "__count" FROM "plans_periodobligation"'
    assert not [query for query in queries.captured_queries if query["sql"].startswith(counting)]
    assert response.context["page_obj"].paginator.count == len(listed(client, world, **filters)) > 0


def test_a_filter_the_counts_do_not_hold_is_counted_in_the_database(world, login, second_plan):
    plan = second_plan[0]
    client = login("specialist")

    response = client.get(reverse("plans:review"), {"period": world.period.pk, "plan": plan.pk})

    assert response.context["page_obj"].paginator.count == 1 == len(listed(client, world, plan=plan.pk))


def test_after_the_periods_deadline_every_unsent_row_is_overdue(world, login):
    world.entry(department="a", state=WorkflowState.APPROVED)
    today = timezone.localdate()
    world.period.start_date, world.period.end_date = today - datetime.timedelta(100), today - datetime.timedelta(10)
    world.period.deadline = today - datetime.timedelta(days=1)
    world.period.save()

    rows = listed(login("specialist"), world, overdue="on")

    assert rows == {("sgddt", world.task.pk)}


def test_an_unknown_filter_value_shows_everything_rather_than_failing(world, login):
    response = login("specialist").get(
        reverse("plans:review"), {"period": world.period.pk, "department": "x'; drop", "page": "ba"}
    )

    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == 2


def test_pages_hold_a_fixed_number_of_rows_and_keep_the_filters(world, login, settings):
    settings.REVIEW_ROWS_PER_PAGE = 1
    client = login("specialist")

    response = client.get(reverse("plans:review"), {"period": world.period.pk, "state": "missing"})

    assert len(response.context["rows"]) == 1
    page = response.content.decode()
    assert f"?period={world.period.pk}&amp;state=missing&amp;page=2" in page
    assert listed(client, world, state="missing") == {("svhttdl", world.task.pk), ("sgddt", world.task.pk)}


def test_specialist_returns_an_entry_from_the_list_and_comes_back_to_it(world, login):
    progress = world.entry(department="a", state=WorkflowState.APPROVED)
    client = login("specialist")
    here = f"{reverse('plans:review')}?period={world.period.pk}&state=approved"
    page = client.get(here).content.decode()
    assert reverse("plans:progress_step", args=[progress.pk, "return"]) in page

    response = client.post(
        reverse("plans:progress_step", args=[progress.pk, "return"]),
        {"comment": "Thiếu số học viên", "version": progress.version, "next": here},
    )

    assert response.status_code == 302 and response.url == here
    progress.refresh_from_db()
    assert (progress.state, progress.review_comment) == (WorkflowState.RETURNED, "Thiếu số học viên")
    rung = Notification.objects.filter(kind=NotificationKind.PROGRESS_RETURNED)
    assert set(rung.values_list("recipient__username", flat=True)) == {"staff_a"}


def test_return_from_the_list_without_a_comment_changes_nothing(world, login):
    progress = world.entry(department="a", state=WorkflowState.SUBMITTED)

    response = login("specialist").post(
        reverse("plans:progress_step", args=[progress.pk, "return"]), {"comment": " ", "next": "/review/"}, follow=True
    )

    progress.refresh_from_db()
    assert progress.state == WorkflowState.SUBMITTED
    assert "Hãy nêu lý do trả lại" in response.content.decode()


def test_bulk_accept_comes_back_to_the_filtered_list(world, login):
    progress = world.entry(department="a", state=WorkflowState.APPROVED, status=ProgressStatus.IN_PROGRESS)
    here = f"{reverse('plans:review')}?period={world.period.pk}&department={world.departments['a'].pk}"

    response = login("specialist").post(
        reverse("plans:review_accept", args=[world.period.pk]), {"progress": [progress.pk], "next": here}
    )

    assert response.url == here
    assert TaskProgress.objects.get(pk=progress.pk).state == WorkflowState.ACCEPTED


def test_outside_links_are_not_followed_after_a_step(world, login):
    progress = world.entry(department="a", state=WorkflowState.APPROVED)

    response = login("specialist").post(
        reverse("plans:review_accept", args=[world.period.pk]),
        {"progress": [progress.pk], "next": "https://evil.example/"},
    )

    assert response.url == f"{reverse('plans:review')}?period={world.period.pk}"


def test_the_review_page_loads_the_years_reporting_rates_with_drill_down(world, login):
    world.entry(department="a", state=WorkflowState.SUBMITTED, submitted_at=timezone.now())
    client = login("specialist")

    page = client.get(reverse("plans:review"), {"period": world.period.pk}).content.decode()
    # The grid comes after the page (portal.js data-fragment); without script, the link leads to it.
    query = f"year={world.period.year}&amp;kind={world.period.kind}"
    assert f'data-fragment="{reverse("plans:reporting_rates")}?{query}&amp;fragment=1"' in page
    assert f'href="{reverse("plans:reporting_rates")}?{query}"' in page

    fragment = client.get(
        reverse("plans:reporting_rates"), {"year": world.period.year, "kind": world.period.kind, "fragment": 1}
    )
    rows = {row.department.code: row for row in fragment.context["rows"]}
    cell = rows["svhttdl"].cells[-1]
    assert (cell.owed, cell.sent) == (1, 1)
    html = fragment.content.decode()
    assert "<html" not in html  # the grid alone, for the page to place
    drill_down = f"?period={world.period.pk}&amp;department={world.departments['a'].pk}"
    assert drill_down in html
