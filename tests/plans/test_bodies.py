"""Bodies over time: a merger, split or renaming moves open work to the successor and rewrites no history.

The province of these tests: on 01/03/2025 Sở Tài nguyên và Môi trường and Sở Nông nghiệp và Phát
triển nông thôn merged into a new Sở Nông nghiệp và Môi trường (as Sơn La's departments did).
"""

import datetime
import json
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.choices import Role, SuccessionKind
from accounts.models import Department, DepartmentSuccession, User
from delegations.choices import DelegationStatus, Direction
from delegations.forms import DelegationForm
from delegations.models import Delegation
from delegations.services import delegation_create
from plans.choices import PeriodKind, PlanStatus, WorkflowState
from plans.models import ReportingPeriod, Task, TaskProgress
from plans.services import department_succession_record, open_tasks
from reports.models import CompiledReport
from reports.services import report_compile
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory, TaskProgressFactory
from tests.reports.factories import CompiledReportFactory

pytestmark = pytest.mark.django_db
MERGER_DAY = datetime.date(2025, 3, 1)


@dataclass
class Province:
    bodies: dict
    tasks: dict
    users: dict
    delegations: dict
    entries: list
    report: CompiledReport


def _delegation(department, start: datetime.date, persons: int, direction=Direction.INBOUND, **values):
    delegation = DelegationFactory(
        department=department,
        start_date=start,
        end_date=start + datetime.timedelta(days=3),
        member_count=persons,
        direction=direction,
        **values,
    )
    DelegationCountryFactory(delegation=delegation, country="LA")
    return delegation


def _tasks(bodies: dict) -> dict:
    environment, agriculture, focal = bodies["environment"], bodies["agriculture"], bodies["focal"]
    in_force = TaskAreaFactory(
        plan=PlanFactory(document_number="12/KH-UBND", issue_date=datetime.date(2024, 1, 10), start_year=2024,
                         end_year=2026, continues_after=False),
    )  # fmt: skip
    closed = TaskAreaFactory(plan=PlanFactory(status=PlanStatus.CLOSED, in_force_to=datetime.date(2018, 12, 31)))
    draft = TaskAreaFactory(plan=PlanFactory(status=PlanStatus.DRAFT, issue_date=datetime.date(2026, 1, 5),
                                             start_year=2026, end_year=2027))  # fmt: skip
    tasks = {
        "led": TaskFactory(area=in_force, lead_department=environment),
        "coordinated": TaskFactory(area=in_force, lead_department=focal),
        "both": TaskFactory(area=in_force, lead_department=agriculture),
        "closed": TaskFactory(area=closed, lead_department=environment),
        "draft": TaskFactory(area=draft, lead_department=agriculture),
        "other": TaskFactory(area=in_force, lead_department=focal),
    }
    tasks["led"].coordinating_departments.set([agriculture, focal])
    tasks["coordinated"].coordinating_departments.set([environment, agriculture])
    tasks["both"].coordinating_departments.set([environment])
    tasks["closed"].coordinating_departments.set([agriculture])
    return tasks


@pytest.fixture
def province(focal_department) -> Province:
    bodies = {
        "environment": DepartmentFactory(name="Sở Tài nguyên và Môi trường", code="STNMT"),
        "agriculture": DepartmentFactory(name="Sở Nông nghiệp và Phát triển nông thôn", code="SNNPTNT"),
        "focal": focal_department,
    }
    tasks = _tasks(bodies)
    period = ReportingPeriod.objects.create(
        kind=PeriodKind.YEARLY,
        year=2024,
        sequence=1,
        start_date=datetime.date(2023, 12, 15),
        end_date=datetime.date(2024, 12, 14),
        deadline=datetime.date(2024, 12, 18),
    )
    entries = [
        TaskProgressFactory(task=tasks["led"], period=period, department=bodies["environment"],
                            state=WorkflowState.ACCEPTED),
        TaskProgressFactory(task=tasks["coordinated"], period=period, department=bodies["agriculture"],
                            state=WorkflowState.ACCEPTED),
    ]  # fmt: skip
    report = report_compile(report=CompiledReportFactory(period=period, date_from=period.start_date,
                                                         date_to=period.end_date))  # fmt: skip
    users = {
        "staff": UserFactory(username="nhanvien_tnmt", role=Role.STAFF, department=bodies["environment"]),
        "head": UserFactory(username="lanhdao_snn", role=Role.HEAD, department=bodies["agriculture"]),
        "focal": UserFactory(username="chuyenvien", role=Role.SPECIALIST, department=focal_department),
    }
    delegations = {
        "2024_in": _delegation(bodies["environment"], datetime.date(2024, 5, 2), 5),
        "2024_out": _delegation(bodies["environment"], datetime.date(2024, 9, 9), 3, Direction.OUTBOUND),
        "2025_before": _delegation(bodies["agriculture"], datetime.date(2025, 1, 20), 4),
        "2025_planned": _delegation(bodies["environment"], datetime.date(2025, 6, 1), 6,
                                    status=DelegationStatus.PLANNED),
        "focal": _delegation(focal_department, datetime.date(2025, 8, 8), 7),
    }  # fmt: skip
    return Province(bodies, tasks, users, delegations, entries, report)


