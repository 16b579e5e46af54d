"""A small province for the progress workflow: three departments, one task, every role."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.choices import Role
from plans.choices import PeriodKind, ProgressStatus, WorkflowState
from plans.models import ReportingPeriod, TaskProgress
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory, TaskTargetFactory

ROLES_WITH_DEPARTMENT = {
    "staff_a": (Role.STAFF, "a"),
    "head_a": (Role.HEAD, "a"),
    "staff_b": (Role.STAFF, "b"),
    "head_b": (Role.HEAD, "b"),
    "staff_c": (Role.STAFF, "c"),
    "specialist": (Role.SPECIALIST, "focal"),
    "leadership": (Role.LEADERSHIP, None),
    "administrator": (Role.ADMINISTRATOR, None),
    "statistics_reader": (Role.STATISTICS_READER, None),
}


@dataclass
class World:
    departments: dict
    users: dict
    plan: object
    area: object
    task: object
    target: object
    period: object

    def entry(self, department="a", **values) -> TaskProgress:
        """An entry of the department on the task for the current period, in the given state."""
        defaults = {
            "status": ProgressStatus.IN_PROGRESS,
            "percent_done": 40,
            "results": "Đã tổ chức 2 lớp tiếng Việt",
            "state": WorkflowState.DRAFT,
        }
        return TaskProgress.objects.create(
            task=self.task, period=self.period, department=self.departments[department], **{**defaults, **values}
        )


def current_quarter(today: datetime.date) -> ReportingPeriod:
    """A quarterly period whose data window holds today, as "my work" and the review page expect."""
    return ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY,
        year=today.year,
        sequence=(today.month - 1) // 3 + 1,
        start_date=today - datetime.timedelta(days=40),
        end_date=today + datetime.timedelta(days=40),
        deadline=today + datetime.timedelta(days=42),
    )


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Nine users per test: a fast hasher keeps the suite quick (no password is checked here).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db, focal_department) -> World:
    departments = {
        "a": DepartmentFactory(name="Sở Văn hóa, Thể thao và Du lịch", code="svhttdl", email="vanhoa@example.vn"),
        "b": DepartmentFactory(name="Sở Giáo dục và Đào tạo", code="sgddt", email="giaoduc@example.vn"),
        "c": DepartmentFactory(name="Sở Tài chính", code="stc", email=""),
        "focal": focal_department,
    }
    users = {}
    for name, (role, department) in ROLES_WITH_DEPARTMENT.items():
        users[name] = UserFactory(
            username=name,
            role=role,
            department=departments[department] if department else None,
            email=f"{name}@example.vn",
            is_staff=role in (Role.SPECIALIST, Role.ADMINISTRATOR, Role.STAFF),
        )
    plan = PlanFactory(document_number="51/KH-UBND", title="Kế hoạch triển khai công tác đối ngoại năm 2026")
    area = TaskAreaFactory(plan=plan, position=1, title="Ngoại giao văn hóa")
    task = TaskFactory(
        area=area,
        position=1,
        content="Tổ chức các hoạt động đối ngoại nhân dân với tỉnh Luông Pha Băng",
        lead_department=departments["a"],
    )
    task.coordinating_departments.add(departments["b"])
    target = TaskTargetFactory(task=task, name="Lớp tiếng Việt", unit="lớp", target_value=3)
    period = current_quarter(timezone.localdate())
    return World(departments, users, plan, area, task, target, period)


@pytest.fixture
def login(client, world):
    """Log the test client in as one of the world's users, by name."""

    def _login(name):
        if name == "anonymous":
            client.logout()
        else:
            client.force_login(world.users[name])
        return client

    return _login
