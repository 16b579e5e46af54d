"""Every dashboard figure against the province of conftest.py, counted by hand, and against its drill-down list."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from plans.selectors import reporting_rates

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")
API = reverse("api:dashboard-list")


def figures(client, **query):
    response = client.get(DASHBOARD, query)
    assert response.status_code == 200
    return response.context


def list_count(client, url: str) -> int:
    """The number of rows the drill-down list behind a figure holds."""
    response = client.get(url)
    assert response.status_code == 200
    return response.context["paginator"].count


def test_dashboard_headline_task_figures_match_hand_count(province, login):
    # Given the seven tasks of the plans in force (T8 is in a draft plan)
    client = login("leadership")

    # When leadership opens the dashboard with the default filters
    context = figures(client)

    # Then: completed T3, T6; on track T1, T5; behind T4; overdue T2, T7
    assert context["figures"]["tasks"] == {"total": 7, "completed": 2, "on_track": 2, "behind": 1, "overdue": 2}


def test_dashboard_headline_links_list_the_same_tasks(province, login):
    client = login("leadership")
    context = figures(client)
    for figure in context["headline"]:
        assert list_count(client, figure["link"]) == figure["value"], figure["key"]


def test_dashboard_areas_grouped_by_standard_area_across_plans(province, login):
    client = login("leadership")
    context = figures(client)
    rows = {row["key"]: row for row in context["figures"]["areas"]}
    economy, culture = province.standard_areas["economy"].pk, province.standard_areas["culture"].pk
    # Economy: T3 completed, T4 behind (plan 1), T5 on track, T6 completed (plan 2).
    assert rows[economy] | {"name": None} == {
        "key": economy,
        "name": None,
        "total": 4,
        "completed": 2,
        "on_track": 1,
        "behind": 1,
        "overdue": 0,
    }
    assert (rows[culture]["total"], rows[culture]["overdue"]) == (1, 1)  # T7
    assert (rows[0]["total"], rows[0]["on_track"], rows[0]["overdue"]) == (2, 1, 1)  # T1, T2: no standard area
    shown = {row["key"]: row for row in context["areas"]}
    assert shown[economy]["share"] == 50
    for row in shown.values():
        for key, link in row["links"].items():
            assert list_count(client, link) == row[key], (row["name"], key)


def test_dashboard_areas_of_one_plan_are_its_own_areas(province, login):
    client = login("leadership")
    context = figures(client, plan=province.plans["p1"].pk)
    assert context["figures"]["areas_grouped_by"] == "area"
    rows = {row["key"]: (row["total"], row["completed"], row["behind"]) for row in context["figures"]["areas"]}
    assert rows == {province.areas["p1_none"].pk: (2, 0, 0), province.areas["p1_economy"].pk: (2, 1, 1)}
    assert context["figures"]["tasks"]["total"] == 4
    for row in context["areas"]:
        assert list_count(client, row["links"]["total"]) == row["total"]


def test_dashboard_late_tasks_list_overdue_and_behind_with_lead_departments(province, login):
    client = login("leadership")
    context = figures(client)
    rows = {row["pk"]: row for row in context["late_tasks"]}
    tasks = province.tasks
    assert set(rows) == {tasks["T2"].pk, tasks["T7"].pk, tasks["T4"].pk}
    assert rows[tasks["T4"].pk]["task_standing"] == "behind"
    assert rows[tasks["T7"].pk]["lead_department_name"] == "Sở Tài chính"
    page = context["view"].request and client.get(DASHBOARD).content.decode()
    assert reverse("plans:task_detail", args=[tasks["T2"].pk]) in page


def test_dashboard_timeliness_per_department_matches_hand_count(province, login):
    client = login("leadership")
    context = figures(client)
    timeliness = context["figures"]["timeliness"]
    assert timeliness["period"]["id"] == province.closed_period.pk
    rows = {
        row["name"]: (row["expected"], row["on_time"], row["late"], row["missing"]) for row in timeliness["departments"]
    }
    assert rows == {
        "Sở Văn hóa, Thể thao và Du lịch": (2, 2, 0, 0),
        "Sở Giáo dục và Đào tạo": (3, 1, 1, 1),
        "Sở Tài chính": (4, 1, 1, 2),
    }
    # Only a sent every entry by the deadline: one department of three.
    assert (timeliness["on_time_departments"], timeliness["department_count"], timeliness["on_time_share"]) == (
        1,
        3,
        33.3,
    )
    for row in context["timeliness_rows"]:
        for key in ("on_time", "late", "missing"):
            assert list_count(client, row["links"][key]) == row[key], (row["name"], key)


def test_reporting_rates_agree_with_the_dashboards_timeliness(province, login):
    client = login("leadership")
    context = figures(client)
    timeliness = {row["pk"]: row for row in context["figures"]["timeliness"]["departments"]}
    leadership = context["user"]

    rows = reporting_rates(periods=[province.closed_period], user=leadership)

    assert {row.department.pk for row in rows} == set(timeliness)
    for row in rows:
        (cell,), expected = row.cells, timeliness[row.department.pk]
        assert (cell.owed, cell.on_time, cell.sent) == (
            expected["expected"],
            expected["on_time"],
            expected["on_time"] + expected["late"],
        )


def test_dashboard_shows_the_reporting_rate_grid_with_links_to_the_review(province, login):
    client = login("leadership")
    rates = figures(client)["figures"]["reporting_rates"]
    assert province.world.period.pk in [period["id"] for period in rates["periods"]]
    assert rates["departments"], "the current quarter is owed by the province's departments"
    page = client.get(DASHBOARD).content.decode()
    assert 'id="rates-table"' in page and f"?period={province.world.period.pk}&amp;department=" in page


def test_dashboard_timeliness_ignores_entries_on_tasks_the_department_does_not_owe(province, login):
    # Given a's entry on T4, which b leads (say the lead changed after a reported), sent on time
    from plans.choices import ProgressStatus
    from plans.models import TaskProgress

    a = province.world.departments["a"]
    TaskProgress.objects.create(
        task=province.tasks["T4"],
        period=province.closed_period,
        department=a,
        status=ProgressStatus.IN_PROGRESS,
        percent_done=10,
        submitted_at=timezone.now() - datetime.timedelta(days=60),
    )
    rows = {row["name"]: row for row in figures(login("leadership"))["figures"]["timeliness"]["departments"]}
    # Then a still owes two entries, both on time
    row = rows["Sở Văn hóa, Thể thao và Du lịch"]
    assert (row["expected"], row["on_time"], row["late"], row["missing"]) == (2, 2, 0, 0)


def test_dashboard_timeliness_sorts_on_the_server(province, login):
    client = login("leadership")
    missing = [row["missing"] for row in figures(client, sort="-missing")["timeliness_rows"]]
    assert missing == [2, 1, 0]
    late = [row["late"] for row in figures(client, sort="late")["timeliness_rows"]]
    assert late == sorted(late)
    assert figures(client, sort="nonsense")["timeliness_sort"] == "name"


def test_dashboard_delegations_this_span_and_last_year(province, login):
    from tests.dashboard.conftest import SPAN

    client = login("leadership")
    context = figures(client, **SPAN)
    delegations = context["figures"]["delegations"]
    # D1 + D2 inbound (D5 cancelled, D6 after the span); D3 + D4 outbound; 2024: D7 inbound, D9 outbound.
    assert delegations["this_year"] == {
        "inbound": {"delegations": 2, "persons": 15},
        "outbound": {"delegations": 2, "persons": 7},
    }
    assert delegations["last_year"] == {
        "inbound": {"delegations": 1, "persons": 6},
        "outbound": {"delegations": 1, "persons": 8},
    }
    for row in context["delegation_headline"]:
        assert list_count(client, row["this_link"]) == row["this_year"]["delegations"]
        assert list_count(client, row["last_link"]) == row["last_year"]["delegations"]


def test_dashboard_delegations_per_month_and_country(province, login):
    from tests.dashboard.conftest import SPAN

    client = login("leadership")
    context = figures(client, **SPAN)
    months = {row["month"]: [cell["delegations"] for cell in row["cells"]] for row in context["month_rows"]}
    assert months == {"02/2025": [2, 0], "03/2025": [0, 1], "06/2025": [0, 1]}
    countries = [
        (row["country"], row["inbound"]["delegations"], row["outbound"]["delegations"]) for row in context["countries"]
    ]
    # LA: D1, D2 in, D3 out; JP (Nhật Bản) before TH (Thái Lan) with one each.
    assert countries == [("LA", 2, 1), ("JP", 0, 1), ("TH", 1, 0)]
    for row in context["month_rows"]:
        for cell in row["cells"]:
            assert list_count(client, cell["link"]) == cell["delegations"]
    for row in context["countries"]:
        for direction in ("inbound", "outbound"):
            assert list_count(client, row["links"][direction]) == row[direction]["delegations"]


def test_dashboard_api_gives_the_page_figures(province, login):
    from tests.dashboard.conftest import SPAN

    client = login("leadership")
    page = figures(client, **SPAN)["figures"]
    response = client.get(API, SPAN)
    assert response.status_code == 200
    data = response.json()
    assert data["tasks"] == page["tasks"]
    assert data["delegations"]["this_year"] == page["delegations"]["this_year"]
    # No quarter had reached its deadline by 30/06/2025 in this province.
    assert data["timeliness"]["period"] is None
    assert client.get(API).json()["timeliness"]["on_time_share"] == 33.3
    assert {row["id"] for row in data["late_tasks"]} == {row["pk"] for row in page["late_tasks"]}


def test_dashboard_period_filter_uses_its_window_and_its_timeliness(province, login):
    client = login("leadership")
    period = province.closed_period
    context = figures(client, period=period.pk)
    assert (context["figures"]["date_from"], context["figures"]["date_to"]) == (period.start_date, period.end_date)
    assert context["figures"]["timeliness"]["period"]["id"] == period.pk
    # As of the end of that quarter T2 (deadline 10 days ago) was not overdue yet, and T3, T6 not completed.
    assert context["figures"]["tasks"]["completed"] == 0


def test_dashboard_page_shows_definitions_in_vietnamese(province, login):
    client = login("leadership")
    page = client.get(DASHBOARD, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "Bảng điều hành" in page
    assert re.search(r"Quá hạn", page)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"date_from": "2025-06-30", "date_to": "2025-01-01"}, "date_to"),
        ({"date_from": "1800-01-01"}, "date_from"),
        ({"date_to": "not-a-date"}, "date_to"),
    ],
)
def test_dashboard_bad_dates_explained_in_vietnamese(province, login, query, field):
    client = login("leadership")
    response = client.get(DASHBOARD, query, HTTP_ACCEPT_LANGUAGE="vi")
    assert response.status_code == 200
    assert "figures" not in response.context
    assert response.context["form"].errors[field]
    api = client.get(API, query, HTTP_ACCEPT_LANGUAGE="vi")
    assert api.status_code == 400
    assert field in api.json()
