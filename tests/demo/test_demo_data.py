"""The demo province: Sơn La as it is in 2026, loaded once, never overwriting a user's changes."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db.models import F, Q
from django.urls import reverse
from docx import Document

from accounts.choices import DepartmentKind, Role, SuccessionKind
from accounts.models import Department, DepartmentSuccession, FocalPoint, User
from delegations.choices import DelegationStatus
from delegations.models import Delegation, DelegationCountry
from demo.models import DemoLoad
from demo.specs import DEMO_PASSWORD, DEMO_USERS, SEED_WINDOW
from plans.choices import PlanStatus
from plans.models import Plan, ProgressTargetValue, ReportingPeriod, Task, TaskArea, TaskProgress, TaskTarget
from reports.models import CompiledReport

pytestmark = pytest.mark.django_db

MERGER_DAY = date(2025, 3, 1)
LAST_DISTRICT_DAY = date(2025, 6, 30)

LOADED_MODELS = [
    Department,
    DepartmentSuccession,
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


def load_demo_data(*args) -> str:
    out = StringIO()
    call_command("load_demo_data", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model of the apps the demo fills, with history and many-to-many tables."""
    return {
        model._meta.label: model._default_manager.count()
        for app_label in ("accounts", "plans", "delegations", "demo")
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


def test_reloading_keeps_what_a_user_changed():
    load_demo_data()
    delegation = Delegation.objects.get(reference="DEMO-0001")
    delegation.title = "Đoàn đã sửa tên"
    delegation.save()
    entry = TaskProgress.objects.order_by("pk").first()
    entry.results = "Kết quả do cán bộ sửa lại."
    entry.save()
    deleted = Delegation.objects.get(reference="DEMO-0002")
    deleted.delete()

    load_demo_data()

    assert Delegation.objects.get(reference="DEMO-0001").title == "Đoàn đã sửa tên"
    assert TaskProgress.objects.get(pk=entry.pk).results == "Kết quả do cán bộ sửa lại."
    # What is missing comes back; what exists is left alone.
    assert Delegation.objects.filter(reference="DEMO-0002").exists()


def test_if_fresh_loads_into_an_empty_database_only():
    first = load_demo_data("--if-fresh")
    assert DemoLoad.objects.filter(province="son-la").exists()
    delegation = Delegation.objects.get(reference="DEMO-0001")
    delegation.delete()

    second = load_demo_data("--if-fresh")

    assert "accounts.Department:" in first
    assert "accounts.Department:" not in second
    assert not Delegation.objects.filter(reference="DEMO-0001").exists()


def test_if_fresh_leaves_a_database_with_bodies_alone(focal_department):
    load_demo_data("--if-fresh")

    assert not DemoLoad.objects.exists()
    assert list(Department.objects.all()) == [focal_department]


def test_seed_figures_of_2017_to_april_2018_through_the_stats_api(client):
    load_demo_data()
    client.force_login(User.objects.get(username="thongke"))
    window = {"start_date_after": SEED_WINDOW[0].isoformat(), "start_date_before": SEED_WINDOW[1].isoformat()}

    stats = client.get(reverse("api:delegation-stats"), {**window, "group_by": "country"}).json()

    totals = {row["direction"]: (row["delegations"], row["persons"]) for row in stats["totals"]}
    laos = {row["direction"]: (row["delegations"], row["persons"]) for row in stats["rows"] if row["country"] == "LA"}
    assert totals == {"inbound": (266, 2024), "outbound": (112, 627)}
    assert laos == {"inbound": (14, 176), "outbound": (59, 457)}
    # Cancelled delegations of the window exist and are not counted.
    in_window = Delegation.objects.filter(start_date__range=SEED_WINDOW)
    assert in_window.filter(status=DelegationStatus.CANCELLED).exists()


def test_delegations_span_the_years_after_the_seed_window():
    load_demo_data()

    years = set(Delegation.objects.filter(start_date__gt=SEED_WINDOW[1]).values_list("start_date__year", flat=True))
    assert years == set(range(2018, 2027))


def test_by_default_only_son_la_is_loaded():
    load_demo_data()

    assert set(Plan.objects.values_list("issuing_body__name", flat=True)) == {"UBND tỉnh Sơn La", "Tỉnh ủy Sơn La"}
    assert Plan.objects.get(document_number="51/KH-UBND").status == PlanStatus.CLOSED
    assert Plan.objects.filter(status=PlanStatus.IN_FORCE).count() == 3
    replaced = Plan.objects.get(status=PlanStatus.REPLACED)
    assert replaced.replaced_by.title.endswith("2026 – 2030")
    assert list(FocalPoint.objects.values_list("body__code", "province_name")) == [("SNgV", "Sơn La")]
    assert DemoLoad.objects.get().province == "son-la"


def test_no_body_hosts_or_reports_outside_its_validity():
    load_demo_data()

    hosted_outside = Delegation.objects.exclude(status=DelegationStatus.CANCELLED).filter(
        Q(department__valid_to__lt=F("end_date")) | Q(department__valid_from__gt=F("start_date"))
    )
    # A body reports in a period when it exists at the end of the period's window.
    reported_outside = TaskProgress.objects.filter(
        Q(department__valid_to__lt=F("period__end_date")) | Q(department__valid_from__gt=F("period__end_date"))
    )
    assert Delegation.objects.filter(department__valid_to__isnull=False).exists()
    assert not hosted_outside.exists()
    assert not reported_outside.exists()
    assert not Delegation.objects.filter(
        department__kind=DepartmentKind.DISTRICT, end_date__gt=LAST_DISTRICT_DAY
    ).exists()
    merged = Department.objects.filter(code__in=["SKHDT", "STTTT", "SLDTBXH", "STNMT", "SNNPTNT", "SGTVT", "BDT"])
    assert not Delegation.objects.filter(department__in=merged, end_date__gte=MERGER_DAY).exists()
    assert not TaskProgress.objects.filter(department__code="STTTT", period__end_date__gte=MERGER_DAY).exists()
    assert TaskProgress.objects.filter(department__code="SKHCN", period__end_date__gte=MERGER_DAY).exists()


def test_the_mergers_of_1_march_2025_are_recorded_and_move_open_tasks():
    load_demo_data()

    successions = set(
        DepartmentSuccession.objects.filter(kind=SuccessionKind.MERGER).values_list(
            "predecessor__code", "successor__code", "effective_date"
        )
    )
    assert ("SKHDT", "STC", MERGER_DAY) in successions
    assert {("STNMT", "SNNMT"), ("SNNPTNT", "SNNMT")} <= {(old, new) for old, new, _day in successions}
    sk = Department.objects.get(code="SKHDT")
    assert (sk.valid_to.isoformat(), sk.is_active) == ("2025-02-28", False)
    # 51/KH-UBND ended in 2018: its tasks keep the Sở KH&ĐT; the 2021–2025 plan was open: its task moved.
    assert Task.objects.filter(area__plan__document_number="51/KH-UBND", lead_department=sk).exists()
    five_year = Plan.objects.get(document_number="112/KH-UBND")
    assert not Task.objects.filter(area__plan=five_year, lead_department=sk).exists()
    assert TaskProgress.objects.filter(department=sk, task__area__plan=five_year).exists()
    assert Department.objects.filter(kind=DepartmentKind.COMMUNE).count() == 12
    assert Department.objects.filter(kind=DepartmentKind.DISTRICT, valid_to=LAST_DISTRICT_DAY).count() == 12


def test_progress_in_every_closed_period_mostly_on_time():
    load_demo_data()

    entries = TaskProgress.objects.exclude(submitted_at__isnull=True)
    late = sum(1 for entry in entries.select_related("period") if entry.submitted_at.date() > entry.period.deadline)
    assert 0.05 < late / entries.count() < 0.25
    assert TaskProgress.objects.filter(state="returned").exists()
    years = set(TaskProgress.objects.values_list("period__year", flat=True))
    assert set(range(2017, 2027)) <= years


def test_demo_users_sit_in_bodies_that_exist_today():
    load_demo_data()

    per_role = {role: User.objects.filter(role=role).count() for role in Role.values}
    assert per_role == {role: 2 if role == Role.STAFF else 1 for role in Role.values}
    assert User.objects.get(username="canbo").department.code == "STC"
    assert not User.objects.filter(department__valid_to__isnull=False).exists()
    for username, _role in DEMO_USERS:
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)
    assert User.objects.get(username="quantri").is_superuser


