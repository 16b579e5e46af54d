"""The progress pages open for every demo user on the demo data (what a first visitor tries)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from plans.models import Plan, ReportingPeriod

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
