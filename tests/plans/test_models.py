"""The rules that plan data must keep hold in the database itself, whatever writes to it."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from core.formatting import to_roman
from plans.choices import PeriodKind, ProgressStatus, TaskTiming
from plans.models import Plan, ReportingPeriod
from tests.plans.factories import (
    PlanFactory,
    ReportingPeriodFactory,
    TaskAreaFactory,
    TaskFactory,
    TaskProgressFactory,
    TaskTargetFactory,
)

pytestmark = pytest.mark.django_db


def refused_by_database(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_plan_duplicate_number_of_same_issuer_in_same_year_is_refused():
    PlanFactory(document_number="51/KH-UBND", issuer="UBND tỉnh Sơn La", issue_date=datetime.date(2017, 3, 27))

    refused_by_database(
        lambda: PlanFactory(
            document_number="51/KH-UBND", issuer="UBND tỉnh Sơn La", issue_date=datetime.date(2017, 9, 1)
        )
    )
    assert Plan.objects.filter(document_number="51/KH-UBND").count() == 1


def test_plan_same_number_allowed_for_another_issuer_or_another_year():
    PlanFactory(document_number="51/KH-UBND", issuer="UBND tỉnh Sơn La", issue_date=datetime.date(2017, 3, 27))
    PlanFactory(document_number="51/KH-UBND", issuer="UBND tỉnh Điện Biên", issue_date=datetime.date(2017, 3, 27))
    PlanFactory(document_number="51/KH-UBND", issuer="UBND tỉnh Sơn La", issue_date=datetime.date(2019, 1, 5))

    assert Plan.objects.filter(document_number="51/KH-UBND").count() == 3


def test_plan_last_year_before_first_year_is_refused():
    refused_by_database(lambda: PlanFactory(start_year=2019, end_year=2018))


def test_plan_open_ended_period_label_says_following_years():
    plan = PlanFactory(start_year=2019, end_year=2021, continues_after=True)

    assert plan.period_label == "2019–2021 và các năm tiếp theo"


@pytest.mark.parametrize("number", ["51/KH-UBND", "01/CTr-UBND", "164-KH/TU", "06/2014/QĐ-UBND", "3394/KH-UBND"])
def test_plan_document_number_accepts_state_and_party_styles(number):
    plan = PlanFactory.build(document_number=number)

    plan.full_clean()


@pytest.mark.parametrize("number", ["KH-UBND", "51 KH UBND", "51/KHUBND", ""])
def test_plan_document_number_refuses_other_shapes_with_a_message(number):
    plan = PlanFactory.build(document_number=number)

    with pytest.raises(Exception) as error:
        plan.full_clean()
    assert "document_number" in error.value.message_dict


def test_task_area_position_is_unique_within_a_plan():
    area = TaskAreaFactory(position=1)

    refused_by_database(lambda: TaskAreaFactory(plan=area.plan, position=1))


def test_task_area_is_numbered_in_roman_numerals():
    assert [to_roman(n) for n in (1, 4, 9, 13, 40)] == ["I", "IV", "IX", "XIII", "XL"]


def test_task_with_deadline_timing_needs_a_deadline():
    refused_by_database(lambda: TaskFactory(timing=TaskTiming.DEADLINE, deadline=None))


def test_task_target_must_be_positive():
    refused_by_database(lambda: TaskTargetFactory(target_value=0))


@pytest.mark.parametrize("percent", [101, 120, -1])
def test_progress_percent_outside_0_to_100_is_refused(percent):
    progress = TaskProgressFactory(percent_done=50)

    with pytest.raises(IntegrityError), transaction.atomic():
        type(progress).objects.filter(pk=progress.pk).update(percent_done=percent)
    progress.refresh_from_db()
    assert progress.percent_done == 50


def test_progress_completed_must_be_100_percent():
    refused_by_database(lambda: TaskProgressFactory(status=ProgressStatus.COMPLETED, percent_done=80))


def test_progress_one_entry_per_task_period_and_department():
    progress = TaskProgressFactory()

    refused_by_database(
        lambda: TaskProgressFactory(task=progress.task, period=progress.period, department=progress.department)
    )


def test_period_window_ending_before_it_starts_is_refused():
    refused_by_database(
        lambda: ReportingPeriodFactory(start_date=datetime.date(2018, 5, 1), end_date=datetime.date(2018, 4, 30))
    )


def test_period_deadline_before_window_closes_is_refused():
    refused_by_database(
        lambda: ReportingPeriodFactory(end_date=datetime.date(2018, 4, 30), deadline=datetime.date(2018, 4, 29))
    )


def test_period_periodic_kind_is_unique_per_year_and_number():
    values = {
        "kind": PeriodKind.QUARTERLY,
        "year": 2018,
        "sequence": 1,
        "name": "",
        "start_date": datetime.date(2017, 12, 15),
        "end_date": datetime.date(2018, 3, 14),
        "deadline": datetime.date(2018, 3, 16),
    }
    ReportingPeriod.objects.create(**values)

    refused_by_database(lambda: ReportingPeriod.objects.create(**values))


def test_period_yearly_kind_cannot_repeat_in_a_year():
    values = {
        "kind": PeriodKind.YEARLY,
        "year": 2018,
        "sequence": 1,
        "start_date": datetime.date(2017, 12, 15),
        "end_date": datetime.date(2018, 12, 14),
        "deadline": datetime.date(2018, 12, 18),
    }
    ReportingPeriod.objects.create(**values)

    refused_by_database(lambda: ReportingPeriod.objects.create(**values))


def test_period_ad_hoc_needs_a_name():
    refused_by_database(lambda: ReportingPeriodFactory(kind=PeriodKind.AD_HOC, name=""))
