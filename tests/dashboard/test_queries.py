"""The dashboard costs the same number of queries with a handful of rows and with a province's worth."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from delegations.models import Delegation
from plans.models import Task, TaskProgress
from tests.dashboard.bulk import build_province, ensure_quarters

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")
API = reverse("api:dashboard-list")
TASK_LIST = reverse("dashboard:task_list")


def first_of_year() -> str:
    return f"{timezone.localdate().year}-01-01"


def measure(client, django_assert_num_queries, expected: int, url: str, query: dict) -> None:
    cache.clear()
    client.get(url, query)  # computes the figures, storing the periods' obligations (plans.obligation_builds)
    cache.clear()
    with django_assert_num_queries(expected):
        response = client.get(url, query)
    assert response.status_code == 200


# Page: session, user, the plan and period choices of the form, task figures (one read of every
# task's standing, and the areas' names), the closed period and its timeliness (four: the
# generation, the period's stored obligations current, one GROUP BY, the departments), the
# reporting-rate grid (fourteen: the year's periods, then for each of the four quarters the
# generation, its build and one GROUP BY, and the departments), three delegation queries (months,
# countries, last year: each with its totals, from the statistics rollup), and the bell's unread
# count in the navigation. The figures are cached: a second visit costs CACHED_PAGE_QUERIES.
PAGE_QUERIES = 29
# A cached page: only the session, the user, the form's choices and the bell.
CACHED_PAGE_QUERIES = 6
API_QUERIES = 26
# Four, and the bell's unread count.
TASK_LIST_QUERIES = 5
# The nav shows a department member's department: one query more.
STAFF_PAGE_QUERIES = PAGE_QUERIES + 1


@pytest.mark.parametrize(
    ("url", "expected", "extra"),
    [
        (DASHBOARD, PAGE_QUERIES, {}),
        (API, API_QUERIES, {}),
        (TASK_LIST, TASK_LIST_QUERIES, {"standing": "overdue"}),
    ],
)
def test_dashboard_query_count_same_small_and_large(province, login, django_assert_num_queries, url, expected, extra):
    # Given the small hand-counted province, then the same with 2,000 more tasks and 20,000 delegations
    client = login("leadership")
    query = {"date_from": first_of_year(), **extra}
    # The year's quarters exist from the start: the reporting-rate grid costs queries per period shown.
    ensure_quarters(timezone.localdate().year, timezone.localdate().year)
    measure(client, django_assert_num_queries, expected, url, query)

    build_province(years=1, tasks_per_year=2000, delegations=20000)
    assert Task.objects.count() > 2000 and Delegation.objects.count() > 20000
    assert TaskProgress.objects.count() > 8000

    # Then the page, the API and the drill-down list still cost the same queries
    measure(client, django_assert_num_queries, expected, url, query)


def test_dashboard_query_count_for_department_staff_same_small_and_large(province, login, django_assert_num_queries):
    client = login("staff_a")
    ensure_quarters(timezone.localdate().year, timezone.localdate().year)
    measure(client, django_assert_num_queries, STAFF_PAGE_QUERIES, DASHBOARD, {})
    build_province(years=1, tasks_per_year=2000, delegations=20000)
    measure(client, django_assert_num_queries, STAFF_PAGE_QUERIES, DASHBOARD, {})


def test_dashboard_cached_figures_cost_no_figure_queries(province, login, django_assert_max_num_queries):
    client = login("leadership")
    client.get(DASHBOARD)
    # Only the session, the user, the form's choices and the bell: the figures come from the cache.
    with django_assert_max_num_queries(CACHED_PAGE_QUERIES):
        assert client.get(DASHBOARD).status_code == 200
