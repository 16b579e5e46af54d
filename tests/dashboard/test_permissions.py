"""Who opens the dashboard, its drill-down lists and its API, and how much of the province each role sees."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import Task, TaskProgress

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")
API = reverse("api:dashboard-list")
TASK_LIST = reverse("dashboard:task_list")
PROVINCE_WIDE = ["leadership", "specialist", "administrator"]
DEPARTMENT = ["staff_a", "head_a"]


def snapshot() -> tuple:
    """What a read must leave as it was."""
    return Task.objects.count(), TaskProgress.objects.count(), list(TaskProgress.objects.values_list("state", "pk"))


def api_as(province, name) -> APIClient:
    client = APIClient()
    client.force_authenticate(province.world.users[name])
    return client


@pytest.mark.parametrize("name", PROVINCE_WIDE)
def test_dashboard_province_wide_roles_see_every_department(province, login, name):
    client = login(name)
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    assert response.context["figures"]["tasks"]["total"] == 7
    assert len(response.context["figures"]["timeliness"]["departments"]) == 3
    assert not response.context["only_own"]
    assert reverse("dashboard:dashboard") in response.content.decode()  # the nav links to it
    assert api_as(province, name).get(API).json()["tasks"]["total"] == 7


@pytest.mark.parametrize("name", DEPARTMENT)
def test_dashboard_department_members_see_their_department_only(province, login, name):
    from tests.dashboard.conftest import SPAN

    # Given staff of a, which leads T1 and T2 and sent D1
    client = login(name)
    response = client.get(DASHBOARD)
    figures = response.context["figures"]

    # Then the figures cover its own tasks (with its own entries), its reports and its delegations
    assert figures["tasks"] == {"total": 2, "completed": 0, "on_track": 1, "behind": 0, "overdue": 1}
    assert [row["name"] for row in figures["timeliness"]["departments"]] == ["Sở Văn hóa, Thể thao và Du lịch"]
    assert response.context["only_own"]
    delegations = client.get(DASHBOARD, SPAN).context["figures"]["delegations"]
    assert delegations["this_year"]["inbound"] == {"delegations": 1, "persons": 10}
    assert delegations["this_year"]["outbound"] == {"delegations": 0, "persons": 0}
    assert api_as(province, name).get(API).json()["tasks"]["total"] == 2


def test_dashboard_department_members_never_share_cached_figures_with_leadership(province, login):
    assert login("leadership").get(DASHBOARD).context["figures"]["tasks"]["total"] == 7
    assert login("staff_a").get(DASHBOARD).context["figures"]["tasks"]["total"] == 2
    assert login("staff_b").get(DASHBOARD).context["figures"]["tasks"]["total"] == 3  # T1 coordinating, T3, T4


def test_dashboard_statistics_reader_refused_and_nothing_changes(province, login):
    before = snapshot()
    client = login("statistics_reader")
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(TASK_LIST, {"standing": "overdue"}).status_code == 404
    assert api_as(province, "statistics_reader").get(API).status_code == 403
    assert "dashboard" not in client.get(reverse("delegations:delegation_stats")).content.decode()
    assert snapshot() == before


def test_dashboard_anonymous_sent_to_login(province, login):
    client = login("anonymous")
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert APIClient().get(API).status_code in (401, 403)


def test_dashboard_writes_refused(province, login):
    before = snapshot()
    assert login("leadership").post(DASHBOARD).status_code == 405
    assert api_as(province, "leadership").post(API, {}).status_code == 405
    assert snapshot() == before


def test_dashboard_plan_out_of_reach_answers_404(province, login):
    draft = province.plans["draft"].pk
    assert login("leadership").get(DASHBOARD, {"plan": draft}).status_code == 404
    assert login("leadership").get(TASK_LIST, {"plan": draft}).status_code == 404
    assert api_as(province, "leadership").get(API, {"plan": draft}).status_code == 404
    assert login("leadership").get(DASHBOARD, {"period": 999999}).status_code == 404
    # Those who manage plans see drafts, so they may look at one.
    response = login("specialist").get(DASHBOARD, {"plan": draft})
    assert response.status_code == 200
    assert response.context["figures"]["tasks"]["total"] == 1


def test_dashboard_other_departments_reports_out_of_reach_for_staff(province, login):
    other = province.world.departments["b"].pk
    query = {"department": other, "timeliness": "missing"}
    assert login("staff_a").get(TASK_LIST, query).status_code == 404
    assert login("leadership").get(TASK_LIST, query).context["paginator"].count == 1


def test_dashboard_task_list_explains_half_a_timeliness_cell(province, login):
    response = login("leadership").get(TASK_LIST, {"timeliness": "late"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert "Phải chọn cùng lúc đơn vị" in response.content.decode()
