import datetime

import factory

from plans.choices import PeriodKind, PlanStatus, TaskTiming
from plans.models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress, TaskTarget
from tests.accounts.factories import DepartmentFactory


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    # Far from the numbers tests write by hand (51/KH-UBND…), which the sequence must never reach.
    document_number = factory.Sequence(lambda n: f"{n + 1001}/KH-UBND")
    issuer = "UBND tỉnh Sơn La"
    issue_date = datetime.date(2017, 3, 27)
    title = factory.Sequence(lambda n: f"Kế hoạch triển khai công tác đối ngoại số {n}")
    start_year = 2017
    end_year = 2018
    # "và các năm tiếp theo": in force in every later window, as most tests' current periods need.
    continues_after = True
    status = PlanStatus.IN_FORCE


class TaskAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskArea

    plan = factory.SubFactory(PlanFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    area = factory.SubFactory(TaskAreaFactory)
    position = factory.Sequence(lambda n: n + 1)
    content = factory.Sequence(lambda n: f"Đẩy mạnh công tác đối ngoại, nhiệm vụ {n}")
    lead_department = factory.SubFactory(DepartmentFactory)
    timing = TaskTiming.CONTINUOUS


class TaskTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskTarget

    task = factory.SubFactory(TaskFactory)
    name = factory.Sequence(lambda n: f"Chỉ tiêu {n}")
    unit = "lớp"
    target_value = 3


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod

    kind = PeriodKind.AD_HOC
    year = 2018
    sequence = None
    name = factory.Sequence(lambda n: f"Kỳ báo cáo đột xuất {n}")
    start_date = datetime.date(2018, 1, 1)
    end_date = datetime.date(2018, 4, 30)
    deadline = datetime.date(2018, 5, 3)


class TaskProgressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskProgress

    task = factory.SubFactory(TaskFactory)
    period = factory.SubFactory(ReportingPeriodFactory)
    department = factory.LazyAttribute(lambda p: p.task.lead_department)
    percent_done = 50
    results = "Đã triển khai"
