"""The plan page is paged: its queries stay fixed and its rows bounded whatever the plan's size."""

import pytest
from django.db.models import Count
from django.urls import reverse

from plans.models import Plan
from tests.dashboard.bulk import build_province

pytestmark = pytest.mark.django_db

# Session, user, plan, count, page ids, areas, tasks, coordinating, targets, the filter form and the bell.
PLAN_PAGE_QUERIES = 13


def test_plan_page_query_count_and_rows_same_small_and_large(province, login, django_assert_num_queries):
    client = login("leadership")
    small = province.plans["p1"]
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        assert client.get(reverse("plans:plan_detail", args=[small.pk])).status_code == 200

    build_province(years=1, tasks_per_year=300, delegations=0)
    big = Plan.objects.annotate(n=Count("areas__tasks")).order_by("-n").first()
    assert big.n >= 300
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        response = client.get(reverse("plans:plan_detail", args=[big.pk]))
    assert sum(len(area.tasks.all()) for area in response.context["areas"]) == 100
    assert response.context["page_obj"].paginator.count == big.n
    with django_assert_num_queries(PLAN_PAGE_QUERIES):
        last = client.get(reverse("plans:plan_detail", args=[big.pk]), {"page": 3})
    assert sum(len(area.tasks.all()) for area in last.context["areas"]) == min(100, big.n - 200)
