"""Reporting periods follow the data windows of Decree 09/2019/NĐ-CP, Article 12."""

import datetime

import pytest
from django.core.management import call_command

from plans.choices import PeriodKind
from plans.models import ReportingPeriod
from plans.obligation_builds import current_generation, period_obligations_ensure
from plans.periods import add_working_days, is_working_day
from plans.services import reporting_periods_generate
from plans.tasks import reporting_periods_ahead_task

pytestmark = pytest.mark.django_db

D = datetime.date

# (kind, number in the year): (window opens, window closes), for 2018, written out from the decree.
DECREE_09_WINDOWS_2018 = {
    (PeriodKind.MONTHLY, 1): (D(2017, 12, 15), D(2018, 1, 14)),
    (PeriodKind.MONTHLY, 2): (D(2018, 1, 15), D(2018, 2, 14)),
    (PeriodKind.MONTHLY, 6): (D(2018, 5, 15), D(2018, 6, 14)),
    (PeriodKind.MONTHLY, 12): (D(2018, 11, 15), D(2018, 12, 14)),
    (PeriodKind.QUARTERLY, 1): (D(2017, 12, 15), D(2018, 3, 14)),
    (PeriodKind.QUARTERLY, 2): (D(2018, 3, 15), D(2018, 6, 14)),
    (PeriodKind.QUARTERLY, 3): (D(2018, 6, 15), D(2018, 9, 14)),
    (PeriodKind.QUARTERLY, 4): (D(2018, 9, 15), D(2018, 12, 14)),
    (PeriodKind.SIX_MONTHLY, 1): (D(2017, 12, 15), D(2018, 6, 14)),
    (PeriodKind.SIX_MONTHLY, 2): (D(2018, 6, 15), D(2018, 12, 14)),
    (PeriodKind.NINE_MONTHLY, 1): (D(2017, 12, 15), D(2018, 9, 14)),
    (PeriodKind.YEARLY, 1): (D(2017, 12, 15), D(2018, 12, 14)),
}


def test_generate_2018_matches_decree_09_windows():
    reporting_periods_generate(year=2018)

    for (kind, number), (opens, closes) in DECREE_09_WINDOWS_2018.items():
        period = ReportingPeriod.objects.get(kind=kind, year=2018, sequence=number)
        assert (period.start_date, period.end_date) == (opens, closes), (kind, number)


def test_generate_2018_creates_every_period_once():
    reporting_periods_generate(year=2018)
    reporting_periods_generate(year=2018)

    counts = {kind: ReportingPeriod.objects.filter(year=2018, kind=kind).count() for kind in PeriodKind.values}
    assert counts == {"monthly": 12, "quarterly": 4, "six_monthly": 2, "nine_monthly": 1, "yearly": 1, "ad_hoc": 0}


def test_generating_a_year_again_saves_nothing_unless_a_window_changed(settings):
    yearly = next(p for p in reporting_periods_generate(year=2018) if p.kind == PeriodKind.YEARLY)
    period_obligations_ensure(yearly)  # a build takes the transaction's mark: the next change raises again
    generation = current_generation()

    reporting_periods_generate(year=2018)
    assert current_generation() == generation  # the stored obligations stay current

    settings.REPORT_DEADLINE_WORKING_DAYS += 1
    reporting_periods_generate(year=2018)
    assert current_generation() > generation
    yearly = ReportingPeriod.objects.get(kind=PeriodKind.YEARLY, year=2018)
    assert yearly.deadline == add_working_days(yearly.end_date, settings.REPORT_DEADLINE_WORKING_DAYS)


def test_generate_without_nine_month_report_when_province_does_not_use_it(settings):
    settings.REPORT_NINE_MONTH_PERIOD = False

    reporting_periods_generate(year=2018)

    assert not ReportingPeriod.objects.filter(kind=PeriodKind.NINE_MONTHLY).exists()


def test_monthly_windows_cover_the_year_without_gap_or_overlap():
    periods = sorted(
        (p for p in reporting_periods_generate(year=2018) if p.kind == PeriodKind.MONTHLY), key=lambda p: p.sequence
    )

    for previous, following in zip(periods, periods[1:], strict=False):
        assert following.start_date == previous.end_date + datetime.timedelta(days=1)


def test_deadline_counts_working_days_after_the_window(settings):
    settings.REPORT_DEADLINE_WORKING_DAYS = 2

    reporting_periods_generate(year=2018)

    # Q1 closes on Wednesday 14/03/2018: two working days later is Friday 16/03.
    assert ReportingPeriod.objects.get(kind=PeriodKind.QUARTERLY, year=2018, sequence=1).deadline == D(2018, 3, 16)
    # June 2018 closes on Thursday 14/06: Friday 15/06 and Monday 18/06.
    assert ReportingPeriod.objects.get(kind=PeriodKind.MONTHLY, year=2018, sequence=6).deadline == D(2018, 6, 18)


def test_deadline_skips_tet_holidays():
    # February 2018 closes on 14/02, in the Tết holiday (Tết Mậu Tuất fell on 16/02/2018).
    assert not is_working_day(D(2018, 2, 16))
    deadline = add_working_days(D(2018, 2, 14), 2)
    assert deadline > D(2018, 2, 20)
    assert is_working_day(deadline)


def test_deadline_setting_changes_deadlines(settings):
    settings.REPORT_DEADLINE_WORKING_DAYS = 1

    period = next(p for p in reporting_periods_generate(year=2018) if p.kind == PeriodKind.QUARTERLY)

    assert period.deadline == D(2018, 3, 15)


def test_period_label_names_the_period_in_vietnamese():
    labels = {(p.kind, p.sequence): p.label for p in reporting_periods_generate(year=2018)}

    assert labels[(PeriodKind.QUARTERLY, 1)] == "Quý 1 năm 2018"
    assert labels[(PeriodKind.SIX_MONTHLY, 2)] == "6 tháng cuối năm 2018"
    assert labels[(PeriodKind.YEARLY, 1)] == "Năm 2018"


def test_command_generates_the_periods_of_each_year_given(capsys):
    call_command("generate_reporting_periods", "2018", "2019")

    assert ReportingPeriod.objects.filter(year__in=[2018, 2019]).count() == 40
    assert "15/12/2017 – 14/03/2018" in capsys.readouterr().out


def test_the_daily_job_creates_next_years_periods_once(settings, monkeypatch):
    # given the last days of November 2026, with this year's periods and one moved by hand
    settings.REPORT_NINE_MONTH_PERIOD = False
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(2026, 11, 28))
    reporting_periods_generate(year=2026)
    moved = ReportingPeriod.objects.get(kind=PeriodKind.QUARTERLY, year=2026, sequence=4)
    moved.deadline = D(2026, 12, 31)
    moved.save()

    # when the scheduled job runs, and runs again the next day
    first = reporting_periods_ahead_task()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: D(2026, 11, 29))
    second = reporting_periods_ahead_task()

    # then 2027 has all its periods (January's monthly window opening on 15/12/2026), made once
    assert (first, second) == (19, 0)
    assert ReportingPeriod.objects.filter(year=2027).count() == 19
    january = ReportingPeriod.objects.get(kind=PeriodKind.MONTHLY, year=2027, sequence=1)
    assert january.start_date == D(2026, 12, 15)
    # and this year's periods are left as they were
    assert ReportingPeriod.objects.get(pk=moved.pk).deadline == D(2026, 12, 31)
    assert ReportingPeriod.objects.filter(year=2026).count() == 19


def test_the_job_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert "plans.tasks.reporting_periods_ahead_task" in tasks
