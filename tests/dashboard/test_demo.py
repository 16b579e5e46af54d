"""The dashboard on the demo province, for every demo user: it opens, and its figures match their lists."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")
EXPECTED = {"canbo": 200, "truongphong": 200, "chuyenvien": 200, "lanhdao": 200, "quantri": 200, "thongke": 404}


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_dashboard_on_demo_data_opens_and_matches_its_lists(client):
    call_command("load_demo_data", stdout=None)
    statuses = {}
    for username in EXPECTED:
        client.force_login(User.objects.get(username=username))
        statuses[username] = client.get(DASHBOARD).status_code
    assert statuses == EXPECTED

    client.force_login(User.objects.get(username="lanhdao"))
    context = client.get(DASHBOARD).context
    assert context["figures"]["tasks"]["total"] > 0
    assert context["timeliness_rows"], "the demo has a period past its deadline"
    for figure in context["headline"]:
        assert client.get(figure["link"]).context["paginator"].count == figure["value"], figure["key"]
    for row in context["timeliness_rows"]:
        for key in ("on_time", "late", "missing"):
            assert client.get(row["links"][key]).context["paginator"].count == row[key]