def merge(province: Province, **overrides) -> Department:
    """The merger of 01/03/2025 into a new body, as the admin action records it."""
    successor = Department(name="Sở Nông nghiệp và Môi trường", short_name="Sở NN&MT", code="SNNMT",
                           kind="provincial_agency")  # fmt: skip
    arguments = {
        "predecessors": [province.bodies["environment"], province.bodies["agriculture"]],
        "successor": successor,
        "kind": SuccessionKind.MERGER,
        "effective_date": MERGER_DAY,
        "legal_basis": "Nghị quyết số 05/NQ-HĐND ngày 26/02/2025",
        "by": province.users["focal"],
    }
    department_succession_record(**{**arguments, **overrides})
    return Department.objects.get(code="SNNMT")


def _lead_and_coordinating(task: Task) -> tuple[str, set[str]]:
    task.refresh_from_db()
    return task.lead_department.code, set(task.coordinating_departments.values_list("code", flat=True))


# --- The issue's test: a merger keeps history and moves open work ------------------------------------


def test_merger_ends_the_predecessors_and_records_the_successions(province):
    merged = merge(province)

    environment, agriculture = (
        Department.objects.get(pk=province.bodies[k].pk) for k in ("environment", "agriculture")
    )
    assert (environment.valid_to, environment.is_active) == (datetime.date(2025, 2, 28), False)
    assert (agriculture.valid_to, agriculture.is_active) == (datetime.date(2025, 2, 28), False)
    assert (merged.valid_from, merged.valid_to, merged.is_active) == (MERGER_DAY, None, True)
    rows = DepartmentSuccession.objects.order_by("pk").values_list("predecessor__code", "successor__code", "kind")
    assert list(rows) == [("STNMT", "SNNMT", "merger"), ("SNNPTNT", "SNNMT", "merger")]
    assert set(DepartmentSuccession.objects.values_list("legal_basis", flat=True)) == {
        "Nghị quyết số 05/NQ-HĐND ngày 26/02/2025"
    }


def test_merger_moves_open_tasks_as_lead_and_as_coordinating_department(province):
    merge(province)

    tasks = province.tasks
    assert _lead_and_coordinating(tasks["led"]) == ("SNNMT", {"SNgV"})
    assert _lead_and_coordinating(tasks["coordinated"]) == ("SNgV", {"SNNMT"})
    # It led one and coordinated the other's task: now it leads, and never coordinates what it leads.
    assert _lead_and_coordinating(tasks["both"]) == ("SNNMT", set())
    assert _lead_and_coordinating(tasks["draft"]) == ("SNNMT", set())
    assert _lead_and_coordinating(tasks["other"]) == ("SNgV", set())


def test_merger_leaves_the_tasks_of_closed_plans_alone(province):
    merge(province)

    assert _lead_and_coordinating(province.tasks["closed"]) == ("STNMT", {"SNNPTNT"})


def test_merger_records_who_moved_each_task_in_its_history(province):
    merge(province)

    record = province.tasks["led"].history.latest()
    assert record.lead_department.code == "SNNMT"
    assert record.history_user == province.users["focal"]
    assert province.tasks["led"].history.earliest().lead_department.code == "STNMT"


def test_merger_moves_the_users_and_leaves_their_entries_alone(province):
    merged = merge(province)

    assert set(merged.users.values_list("username", flat=True)) == {"nhanvien_tnmt", "lanhdao_snn"}
    assert province.users["focal"].department.code == "SNgV"
    entries = TaskProgress.objects.filter(pk__in=[entry.pk for entry in province.entries]).order_by("pk")
    assert list(entries.values_list("department__code", "state")) == [
        ("STNMT", WorkflowState.ACCEPTED),
        ("SNNPTNT", WorkflowState.ACCEPTED),
    ]


