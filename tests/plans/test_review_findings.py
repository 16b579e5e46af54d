"""Findings of the code review of plans and accounts: each test failed before its fix."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.choices import Role
from accounts.models import User
from plans.choices import PlanStatus, WorkflowState
from plans.filtersets import TaskFilterSet, TaskProgressFilterSet
from plans.models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress
from plans.selectors import department_timeliness, review_counts, review_rows
from plans.services import progress_bulk_accept, progress_reminders_deliver
from tests.accounts.factories import UserFactory
from tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    def _client(name):
        client = APIClient()
        client.force_authenticate(world.users[name])
        return client

    return _client


# 1. A superuser is out of an administrator's reach in the admin.


@pytest.fixture
def superuser(world):
    return UserFactory(username="root", role=Role.ADMINISTRATOR, department=None, is_superuser=True, is_active=True)


def test_user_admin_change_page_of_superuser_answers_404(world, login, superuser):
    client = login("administrator")
    url = reverse("admin:accounts_user_change", args=[superuser.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"username": "root", "is_active": ""}).status_code == 404
    superuser.refresh_from_db()
    assert superuser.is_active
    assert superuser.username == "root"


def test_user_admin_password_page_of_superuser_answers_404(world, login, superuser):
    client = login("administrator")
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    password = superuser.password

    assert client.get(url).status_code == 404
    assert client.post(url, {"password1": "Pwned-12345!", "password2": "Pwned-12345!"}).status_code == 404
    superuser.refresh_from_db()
    assert superuser.password == password


def test_user_admin_delete_of_superuser_answers_404_and_a_superuser_still_reaches_it(world, login, superuser, client):
    url = reverse("admin:accounts_user_delete", args=[superuser.pk])
    assert login("administrator").post(url, {"post": "yes"}).status_code == 404
    assert User.objects.filter(pk=superuser.pk).exists()
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_user_change", args=[superuser.pk])).status_code == 200


# 2. A department that leads and is listed as coordinating owes one entry.


@pytest.fixture
def lead_also_coordinating(world):
    world.plan.status = PlanStatus.IN_FORCE
    world.plan.save()
    world.task.coordinating_departments.add(world.departments["a"])
    world.entry(department="a", state=WorkflowState.SUBMITTED)
    return world


def test_review_counts_count_a_lead_listed_as_coordinating_once(lead_also_coordinating):
    world = lead_also_coordinating
    counts = {d.pk: d for d in review_counts(period=world.period)}

    assert counts[world.departments["a"].pk].expected == 1
    assert counts[world.departments["a"].pk].count_missing == 0


def test_timeliness_counts_a_lead_listed_as_coordinating_once(lead_also_coordinating):
    world = lead_also_coordinating
    TaskProgress.objects.filter(department=world.departments["a"]).update(submitted_at=timezone.now())
    rows = {row["pk"]: row for row in department_timeliness(period=world.period, tasks=Task.objects.all())}

    assert rows[world.departments["a"].pk]["expected"] == 1
    assert rows[world.departments["a"].pk]["missing"] == 0


def test_review_rows_list_a_lead_listed_as_coordinating_once(lead_also_coordinating):
    world = lead_also_coordinating
    rows = [row for row in review_rows(period=world.period) if row["department"] == world.departments["a"]]

    assert len(rows) == 1
    assert rows[0]["is_lead"]


def test_reminders_leave_out_a_lead_listed_as_coordinating_that_sent_its_entry(lead_also_coordinating, mailoutbox):
    world = lead_also_coordinating
    world.entry(department="b", state=WorkflowState.SUBMITTED)

    assert progress_reminders_deliver(period=world.period) == 0


def test_review_counts_ignore_entries_not_owed(world):
    world.plan.status = PlanStatus.IN_FORCE
    world.plan.save()
    TaskFactory(area=world.area, position=2, lead_department=world.departments["c"])
    # An entry left from when c worked on the first task, which it no longer leads or coordinates.
    world.entry(department="c", state=WorkflowState.SUBMITTED)

    counts = {d.pk: d for d in review_counts(period=world.period)}

    assert counts[world.departments["c"].pk].expected == 1
    assert counts[world.departments["c"].pk].count_submitted == 0
    assert counts[world.departments["c"].pk].count_missing == 1


def test_task_api_refuses_a_lead_that_also_coordinates(world, api):
    url = reverse("api:task-detail", args=[world.task.pk])
    lead = world.departments["a"].pk

    response = api("specialist").patch(url, {"coordinating_departments": [lead]}, format="json")

    assert response.status_code == 400
    assert "coordinating_departments" in response.json()
    assert not world.task.coordinating_departments.filter(pk=lead).exists()


def test_task_admin_refuses_a_lead_that_also_coordinates(world, rf):
    request = rf.get("/")
    request.user = world.users["specialist"]
    form_class = admin.site._registry[Task].get_form(request, world.task)
    form = form_class(instance=world.task)
    data = {key: value for key, value in form.initial.items() if value is not None}
    data["lead_department"] = world.departments["a"].pk
    data["coordinating_departments"] = [world.departments["a"].pk]

    bound = form_class(data, instance=world.task)

    assert not bound.is_valid()
    assert "coordinating_departments" in bound.errors


# 3. Deleting a plan, area or task does not erase reported progress.


@pytest.mark.parametrize(
    "route,obj",
    [("api:plan-detail", "plan"), ("api:taskarea-detail", "area"), ("api:task-detail", "task")],
)
def test_api_refuses_to_delete_what_progress_depends_on(world, api, route, obj):
    progress = world.entry()

    response = api("specialist").delete(reverse(route, args=[getattr(world, obj).pk]))

    assert response.status_code == 409
    assert "Không thể xóa" in response.content.decode()
    assert TaskProgress.objects.filter(pk=progress.pk).exists()
    assert Plan.objects.filter(pk=world.plan.pk).exists()
    assert TaskArea.objects.filter(pk=world.area.pk).exists()
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_api_deletes_a_task_without_progress(world, api):
    response = api("specialist").delete(reverse("api:task-detail", args=[world.task.pk]))

    assert response.status_code == 204


# 4. A period that is not an ASCII number answers 404, not 500.


@pytest.mark.parametrize("value", ["²", "¹²", "abc", "-1"])
def test_pages_answer_404_on_a_period_that_is_no_number(world, login, value):
    client = login("specialist")

    assert client.get(reverse("plans:review"), {"period": value}).status_code == 404
    assert login("staff_a").get(reverse("plans:my_work"), {"period": value}).status_code == 404


def test_api_refuses_an_if_match_that_is_no_number(world, api):
    progress = world.entry()
    url = reverse("api:progress-detail", args=[progress.pk])

    response = api("staff_a").patch(url, {"results": "x"}, format="json", HTTP_IF_MATCH='"²"')

    assert response.status_code == 412


# 6. Bulk accept checks the reviewer first.


def test_progress_bulk_accept_refuses_a_non_reviewer_even_when_no_id_matches(world):
    with pytest.raises(PermissionDenied):
        progress_bulk_accept(period=world.period, progress_ids=[], by=world.users["head_a"])


def test_progress_bulk_accept_accepts_only_approved_entries(world):
    approved = world.entry(department="a", state=WorkflowState.APPROVED)
    submitted = world.entry(department="b", state=WorkflowState.SUBMITTED)

    result = progress_bulk_accept(
        period=world.period, progress_ids=[approved.pk, submitted.pk], by=world.users["specialist"]
    )

    assert result == (1, 1)
    assert TaskProgress.objects.get(pk=approved.pk).state == WorkflowState.ACCEPTED
    assert TaskProgress.objects.get(pk=submitted.pk).state == WorkflowState.SUBMITTED


# 9. Filter fallbacks are of the filtered model.


def test_filter_fallbacks_are_of_the_right_model():
    filters = TaskFilterSet(request=None).filters
    assert filters["plan"].get_queryset(None).model is Plan
    assert filters["area"].get_queryset(None).model is TaskArea
    assert TaskProgressFilterSet(request=None).filters["period"].get_queryset(None).model is ReportingPeriod


# 10. The signed document of a plan is served to those who may open the plan.


@pytest.fixture
def signed(world):
    world.plan.signed_document.save("ke-hoach-51.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
    return world


def test_plan_document_download_serves_the_file(signed, login):
    response = login("staff_a").get(reverse("plans:plan_document", args=[signed.plan.pk]))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"
    assert "attachment" in response["Content-Disposition"]


def test_plan_page_links_the_signed_document(signed, login):
    response = login("staff_a").get(reverse("plans:plan_detail", args=[signed.plan.pk]))

    assert reverse("plans:plan_document", args=[signed.plan.pk]) in response.content.decode()


@pytest.mark.parametrize("name", ["statistics_reader", "anonymous"])
def test_plan_document_download_refused(signed, login, name):
    response = login(name).get(reverse("plans:plan_document", args=[signed.plan.pk]))

    assert response.status_code == (404 if name != "anonymous" else 302)


def test_plan_document_of_a_draft_plan_is_out_of_reach_of_staff(signed, login):
    signed.plan.status = PlanStatus.DRAFT
    signed.plan.save()

    assert login("staff_a").get(reverse("plans:plan_document", args=[signed.plan.pk])).status_code == 404
    assert login("specialist").get(reverse("plans:plan_document", args=[signed.plan.pk])).status_code == 200


def test_plan_without_signed_document_answers_404(world, login):
    assert login("specialist").get(reverse("plans:plan_document", args=[world.plan.pk])).status_code == 404


def test_plan_admin_links_the_download_view(signed, login):
    response = login("specialist").get(reverse("admin:plans_plan_change", args=[signed.plan.pk]))

    page = response.content.decode()
    assert reverse("plans:plan_document", args=[signed.plan.pk]) in page
    assert f'href="{settings.MEDIA_URL}' not in page