def test_dien_bien_loads_its_own_plan_with_its_own_bodies():
    load_demo_data("--province", "dien-bien")

    plan = Plan.objects.get()
    assert (plan.document_number, plan.issuing_body.name) == ("139/KH-UBND", "UBND tỉnh Điện Biên")
    bodies = Department.objects.filter(Q(led_tasks__area__plan=plan) | Q(supported_tasks__area__plan=plan))
    assert bodies.exists()
    assert all(code.startswith("DB-") for code in bodies.values_list("code", flat=True))
    assert FocalPoint.objects.get().body.name == "Sở Ngoại vụ tỉnh Điện Biên"
    assert not Delegation.objects.exists()


def test_a_second_province_is_refused_without_force():
    load_demo_data()

    with pytest.raises(CommandError, match="--force"):
        load_demo_data("--province", "kon-tum")
    load_demo_data("--province", "kon-tum", "--force")

    kon_tum = Plan.objects.get(document_number="3394/KH-UBND")
    assert (kon_tum.status, kon_tum.in_force_to.isoformat()) == (PlanStatus.CLOSED, "2025-06-30")
    assert "Quảng Ngãi" in kon_tum.summary
    assert set(FocalPoint.objects.values_list("province_name", "body__code")) == {
        ("Sơn La", "SNgV"),
        ("Kon Tum", "KT-SNgV"),
    }
    # The demo logins stay with the province loaded first.
    assert User.objects.get(username="canbo").department.code == "STC"


def test_a_report_compiled_for_the_seed_window_states_the_seed_figures(capsys):
    load_demo_data()

    call_command("compile_report", "--from", "01/01/2017", "--to", "30/04/2018")

    report = CompiledReport.objects.get()
    text = "\n".join(paragraph.text for paragraph in Document(report.docx_file.path).paragraphs)
    assert "266 đoàn với 2.024 lượt khách quốc tế; trong đó có 14 đoàn với 176 lượt khách" in text
    assert "112 đoàn với 627 lượt cán bộ" in text
    assert "59 đoàn với 457 lượt cán bộ" in text