def test_merger_rewrites_no_compiled_report(province):
    before = CompiledReport.objects.values("content", "docx_file", "xlsx_file", "title").get(pk=province.report.pk)
    assert "Sở Tài nguyên và Môi trường" in json.dumps(before["content"], ensure_ascii=False)

    merge(province)

    after = CompiledReport.objects.values("content", "docx_file", "xlsx_file", "title").get(pk=province.report.pk)
    assert after == before
    assert "Sở Nông nghiệp và Môi trường" not in json.dumps(after["content"], ensure_ascii=False)


def test_merger_keeps_past_delegations_and_moves_those_still_to_come(province):
    merge(province)

    departments = dict(Delegation.objects.values_list("pk", "department__code"))
    delegations = province.delegations
    assert departments[delegations["2024_in"].pk] == "STNMT"
    assert departments[delegations["2024_out"].pk] == "STNMT"
    assert departments[delegations["2025_before"].pk] == "SNNPTNT"
    assert departments[delegations["2025_planned"].pk] == "SNNMT"
    assert departments[delegations["focal"].pk] == "SNgV"
    assert delegations["2025_planned"].history.latest().history_user == province.users["focal"]


def _stats(client, bodies: str) -> dict:
    query = {"start_date_after": "2024-01-01", "start_date_before": "2026-12-31", "group_by": "department"}
    response = client.get(reverse("api:delegation-stats"), {**query, "bodies": bodies})
    assert response.status_code == 200, response.content
    return response.json()


def _by_department(stats: dict) -> dict:
    return {(row["department_name"], row["direction"]): (row["delegations"], row["persons"]) for row in stats["rows"]}


def test_statistics_2024_to_2026_have_equal_totals_by_bodies_as_they_were_or_are(province):
    merge(province)
    client = APIClient()
    client.force_authenticate(province.users["focal"])

    as_of, current = _stats(client, "as_of"), _stats(client, "current")

    assert (
        as_of["totals"]
        == current["totals"]
        == [
            {"direction": "inbound", "delegations": 4, "persons": 22},
            {"direction": "outbound", "delegations": 1, "persons": 3},
        ]
    )
    assert _by_department(as_of) == {
        ("Sở Tài nguyên và Môi trường", "inbound"): (1, 5),
        ("Sở Tài nguyên và Môi trường", "outbound"): (1, 3),
        ("Sở Nông nghiệp và Phát triển nông thôn", "inbound"): (1, 4),
        ("Sở Nông nghiệp và Môi trường", "inbound"): (1, 6),
        ("Sở Ngoại vụ", "inbound"): (1, 7),
    }
    assert _by_department(current) == {
        ("Sở Nông nghiệp và Môi trường", "inbound"): (3, 15),
        ("Sở Nông nghiệp và Môi trường", "outbound"): (1, 3),
        ("Sở Ngoại vụ", "inbound"): (1, 7),
    }
    assert (as_of["bodies"], current["bodies"]) == ("as_of", "current")


def test_statistics_department_filter_by_present_body_includes_its_predecessors(province):
    merged = merge(province)
    client = APIClient()
    client.force_authenticate(province.users["focal"])
    query = {"start_date_after": "2024-01-01", "start_date_before": "2026-12-31", "department": merged.pk}

    as_of = client.get(reverse("api:delegation-stats"), {**query, "bodies": "as_of"}).json()
    current = client.get(reverse("api:delegation-stats"), {**query, "bodies": "current"}).json()

    assert [(row["direction"], row["delegations"]) for row in as_of["totals"]] == [("inbound", 1)]
    assert [(row["direction"], row["delegations"]) for row in current["totals"]] == [("inbound", 3), ("outbound", 1)]


# --- Renaming chains and splits -------------------------------------------------------------------


def test_rename_chain_groups_under_the_last_name(province):
    environment = province.bodies["environment"]
    interim = DepartmentFactory(name="Sở Tài nguyên, Môi trường và Biển đảo", code="STNMTBD")
    final = DepartmentFactory(name="Sở Môi trường", code="SMT")

    department_succession_record(predecessors=[environment], successor=interim, kind=SuccessionKind.RENAME,
                                 effective_date=datetime.date(2024, 7, 1))  # fmt: skip
    department_succession_record(predecessors=[interim], successor=final, kind=SuccessionKind.RENAME,
                                 effective_date=datetime.date(2025, 1, 1))  # fmt: skip

    client = APIClient()
    client.force_authenticate(province.users["focal"])
    rows = _by_department(_stats(client, "current"))
    assert rows[("Sở Môi trường", "inbound")] == (2, 11)  # 2024_in and the planned trip of June 2025
    assert rows[("Sở Môi trường", "outbound")] == (1, 3)
    assert not any(name.startswith("Sở Tài nguyên") for name, _direction in rows)
    assert _lead_and_coordinating(province.tasks["led"])[0] == "SMT"
    assert User.objects.get(pk=province.users["staff"].pk).department == final


