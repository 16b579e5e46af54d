"""A small province for the report tests, every figure of which is counted by hand in the docstrings."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.choices import Role
from delegations.choices import DelegationStatus, Direction
from foreign_affairs.celery import app
from plans.choices import PeriodKind, ProgressStatus, WorkflowState
from plans.models import ProgressTargetValue, ReportingPeriod, TaskProgress
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory, TaskTargetFactory

D = datetime.date
ROLES = {
    "staff": (Role.STAFF, "a"),
    "head": (Role.HEAD, "b"),
    "specialist": (Role.SPECIALIST, "focal"),
    "leadership": (Role.LEADERSHIP, None),
    "administrator": (Role.ADMINISTRATOR, None),
    "statistics_reader": (Role.STATISTICS_READER, None),
}


@pytest.fixture(autouse=True)
def report_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.DELEGATION_REPORT_COUNTRIES = ["LA"]
    return settings


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Run tasks in-process unless the test brings a real worker (the PostgreSQL pass sets a broker)."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@dataclass
class Province:
    departments: dict
    users: dict
    plan: object
    tasks: list
    period: ReportingPeriod


def _entry(task, period, department, **values):
    sent = values.get("state", WorkflowState.ACCEPTED) != WorkflowState.DRAFT
    defaults = {"state": WorkflowState.ACCEPTED, "submitted_at": timezone.make_aware(datetime.datetime(2018, 3, 15))}
    if not sent:
        defaults["submitted_at"] = None
    return TaskProgress.objects.create(task=task, period=period, department=department, **{**defaults, **values})


@pytest.fixture
def province(db, focal_department) -> Province:
    """Four tasks of plan 51/KH-UBND and the first quarter of 2018 (15/12/2017–14/03/2018, due 16/03/2018).

    - task 1 (I.1, lead A, coordinated by B): A completed, accepted; B's part accepted, with a proposal.
    - task 2 (I.2, lead B): in progress 40 %, submitted late (20/03/2018), with a difficulty.
    - task 3 (II.1, lead A): a draft only, so not reported; A still owes it.
    - task 4 (II.2, lead B, due 01/02/2018): behind schedule 20 %, approved: overdue on 14/03/2018.
    So: 4 tasks, 1 completed (25%), 1 in progress, 1 behind, 1 not reported, 1 overdue;
    not reported on time: A (owes task 3) and B (late). Target "Lớp tiếng Việt" 3: A 2 + B 1 = 3 (100%);
    A's draft value 50 does not count.
    """
    departments = {
        "a": DepartmentFactory(name="Sở Văn hóa, Thể thao và Du lịch", code="svhttdl", email="vanhoa@example.vn"),
        "b": DepartmentFactory(name="Sở Giáo dục và Đào tạo", code="sgddt", email="giaoduc@example.vn"),
        "c": DepartmentFactory(name="Sở Tài chính", code="stc", email="taichinh@example.vn"),
        "focal": focal_department,
    }
    users = {
        name: UserFactory(
            username=name,
            role=role,
            department=departments[department] if department else None,
            email=f"{name}@example.vn",
        )
        for name, (role, department) in ROLES.items()
    }
    plan = PlanFactory(document_number="51/KH-UBND", title="Kế hoạch triển khai công tác đối ngoại 2017–2018")
    area_1 = TaskAreaFactory(plan=plan, position=1, title="Ngoại giao văn hóa")
    area_2 = TaskAreaFactory(plan=plan, position=2, title="Quản lý đoàn ra, đoàn vào")
    a, b = departments["a"], departments["b"]
    tasks = [
        TaskFactory(area=area_1, position=1, content="Mở lớp bồi dưỡng tiếng Việt cho cán bộ Lào", lead_department=a),
        TaskFactory(area=area_1, position=2, content="Tiếp nhận lưu học sinh Lào", lead_department=b),
        TaskFactory(area=area_2, position=1, content="Thống kê đoàn ra, đoàn vào", lead_department=a),
        TaskFactory(
            area=area_2,
            position=2,
            content="Ban hành quy chế quản lý đoàn ra",
            lead_department=b,
            timing="deadline",
            deadline=D(2018, 2, 1),
        ),
    ]
    tasks[0].coordinating_departments.add(b)
    target = TaskTargetFactory(task=tasks[0], name="Lớp tiếng Việt", unit="lớp", target_value=3)
    period = ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY,
        year=2018,
        sequence=1,
        start_date=D(2017, 12, 15),
        end_date=D(2018, 3, 14),
        deadline=D(2018, 3, 16),
    )
    done = ProgressStatus.COMPLETED
    a1 = _entry(tasks[0], period, a, status=done, percent_done=100, results="Đã mở 3 lớp cho 113 cán bộ")
    b1 = _entry(tasks[0], period, b, status=done, percent_done=100, proposals="Bổ sung kinh phí đào tạo")
    _entry(
        tasks[1],
        period,
        b,
        status=ProgressStatus.IN_PROGRESS,
        percent_done=40,
        state=WorkflowState.SUBMITTED,
        submitted_at=timezone.make_aware(datetime.datetime(2018, 3, 20)),
        difficulties="Thiếu giáo viên tiếng Việt",
    )
    a3 = _entry(tasks[2], period, a, status=ProgressStatus.IN_PROGRESS, percent_done=10, state=WorkflowState.DRAFT)
    _entry(tasks[3], period, b, status=ProgressStatus.BEHIND, percent_done=20, state=WorkflowState.APPROVED)
    ProgressTargetValue.objects.create(progress=a1, target=target, achieved_value=2)
    ProgressTargetValue.objects.create(progress=b1, target=target, achieved_value=1)
    other = TaskTargetFactory(task=tasks[2], name="Báo cáo thống kê", unit="báo cáo", target_value=4)
    ProgressTargetValue.objects.create(progress=a3, target=other, achieved_value=50)
    return Province(departments, users, plan, tasks, period)


def delegation(direction, country, persons, start, end, department, status=DelegationStatus.COMPLETED):
    made = DelegationFactory(
        direction=direction, member_count=persons, start_date=start, end_date=end, department=department, status=status
    )
    DelegationCountryFactory(delegation=made, country=country)
    return made


@pytest.fixture
def delegations(province):
    """Delegations around the quarter 15/12/2017–14/03/2018, counted by start date.

    Inside: inbound Laos 2.024 persons (10/01/2018); inbound Thailand 6 (stay 12/03–20/03/2018, cuts the
    end of the range); outbound Laos 8 (14/03/2018). Outside: inbound Laos 100 (stay 10/12–20/12/2017,
    cuts the start: counts in the period of its start), inbound Laos 50 cancelled (01/02/2018).
    So inbound 2 delegations, 2.030 persons, of which Laos 1 with 2.024; outbound 1 with 8, Laos 1 with 8.
    """
    a = province.departments["a"]
    inbound, outbound = Direction.INBOUND, Direction.OUTBOUND
    return [
        delegation(inbound, "LA", 2024, D(2018, 1, 10), D(2018, 1, 12), a),
        delegation(inbound, "TH", 6, D(2018, 3, 12), D(2018, 3, 20), a),
        delegation(outbound, "LA", 8, D(2018, 3, 14), D(2018, 3, 18), a),
        delegation(inbound, "LA", 100, D(2017, 12, 10), D(2017, 12, 20), a),
        delegation(inbound, "LA", 50, D(2018, 2, 1), D(2018, 2, 2), a, DelegationStatus.CANCELLED),
    ]


@pytest.fixture
def client_as(client, province):
    def make(name):
        client.force_login(province.users[name])
        return client

    return make


@pytest.fixture
def many_reports(request, province) -> int:
    """As many compiled reports as the test's parameter, asked by the specialist for the plan."""
    from tests.reports.factories import CompiledReportFactory

    for number in range(request.param):
        CompiledReportFactory(fingerprint=f"f{number}", requested_by=province.users["specialist"], plan=province.plan)
    return request.param
