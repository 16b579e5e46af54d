"""The progress pages open for every demo user on the demo data (what a first visitor tries)."""

from collections import Counter

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from plans.models import Plan, ReportingPeriod
from plans.selectors import current_period

pytestmark = pytest.mark.django_db

# username: (my work, review page, admin index, plan page)
EXPECTED = {
    "canbo": (200, 404, 302, 200),
    "truongphong": (200, 404, 302, 200),
    "chuyenvien": (200, 200, 200, 200),
    "lanhdao": (200, 200, 302, 200),
    "quantri": (200, 200, 200, 200),
    "thongke": (404, 404, 302, 404),
}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_users_reach_their_pages_and_search_works(client):
    call_command("load_demo_data", stdout=None)
    period = ReportingPeriod.objects.filter(progress_entries__isnull=False).first()
    plan = Plan.objects.first()

    statuses = {}
    for username in EXPECTED:
        client.force_login(User.objects.get(username=username))
        statuses[username] = (
            client.get(reverse("plans:my_work"), {"period": period.pk}).status_code,
            client.get(reverse("plans:review"), {"period": period.pk}).status_code,
            client.get(reverse("admin:index")).status_code,
            client.get(reverse("plans:plan_detail", args=[plan.pk])).status_code,
        )
    client.force_login(User.objects.get(username="lanhdao"))
    found = client.get(reverse("api:task-list"), {"q": "doi ngoai"}).json()["count"]

    assert statuses == EXPECTED
    assert found > 0


def test_on_the_demo_my_work_review_dashboard_and_the_api_agree_and_a_return_rings(client):
    # given the demo, its current quarter and the obligations the API lists for it
    call_command("load_demo_data", stdout=None)
    period = current_period()
    client.force_login(User.objects.get(username="chuyenvien"))
    owed = client.get(reverse("api:period-obligations", args=[period.pk])).json()
    per_department = Counter(row["department"] for row in owed)

    # the review page and the dashboard count the same owed entries
    review = client.get(reverse("plans:review"), {"period": period.pk, "state": ""}).context
    assert review["page_obj"].paginator.count == len(owed)
    assert {department.pk: department.expected for department in review["counts"]} == per_department
    figures = client.get(reverse("dashboard:dashboard"), {"period": period.pk}).context["figures"]
    assert {row["pk"]: row["expected"] for row in figures["timeliness"]["departments"]} == per_department

    # a clerk's my work lists exactly what their department owes, prefilled from last time
    clerk = User.objects.get(username="canbo")
    client.force_login(clerk)
    tasks = list(client.get(reverse("plans:my_work")).context["tasks"])
    assert {task.pk for task in tasks} == {row["task"] for row in owed if row["department"] == clerk.department_id}
    unsent = next(task for task in tasks if task.progress_state is None and task.carried_from_id)
    form = client.get(reverse("plans:progress_edit", args=[unsent.pk, period.pk])).context["form"]
    assert form["carried_from"].value() == unsent.carried_from_id and form["results"].value()

    # and an entry the focal point returns rings the clerk's bell
    before = client.get(reverse("plans:my_work")).context["unread_notifications"].count
    submitted = next(row for row in owed if row["department"] == clerk.department_id and row["state"] == "submitted")
    client.force_login(User.objects.get(username="chuyenvien"))
    step = reverse("plans:progress_step", args=[submitted["entry"], "return"])
    assert client.post(step, {"comment": "Đề nghị bổ sung số liệu"}).status_code == 302
    client.force_login(clerk)
    assert client.get(reverse("plans:my_work")).context["unread_notifications"].count == before + 1