def test_split_gives_open_work_and_users_to_the_named_heir_only(province):
    environment = province.bodies["environment"]
    heir = DepartmentFactory(name="Sở Nông nghiệp và Môi trường", code="SNNMT")
    other = DepartmentFactory(name="Sở Xây dựng", code="SXD")

    successions = department_succession_record(
        predecessors=[environment], successor=heir, other_successors=[other], kind=SuccessionKind.SPLIT,
        effective_date=MERGER_DAY,
    )  # fmt: skip

    assert [(row.successor.code, row.kind) for row in successions] == [("SNNMT", "split"), ("SXD", "split")]
    assert successions[0].pk < successions[1].pk  # the heir's row first: statistics follow it
    assert _lead_and_coordinating(province.tasks["led"])[0] == "SNNMT"
    assert "SNNMT" in _lead_and_coordinating(province.tasks["coordinated"])[1]
    assert not Task.objects.filter(lead_department=other).exists()
    assert set(heir.users.values_list("username", flat=True)) == {"nhanvien_tnmt"}
    client = APIClient()
    client.force_authenticate(province.users["focal"])
    assert _by_department(_stats(client, "current"))[("Sở Nông nghiệp và Môi trường", "outbound")] == (1, 3)


# --- What cannot be recorded, explained in Vietnamese ---------------------------------------------


def _refusal(province, **overrides) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        merge(province, **overrides)
    return refused.value.messages


def test_a_body_cannot_succeed_itself(province):
    environment = province.bodies["environment"]

    messages = _refusal(province, predecessors=[environment], successor=environment)

    assert "Một cơ quan không thể kế thừa chính nó." in messages


def test_the_change_takes_effect_after_the_predecessor_began(province):
    environment = province.bodies["environment"]
    environment.valid_from = datetime.date(2025, 3, 1)
    environment.save()

    messages = _refusal(province)

    assert "Sở Tài nguyên và Môi trường bắt đầu từ 01/03/2025: thay đổi phải có hiệu lực sau ngày đó." in messages


def test_an_inactive_or_ended_successor_cannot_take_over(province):
    inactive = DepartmentFactory(name="Sở Khoa học và Công nghệ", code="SKHCN", is_active=False)
    ended = DepartmentFactory(name="Sở Giao thông vận tải", code="SGTVT", valid_to=datetime.date(2024, 12, 31))

    assert "Sở Khoa học và Công nghệ đã ngừng hoạt động, không thể tiếp nhận công việc." in _refusal(
        province, successor=inactive
    )
    assert "Sở Giao thông vận tải không tồn tại vào ngày 01/03/2025." in _refusal(province, successor=ended)


def test_a_body_passes_its_work_on_only_once(province):
    merge(province)
    again = DepartmentFactory(name="Sở Xây dựng", code="SXD")

    messages = _refusal(province, successor=again, effective_date=datetime.date(2025, 2, 28))

    assert "Sở Tài nguyên và Môi trường đã chuyển giao công việc cho một cơ quan khác." in messages


@pytest.mark.parametrize(
    "kind,others,message",
    [
        (SuccessionKind.SPLIT, [], "Chia tách là kết thúc một cơ quan và nêu ít nhất hai cơ quan kế thừa."),
        (SuccessionKind.RENAME, [], "Đổi tên chỉ kết thúc đúng một cơ quan."),
        (SuccessionKind.MERGER, ["focal"], "Chỉ khi chia tách mới nêu nhiều hơn một cơ quan kế thừa."),
    ],
)
def test_the_kind_of_change_fits_the_bodies_named(province, kind, others, message):
    other_successors = [province.bodies[name] for name in others]

    assert message in _refusal(province, kind=kind, other_successors=other_successors)


