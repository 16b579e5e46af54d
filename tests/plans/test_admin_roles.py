"""The Django admin follows the portal roles: specialists manage plans, administrators users."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from plans.models import Task, TaskArea

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role,url,expected",
    [
        ("specialist", "admin:plans_plan_changelist", 200),
        ("specialist", "admin:plans_plan_add", 200),
        ("specialist", "admin:plans_task_add", 200),
        ("specialist", "admin:plans_reportingperiod_add", 200),
        ("specialist", "admin:plans_taskprogress_changelist", 200),
        ("specialist", "admin:accounts_user_changelist", 403),
        ("administrator", "admin:accounts_user_changelist", 200),
        ("administrator", "admin:accounts_user_add", 200),
        ("administrator", "admin:accounts_department_add", 200),
        ("staff_a", "admin:plans_plan_changelist", 302),
        ("head_a", "admin:index", 302),
        ("leadership", "admin:plans_plan_changelist", 302),
    ],
)
def test_admin_pages_follow_roles(world, login, role, url, expected):
    response = login(role).get(reverse(url))

    assert response.status_code == expected


def test_specialist_reads_but_cannot_change_progress_in_the_admin(world, login):
    progress = world.entry()

    response = login("specialist").post(
        reverse("admin:plans_taskprogress_change", args=[progress.pk]), {"results": "Sửa trong admin"}
    )

    assert response.status_code == 403
    progress.refresh_from_db()
    assert progress.results != "Sửa trong admin"


def test_administrator_cannot_make_anyone_superuser(world, login):
    staff = world.users["staff_a"]
    url = reverse("admin:accounts_user_change", args=[staff.pk])
    client = login("administrator")
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "password"}
    data.update({"username": staff.username, "role": "head", "department": staff.department_id, "is_superuser": "on"})
    data.update({"date_joined_0": "2026-01-01", "date_joined_1": "00:00:00", "last_login_0": "", "last_login_1": ""})
    data.pop("groups", None)
    data.pop("user_permissions", None)
    data.pop("date_joined", None)
    data.pop("last_login", None)

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    staff = User.objects.get(pk=staff.pk)
    assert staff.role == "head"
    assert not staff.is_superuser


def test_an_areas_position_reads_as_an_order_not_a_job_title():
    with translation.override("vi"):
        labels = {str(model._meta.get_field("position").verbose_name) for model in (TaskArea, Task)}

    assert labels == {"thứ tự"}
