"""Each period starts from the department's last entry, and "no change" sends it again in one click."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from plans.choices import PeriodKind, ProgressStatus, WorkflowState
from plans.models import ProgressTargetValue, ReportingPeriod, TaskProgress

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_quarter(world):
    """The quarter before the world's current one, with department a's accepted entry and department b's draft."""
    period = ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY,
        year=world.period.year - 1,
        sequence=4,
        start_date=world.period.start_date - datetime.timedelta(days=92),
        end_date=world.period.start_date - datetime.timedelta(days=1),
        deadline=world.period.start_date + datetime.timedelta(days=5),
    )
    entry = TaskProgress.objects.create(
        task=world.task,
        period=period,
        department=world.departments["a"],
        status=ProgressStatus.IN_PROGRESS,
        percent_done=70,
        results="Đã mở 2 lớp tiếng Việt cho 113 học viên Lào",
        difficulties="Thiếu giáo viên",
        state=WorkflowState.ACCEPTED,
    )
    ProgressTargetValue.objects.create(progress=entry, target=world.target, achieved_value=Decimal("2"))
    return period, entry


def form_url(world):
    return reverse("plans:progress_edit", args=[world.task.pk, world.period.pk])


def unchanged_url(world):
    return reverse("plans:progress_unchanged", args=[world.task.pk, world.period.pk])


def test_the_form_for_a_new_period_starts_from_the_last_entry(world, login, last_quarter):
    period, earlier = last_quarter

    response = login("staff_a").get(form_url(world))

    form = response.context["form"]
    assert form["status"].value() == ProgressStatus.IN_PROGRESS
    assert form["percent_done"].value() == 70
    assert form["results"].value() == earlier.results
    assert form[f"target_{world.target.pk}"].value() == Decimal("2")
    assert not form["difficulties"].value()  # the period's own
    assert period.label in response.content.decode()


def test_saving_the_carried_form_records_where_it_came_from(world, login, last_quarter):
    _period, earlier = last_quarter
    data = {
        "version": 0,
        "carried_from": earlier.pk,
        "status": ProgressStatus.IN_PROGRESS,
        "percent_done": 80,
        "results": earlier.results + "; thêm 1 lớp",
        f"target_{world.target.pk}": "3",
        "action": "save",
    }

    login("staff_a").post(form_url(world), data)

    entry = TaskProgress.objects.get(period=world.period, department=world.departments["a"])
    assert (entry.carried_from, entry.percent_done, entry.confirmed_unchanged) == (earlier, 80, False)


def test_a_forged_earlier_entry_is_not_recorded(world, login, last_quarter):
    _period, earlier = last_quarter
    other = TaskProgress.objects.create(
        task=world.task, period=last_quarter[0], department=world.departments["b"], results="Phối hợp"
    )
    data = {"version": 0, "carried_from": other.pk, "status": "in_progress", "percent_done": 10, "action": "save"}

    login("staff_a").post(form_url(world), data)

    assert TaskProgress.objects.get(period=world.period, department=world.departments["a"]).carried_from is None


def test_no_change_submits_the_last_entry_in_one_click_and_the_history_says_so(world, login, last_quarter):
    _period, earlier = last_quarter
    client = login("staff_a")
    my_work = f"{reverse('plans:my_work')}?period={world.period.pk}"
    assert unchanged_url(world) in client.get(my_work).content.decode()

    response = client.post(unchanged_url(world), {"next": my_work})

    assert response.status_code == 302 and response.url == my_work
    entry = TaskProgress.objects.get(period=world.period, department=world.departments["a"])
    assert (entry.state, entry.status, entry.percent_done, entry.results) == (
        WorkflowState.SUBMITTED,
        earlier.status,
        earlier.percent_done,
        earlier.results,
    )
    assert (entry.carried_from, entry.confirmed_unchanged, entry.difficulties) == (earlier, True, "")
    assert entry.target_values.get().achieved_value == Decimal("2")
    steps = list(entry.history.order_by("history_date", "history_id").values_list("history_change_reason", flat=True))
    assert steps == ["unchanged", "submit"]
    page = client.get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()
    assert "Xác nhận không thay đổi so với kỳ trước" in page
    # once sent, my work offers no second click
    assert unchanged_url(world) not in client.get(my_work).content.decode()


def test_no_change_on_a_returned_entry_sends_the_last_entry_again(world, login, last_quarter):
    _period, earlier = last_quarter
    world.entry(state=WorkflowState.RETURNED, percent_done=10, results="Bản nháp cũ")

    login("staff_a").post(unchanged_url(world))

    entry = TaskProgress.objects.get(period=world.period, department=world.departments["a"])
    assert (entry.state, entry.percent_done, entry.results) == (WorkflowState.SUBMITTED, 70, earlier.results)


def test_no_change_without_an_earlier_entry_changes_nothing(world, login):
    response = login("staff_a").post(unchanged_url(world), follow=True)

    assert not TaskProgress.objects.exists()
    assert "Chưa có báo cáo kỳ trước" in response.content.decode()


@pytest.mark.parametrize(("user", "status"), [("staff_c", 404), ("leadership", 403), ("specialist", 403)])
def test_only_the_tasks_departments_confirm_unchanged(world, login, last_quarter, user, status):
    response = login(user).post(unchanged_url(world))

    assert response.status_code == status
    assert not TaskProgress.objects.filter(period=world.period).exists()


def test_no_change_cannot_overwrite_a_submitted_entry(world, login, last_quarter):
    world.entry(state=WorkflowState.SUBMITTED, percent_done=90)

    login("staff_a").post(unchanged_url(world))

    entry = TaskProgress.objects.get(period=world.period, department=world.departments["a"])
    assert (entry.state, entry.percent_done, entry.confirmed_unchanged) == (WorkflowState.SUBMITTED, 90, False)


def test_the_year_starts_from_the_fourth_quarter_that_closes_with_it(world, login, last_quarter):
    # given the fourth quarter's entry, which closes on the same day as the year
    quarter, _earlier = last_quarter
    year = ReportingPeriod.objects.create(
        kind=PeriodKind.YEARLY,
        year=quarter.year,
        sequence=1,
        start_date=quarter.start_date - datetime.timedelta(days=270),
        end_date=quarter.end_date,
        deadline=quarter.deadline,
    )

    response = login("staff_a").get(reverse("plans:progress_edit", args=[world.task.pk, year.pk]))

    assert response.context["form"]["percent_done"].value() == 70