def test_a_refused_change_changes_nothing(province):
    environment = province.bodies["environment"]

    _refusal(province, successor=environment)

    environment.refresh_from_db()
    assert (environment.valid_to, environment.is_active) == (None, True)
    assert not DepartmentSuccession.objects.exists()
    assert _lead_and_coordinating(province.tasks["led"])[0] == "STNMT"
    assert not Department.objects.filter(code="SNNMT").exists()


def test_open_tasks_are_those_of_drafts_and_of_plans_in_force_from_the_day(province):
    environment = province.bodies["environment"]

    found = set(open_tasks(departments=[environment], since=MERGER_DAY))

    assert found == {province.tasks["led"], province.tasks["coordinated"], province.tasks["both"]}
    assert province.tasks["led"] in open_tasks(departments=[environment], since=datetime.date(2026, 12, 31))
    assert not open_tasks(departments=[environment], since=datetime.date(2027, 1, 1)).exists()


# --- The admin: a merger in a few clicks ------------------------------------------------------------


@pytest.fixture
def administrator_client(client, province):
    user = UserFactory(username="quantri", role=Role.ADMINISTRATOR, department=None)
    client.force_login(user)
    return client


def _action(client, bodies, **form):
    data = {"action": "record_succession", "_selected_action": [body.pk for body in bodies], **form}
    return client.post(reverse("admin:accounts_department_changelist"), data)


def _apply(client, bodies, **form):
    """The second click: the action's form sent back, with the date of the 2025 mergers."""
    defaults = {"apply": "1", "effective_date": "01/03/2025", "new_kind": "provincial_agency"}
    return _action(client, bodies, **defaults, **form)


def test_admin_action_records_a_merger_into_a_new_body_in_two_posts(province, administrator_client):
    bodies = [province.bodies["environment"], province.bodies["agriculture"]]

    page = _action(administrator_client, bodies)
    assert page.status_code == 200
    assert "Sở Tài nguyên và Môi trường" in page.content.decode()

    response = _apply(
        administrator_client,
        bodies,
        kind="merger",
        legal_basis="Nghị quyết số 05/NQ-HĐND",
        new_name="Sở Nông nghiệp và Môi trường",
        new_short_name="Sở NN&MT",
        new_code="SNNMT",
    )

    assert response.status_code == 302
    merged = Department.objects.get(code="SNNMT")
    assert merged.valid_from == MERGER_DAY
    assert DepartmentSuccession.objects.filter(successor=merged).count() == 2
    assert _lead_and_coordinating(province.tasks["led"])[0] == "SNNMT"
    assert province.tasks["led"].history.latest().history_user.username == "quantri"


def test_admin_action_into_an_existing_body_keeps_its_start(province, administrator_client):
    finance = DepartmentFactory(name="Sở Tài chính", code="STC")

    response = _apply(
        administrator_client,
        [province.bodies["agriculture"]],
        kind="merger",
        successor=finance.pk,
    )

    assert response.status_code == 302
    finance.refresh_from_db()
    assert finance.valid_from is None
    assert _lead_and_coordinating(province.tasks["both"])[0] == "STC"


def test_admin_action_shows_the_services_refusal_and_changes_nothing(province, administrator_client):
    environment = province.bodies["environment"]

    response = _apply(
        administrator_client,
        [environment],
        kind="rename",
        successor=province.bodies["focal"].pk,
        other_successors=[province.bodies["agriculture"].pk],
    )

    assert response.status_code == 200
    assert "Chỉ khi chia tách mới nêu nhiều hơn một cơ quan kế thừa." in response.content.decode()
    assert not DepartmentSuccession.objects.exists()


def test_admin_action_needs_a_successor_existing_or_new(province, administrator_client):
    response = _apply(
        administrator_client,
        [province.bodies["environment"]],
        kind="rename",
    )

    assert response.status_code == 200
    assert "Chọn cơ quan hiện có tiếp nhận công việc, hoặc đặt tên một cơ quan mới" in response.content.decode()
    assert not DepartmentSuccession.objects.exists()


def test_specialist_cannot_record_a_merger(province, client):
    client.force_login(province.users["focal"])

    response = _apply(
        client,
        [province.bodies["environment"]],
        kind="rename",
        new_name="Sở Môi trường",
        new_code="SMT",
    )

    # The action is not offered to a specialist: the list comes back with "no action selected".
    assert response.status_code == 200
    assert "record_succession" not in client.get(reverse("admin:accounts_department_changelist")).content.decode()
    assert not DepartmentSuccession.objects.exists()
    assert Department.objects.get(pk=province.bodies["environment"].pk).is_active


