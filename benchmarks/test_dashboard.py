"""How long the leadership dashboard takes on a province's ten years of data (see README.md)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from accounts.choices import Role
from dashboard.filters import DashboardFilters
from dashboard.selectors import dashboard_figures
from plans.models import Plan
from tests.accounts.factories import UserFactory
from tests.dashboard.bulk import build_province

pytestmark = pytest.mark.django_db


@pytest.fixture
def ten_years(db):
    build_province(years=10, tasks_per_year=200, delegations=20000)
    return UserFactory(username="leader", role=Role.LEADERSHIP, department=None)


def filters(*, plan=None, years=1) -> DashboardFilters:
    today = timezone.localdate()
    return DashboardFilters(
        plan=plan,
        period=None,
        date_from=datetime.date(today.year - years + 1, 1, 1),
        date_to=today,
        as_of=today,
    )


def test_dashboard_figures_this_year_uncached(benchmark, ten_years):
    figures = benchmark.pedantic(dashboard_figures, kwargs={"user": ten_years, "filters": filters()}, rounds=5)
    assert figures["tasks"]["total"] == 200


def test_dashboard_figures_ten_years_of_delegations_and_an_old_plan_uncached(benchmark, ten_years):
    oldest = Plan.objects.order_by("start_year").first()
    chosen = filters(plan=oldest, years=10)
    figures = benchmark.pedantic(dashboard_figures, kwargs={"user": ten_years, "filters": chosen}, rounds=5)
    assert figures["tasks"]["total"] == 200


def test_dashboard_page_from_cache(benchmark, ten_years, client):
    client.force_login(ten_years)
    cache.clear()
    client.get(reverse("dashboard:dashboard"))
    response = benchmark(client.get, reverse("dashboard:dashboard"))
    assert response.status_code == 200
