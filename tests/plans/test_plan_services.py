"""Plans and their parts are written through plans.services, which holds each rule once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import Plan, Task
from plans.services import PlanPartInUse, plan_part_delete, plan_part_save

pytestmark = pytest.mark.django_db


def admin_task_form(world, *, lead: str, coordinating: str) -> dict:
    """The admin's task change form as a user would send it, with no target rows."""
    return {
        "area": world.area.pk,
        "position": 1,
        "content": world.task.content,
        "lead_department": world.departments[lead].pk,
        "coordinating_departments": [world.departments[coordinating].pk],
        "timing": world.task.timing,
        "targets-TOTAL_FORMS": 0,
        "targets-INITIAL_FORMS": 0,
    }


def test_plan_part_save_refuses_a_lead_that_also_coordinates_and_writes_nothing(world):
    task = Task(area=world.area, position=9, content="Nhiệm vụ mới", lead_department=world.departments["a"])
    with pytest.raises(ValidationError) as refused:
        plan_part_save(instance=task, coordinating=[world.departments["a"], world.departments["b"]])
    assert "coordinating_departments" in refused.value.message_dict
    assert not Task.objects.filter(position=9).exists()


def test_plan_part_save_checks_model_rules_before_writing(world):
    plan = Plan(document_number="9/KH-UBND", issuer="UBND tỉnh", issue_date=datetime.date(2026, 1, 5), title="T")
    plan.start_year, plan.end_year = 2026, 2025
    with pytest.raises(ValidationError):
        plan_part_save(instance=plan)
    assert not Plan.objects.filter(document_number="9/KH-UBND").exists()


def test_plan_part_save_records_who_changed_it(world):
    task = plan_part_save(
        instance=Task(area=world.area, position=9, content="Mới", lead_department=world.departments["b"]),
        by=world.users["specialist"],
        coordinating=[world.departments["c"]],
    )
    assert task.history.latest().history_user == world.users["specialist"]
    assert list(task.coordinating_departments.all()) == [world.departments["c"]]


def test_plan_part_delete_keeps_a_task_with_reported_progress(world):
    world.entry()
    with pytest.raises(PlanPartInUse):
        plan_part_delete(instance=world.task)
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_api_and_admin_refuse_the_same_rule_with_the_same_message(world, client):
    api = APIClient()
    api.force_authenticate(world.users["specialist"])
    body = {"lead_department": world.departments["b"].pk, "coordinating_departments": [world.departments["b"].pk]}
    response = api.patch(reverse("api:task-detail", args=[world.task.pk]), body, format="json")
    assert response.status_code == 400
    message = response.json()["coordinating_departments"][0]
    client.force_login(world.users["administrator"])
    page = client.post(
        reverse("admin:plans_task_change", args=[world.task.pk]),
        admin_task_form(world, lead="b", coordinating="b"),
    )
    assert page.status_code == 200 and message in page.content.decode()
    world.task.refresh_from_db()
    assert world.task.lead_department == world.departments["a"]


def test_admin_swaps_lead_and_coordinating_departments_in_one_save(world, client):
    client.force_login(world.users["administrator"])
    response = client.post(
        reverse("admin:plans_task_change", args=[world.task.pk]),
        admin_task_form(world, lead="b", coordinating="a"),
    )
    assert response.status_code == 302
    world.task.refresh_from_db()
    assert world.task.lead_department == world.departments["b"]
    assert list(world.task.coordinating_departments.all()) == [world.departments["a"]]
