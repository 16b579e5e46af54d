"""The demo data loads the seed plans and can be loaded again without adding a row."""

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from accounts.choices import Role
from accounts.models import Department, FocalPoint, User
from delegations.models import Delegation, DelegationCountry
from demo.specs import DEMO_PASSWORD, DEMO_USERS
from plans.models import Plan, ProgressTargetValue, ReportingPeriod, Task, TaskArea, TaskProgress, TaskTarget

pytestmark = pytest.mark.django_db

LOADED_MODELS = [
    Department,
    User,
    Plan,
    TaskArea,
    Task,
    TaskTarget,
    ReportingPeriod,
    TaskProgress,
    ProgressTargetValue,
    Delegation,
    DelegationCountry,
]


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load_demo_data() -> str:
    out = StringIO()
    call_command("load_demo_data", stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model of the three apps, with history and many-to-many tables."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in ("accounts", "plans", "delegations")
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True)
    }


def test_load_demo_data_twice_gives_the_same_row_counts():
    load_demo_data()
    first = row_counts()

    output = load_demo_data()

    assert row_counts() == first
    for model in LOADED_MODELS:
        assert first[model._meta.label] > 0, model._meta.label
        assert f"{model._meta.label}: {first[model._meta.label]}" in output
    # Nothing changed, so the second run recorded no history either.
    for model in (Plan, TaskArea, Task, TaskProgress, Delegation):
        assert first[model.history.model._meta.label] > 0


def test_load_demo_data_creates_the_four_seed_plans():
    load_demo_data()

    plans = set(Plan.objects.values_list("document_number", "issuer"))
    assert plans == {
        ("51/KH-UBND", "UBND tỉnh Sơn La"),
        ("139/KH-UBND", "UBND tỉnh Điện Biên"),
        ("1623/KH-UBND", "UBND tỉnh Quảng Nam"),
        ("3394/KH-UBND", "UBND tỉnh Kon Tum"),
    }


def test_load_demo_data_maps_quang_nam_areas_to_distinct_standard_areas():
    load_demo_data()

    plan = Plan.objects.get(document_number="1623/KH-UBND", issuer="UBND tỉnh Quảng Nam")
    standard_area_ids = list(plan.areas.values_list("standard_area", flat=True))
    assert len(standard_area_ids) == 13
    assert None not in standard_area_ids
    assert len(set(standard_area_ids)) == 13
    assert not TaskArea.objects.filter(standard_area__isnull=True).exists()


def test_load_demo_data_has_one_focal_point():
    load_demo_data()

    assert list(FocalPoint.objects.values_list("body__code", flat=True)) == ["SNgV"]


def test_load_demo_data_creates_one_user_per_role():
    load_demo_data()

    # Two staff users in different departments show that each sees only its own department's tasks.
    per_role = {role: User.objects.filter(role=role).count() for role in Role.values}
    assert per_role == {role: 2 if role == Role.STAFF else 1 for role in Role.values}
    staff_departments = set(User.objects.filter(role=Role.STAFF).values_list("department", flat=True))
    assert len(staff_departments) == 2
    for username, _role in DEMO_USERS:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="quantri").is_superuser