def test_succession_list_is_read_only_and_the_body_shows_its_successors(province, administrator_client):
    merge(province)

    listing = administrator_client.get(reverse("admin:accounts_departmentsuccession_changelist"))
    body = administrator_client.get(
        reverse("admin:accounts_department_change", args=[province.bodies["agriculture"].pk])
    )

    assert listing.status_code == 200
    assert "Sở Tài nguyên và Môi trường" in listing.content.decode()
    assert administrator_client.get(reverse("admin:accounts_departmentsuccession_add")).status_code == 403
    assert "Sở NN&amp;MT" in body.content.decode()  # the successor, by its short name
    assert "28/02/2025" in body.content.decode() or "2025-02-28" in body.content.decode()


# --- Choices: only bodies that exist today, an old record keeps its own -----------------------------


def test_new_tasks_are_offered_only_bodies_that_exist_today(province):
    merged = merge(province)
    client = APIClient()
    client.force_authenticate(province.users["focal"])
    area = province.tasks["led"].area
    task = {"area": area.pk, "position": 9, "content": "Nhiệm vụ mới", "timing": "continuous"}

    refused = client.post(reverse("api:task-list"), {**task, "lead_department": province.bodies["environment"].pk})
    accepted = client.post(reverse("api:task-list"), {**task, "lead_department": merged.pk})

    assert refused.status_code == 400
    assert "lead_department" in refused.json()
    assert accepted.status_code == 201


def test_task_admin_offers_today_s_bodies_and_keeps_an_old_task_s_own(province, administrator_client):
    merged = merge(province)
    old = province.tasks["closed"]

    new_form = administrator_client.get(reverse("admin:plans_task_add")).context["adminform"].form
    old_form = administrator_client.get(reverse("admin:plans_task_change", args=[old.pk])).context["adminform"].form

    assert set(new_form.fields["lead_department"].queryset) == {merged, province.bodies["focal"]}
    assert set(old_form.fields["coordinating_departments"].queryset) == {
        merged, province.bodies["focal"], province.bodies["environment"], province.bodies["agriculture"],
    }  # fmt: skip


def test_an_old_task_keeps_its_ended_body_when_changed(province):
    merge(province)
    client = APIClient()
    client.force_authenticate(province.users["focal"])
    old = province.tasks["closed"]

    response = client.patch(
        reverse("api:task-detail", args=[old.pk]),
        {"content": "Nội dung sửa", "lead_department": old.lead_department_id},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert _lead_and_coordinating(old) == ("STNMT", {"SNNPTNT"})


def test_delegation_form_offers_today_s_bodies_and_keeps_an_old_delegation_s_own(province):
    merged = merge(province)
    specialist = province.users["focal"]

    new_choices = set(DelegationForm(user=specialist).fields["department"].queryset)
    old_choices = set(
        DelegationForm(user=specialist, instance=province.delegations["2024_in"]).fields["department"].queryset
    )

    assert new_choices == {merged, province.bodies["focal"]}
    assert old_choices == {merged, province.bodies["focal"], province.bodies["environment"]}


def test_user_admin_offers_today_s_bodies_and_keeps_a_user_s_own(province, administrator_client):
    merged = merge(province)
    old_user = UserFactory(username="cu", role=Role.LEADERSHIP, department=None)
    Department.objects.filter(pk=province.bodies["environment"].pk).update(is_active=True)  # ended, though active
    old_user.department = province.bodies["environment"]
    old_user.save()

    new_form = administrator_client.get(reverse("admin:accounts_user_add")).context["adminform"].form
    old_form = (
        administrator_client.get(reverse("admin:accounts_user_change", args=[old_user.pk])).context["adminform"].form
    )

    assert set(new_form.fields["department"].queryset) == {merged, province.bodies["focal"]}
    assert province.bodies["environment"] in set(old_form.fields["department"].queryset)


def test_a_delegation_is_recorded_with_a_body_that_existed_on_its_start_date(province):
    merge(province)

    with pytest.raises(ValidationError) as refused:
        delegation_create(
            by=province.users["focal"],
            countries=["LA"],
            direction=Direction.INBOUND,
            title="Đoàn tỉnh Hủa Phăn",
            department=Department.objects.get(code="STNMT"),
            leader_name="Ông A",
            member_count=3,
            start_date=datetime.date(2025, 4, 1),
            end_date=datetime.date(2025, 4, 3),
        )

    assert "department" in refused.value.message_dict
    assert "không tồn tại vào ngày 01/04/2025" in refused.value.message_dict["department"][0]
