"""Every admin page and the portal's first pages answer an administrator and turn strangers away."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse

from accounts.choices import Role
from tests.accounts.factories import UserFactory
from tests.delegations.factories import DelegationCountryFactory
from tests.plans.factories import TaskProgressFactory, TaskTargetFactory
from tests.reports.factories import CompiledReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_of_everything(administrator, focal_department):
    """At least one row of every model, so that each admin change page has something to open."""
    progress = TaskProgressFactory()
    TaskTargetFactory(task=progress.task)
    progress.target_values.create(target=progress.task.targets.first(), achieved_value=2)
    progress.attachments.create(
        file="progress/x.pdf", original_name="x.pdf", content_type="application/pdf", size=10, uploaded_by=administrator
    )
    DelegationCountryFactory()
    CompiledReportFactory(date_from=datetime.date(2018, 1, 1), date_to=datetime.date(2018, 4, 30))
    return progress


def admin_urls():
    for model in admin.site._registry:
        opts = model._meta
        yield model, f"admin:{opts.app_label}_{opts.model_name}"


@pytest.mark.parametrize("model,url_prefix", list(admin_urls()), ids=lambda v: v if isinstance(v, str) else "")
def test_admin_pages_answer_administrator(admin_client, administrator, one_of_everything, model, url_prefix, rf):
    changelist = admin_client.get(reverse(f"{url_prefix}_changelist"), {"q": "a"})
    add = admin_client.get(reverse(f"{url_prefix}_add"))
    obj = model.objects.first()
    change = admin_client.get(reverse(f"{url_prefix}_change", args=[obj.pk])) if obj else None
    request = rf.get("/")
    request.user = administrator
    # Some records are only ever written by the portal itself (sign-in attempts): no add page.
    addable = admin.site._registry[model].has_add_permission(request)

    assert changelist.status_code == 200
    assert add.status_code == (200 if addable else 403)
    assert change is None or change.status_code == 200


def test_admin_speaks_vietnamese(admin_client):
    response = admin_client.get(reverse("admin:plans_plan_changelist"))

    assert "Kế hoạch" in response.content.decode()


def test_admin_refuses_anonymous(client):
    response = client.get(reverse("admin:plans_plan_changelist"))

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


@pytest.mark.parametrize("name", ["home", "plan_detail"])
def test_portal_pages_answer_administrator(admin_client, one_of_everything, name):
    url = (
        reverse("home") if name == "home" else reverse("plans:plan_detail", args=[one_of_everything.task.area.plan.pk])
    )

    response = admin_client.get(url)

    assert response.status_code == 200
    assert one_of_everything.task.area.plan.document_number in response.content.decode()


@pytest.mark.parametrize("name", ["home", "plan_detail"])
def test_portal_pages_redirect_anonymous_to_login(client, one_of_everything, name):
    url = (
        reverse("home") if name == "home" else reverse("plans:plan_detail", args=[one_of_everything.task.area.plan.pk])
    )

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_is_in_vietnamese(client):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_login_then_logout(client, administrator):
    response = client.post(reverse("login"), {"username": "admin", "password": "secret-pass-123"})
    assert response.status_code == 302

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_portal_speaks_vietnamese_to_an_english_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "en-US,en;q=0.9"})

    assert "Đăng nhập" in response.content.decode()
    assert response["Content-Language"] == "vi"


def test_language_switcher_turns_english_on(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("login"))

    assert "Log in" in response.content.decode()
    assert "Đăng nhập" not in response.content.decode()


def test_dates_are_written_the_vietnamese_way(admin_client, one_of_everything):
    plan = one_of_everything.task.area.plan

    response = admin_client.get(reverse("home"))

    assert plan.issue_date.strftime("%d/%m/%Y") in response.content.decode()


def test_home_sends_a_statistics_reader_to_the_statistics_page(client):
    reader = UserFactory(username="reader", role=Role.STATISTICS_READER, department=None)
    client.force_login(reader)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("delegations:delegation_stats")
    stats_page = client.get(response["Location"]).content.decode()
    menu = stats_page.split('class="navbar-nav')[1].split("</ul>")[0]
    assert f'href="{reverse("home")}"' not in menu
