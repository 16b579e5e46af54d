"""Which plans are in force on a day or during a window: from their years and status dates, not today's status."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.choices import Role
from plans.choices import PlanStatus
from plans.models import Plan
from plans.services import plan_status_change
from tests.accounts.factories import UserFactory
from tests.plans.factories import PlanFactory

D = datetime.date
pytestmark = pytest.mark.django_db


def in_force_on(day: datetime.date) -> set[str]:
    return set(Plan.objects.in_force_on(day).values_list("document_number", flat=True))


@pytest.fixture
def plans():
    PlanFactory(
        document_number="51/KH-UBND", issue_date=D(2017, 3, 27), start_year=2017, end_year=2018,
        continues_after=False, status=PlanStatus.CLOSED, in_force_to=D(2018, 12, 31),
    )  # fmt: skip
    PlanFactory(document_number="10/CTr-UBND", issue_date=D(2025, 1, 8), start_year=2025, end_year=2025,
                continues_after=False)  # fmt: skip
    PlanFactory(document_number="20/KH-UBND", issue_date=D(2019, 2, 1), start_year=2019, end_year=2020,
                continues_after=True)  # fmt: skip
    PlanFactory(document_number="30/KH-UBND", issue_date=D(2025, 1, 2), start_year=2025, end_year=2025,
                continues_after=False, status=PlanStatus.DRAFT)  # fmt: skip
    successor = PlanFactory(document_number="40/KH-UBND", issue_date=D(2025, 6, 20), start_year=2025, end_year=2030,
                            continues_after=False, in_force_from=D(2025, 7, 1))  # fmt: skip
    PlanFactory(
        document_number="35/KH-UBND", issue_date=D(2021, 3, 1), start_year=2021, end_year=2025, continues_after=False,
        status=PlanStatus.REPLACED, in_force_to=D(2025, 6, 30), replaced_by=successor,
    )  # fmt: skip
    PlanFactory(document_number="99/KH-UBND", issue_date=D(2025, 12, 10), start_year=2026, end_year=2026,
                continues_after=False)  # fmt: skip


def test_a_closed_plan_is_in_force_between_its_issue_and_its_closing_day(plans):
    assert "51/KH-UBND" in in_force_on(D(2017, 4, 1))
    assert "51/KH-UBND" not in in_force_on(D(2017, 3, 15))
    assert "51/KH-UBND" not in in_force_on(D(2019, 1, 1))


def test_a_programme_for_one_year_is_not_in_force_the_next(plans):
    assert "10/CTr-UBND" in in_force_on(D(2025, 12, 31))
    assert "10/CTr-UBND" not in in_force_on(D(2026, 1, 1))


def test_and_the_following_years_keeps_a_plan_in_force(plans):
    assert "20/KH-UBND" in in_force_on(D(2026, 11, 28))


def test_a_draft_is_never_in_force(plans):
    assert "30/KH-UBND" not in in_force_on(D(2025, 6, 1))


def test_a_replaced_plan_hands_over_on_the_day(plans):
    assert {"35/KH-UBND"} <= in_force_on(D(2025, 6, 30)) and "40/KH-UBND" not in in_force_on(D(2025, 6, 30))
    assert "40/KH-UBND" in in_force_on(D(2025, 7, 1)) and "35/KH-UBND" not in in_force_on(D(2025, 7, 1))
    q2, q4 = (D(2025, 4, 1), D(2025, 6, 30)), (D(2025, 10, 1), D(2025, 12, 31))
    assert "35/KH-UBND" in set(Plan.objects.in_force_during(*q2).values_list("document_number", flat=True))
    assert "35/KH-UBND" not in set(Plan.objects.in_force_during(*q4).values_list("document_number", flat=True))


def test_a_plan_issued_in_december_for_next_year_starts_with_its_year(plans):
    assert "99/KH-UBND" not in in_force_on(D(2025, 12, 20))
    assert "99/KH-UBND" in in_force_on(D(2026, 1, 1))


def test_a_window_overlapping_one_edge_counts(plans):
    window = Plan.objects.in_force_during(D(2018, 12, 1), D(2019, 3, 31))
    assert {"51/KH-UBND", "20/KH-UBND"} <= set(window.values_list("document_number", flat=True))


def test_status_change_closes_and_replaces_with_dates(plans):
    old, new = Plan.objects.get(document_number="10/CTr-UBND"), Plan.objects.get(document_number="40/KH-UBND")
    plan_status_change(plan=old, status=PlanStatus.REPLACED, on=D(2025, 9, 1), replaced_by=new)
    old.refresh_from_db()
    assert (old.status, old.in_force_to, old.replaced_by) == (PlanStatus.REPLACED, D(2025, 8, 31), new)
    assert "10/CTr-UBND" not in in_force_on(D(2025, 9, 1))


def test_status_change_refuses_a_replacement_without_successor_or_by_a_draft(plans):
    plan, draft = Plan.objects.get(document_number="10/CTr-UBND"), Plan.objects.get(document_number="30/KH-UBND")
    with pytest.raises(ValidationError) as missing:
        plan_status_change(plan=plan, status=PlanStatus.REPLACED, on=D(2025, 9, 1))
    assert "thay thế" in str(missing.value.messages)
    with pytest.raises(ValidationError):
        plan_status_change(plan=plan, status=PlanStatus.REPLACED, on=D(2025, 9, 1), replaced_by=draft)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.IN_FORCE and plan.in_force_to is None


def test_a_plan_needs_an_issuer_and_dates_in_order():
    plan = PlanFactory.build(issuer="", issuing_body=None, in_force_from=D(2025, 5, 1), in_force_to=D(2025, 4, 1))
    with pytest.raises(ValidationError) as error:
        plan.full_clean()
    text = " ".join(error.value.messages)
    assert "cơ quan ban hành" in text and "trước ngày có hiệu lực" in text


def test_api_changes_status_for_plan_managers_only(plans, client):
    plan = Plan.objects.get(document_number="10/CTr-UBND")
    url = reverse("api:plan-change-status", args=[plan.pk])
    client.force_login(UserFactory(role=Role.LEADERSHIP, department=None))
    assert client.post(url, {"status": "closed", "on": "2025-10-01"}).status_code == 403
    client.force_login(UserFactory(role=Role.SPECIALIST, department=None))
    response = client.post(url, {"status": "closed", "on": "2025-10-01"})
    assert response.status_code == 200 and response.json()["in_force_to"] == "2025-09-30"
    refused = client.post(url, {"status": "replaced", "on": "2025-10-01"})
    assert refused.status_code == 400


def test_plan_page_shows_dates_and_replacement(plans, client):
    client.force_login(UserFactory(role=Role.SPECIALIST, department=None))
    old = Plan.objects.get(document_number="35/KH-UBND")
    page = client.get(reverse("plans:plan_detail", args=[old.pk])).content.decode()
    assert "30/06/2025" in page and "40/KH-UBND" in page
