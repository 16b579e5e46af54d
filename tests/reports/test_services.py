"""Requesting and compiling reports: idempotency, claims, failures, retries and the scheduled jobs."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.utils import timezone

from plans.choices import PeriodKind, ProgressStatus, WorkflowState
from plans.models import ReportingPeriod, TaskProgress
from reports import services
from reports.choices import ReportState
from reports.models import CompiledReport, OverdueNotice
from reports.services import report_request, report_run
from tests.delegations.factories import DelegationFactory
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_report_request_twice_returns_the_same_version(province):
    first = report_request(period=province.period, by=province.users["specialist"])
    second = report_request(period=province.period, by=province.users["administrator"])

    assert second.pk == first.pk
    assert CompiledReport.objects.count() == 1


def test_report_request_after_done_returns_it_unless_asked_again(province):
    first = report_request(period=province.period)
    report_run(report_id=first.pk)

    assert report_request(period=province.period).pk == first.pk
    again = report_request(period=province.period, again=True)
    assert (again.version, again.state) == (2, ReportState.QUEUED)
    assert report_request(period=province.period, again=True).pk == again.pk  # still queued


def test_report_request_differs_by_plan_and_range(province):
    all_plans = report_request(date_from=D(2018, 1, 1), date_to=D(2018, 4, 30))
    one_plan = report_request(date_from=D(2018, 1, 1), date_to=D(2018, 4, 30), plan=province.plan)
    other_range = report_request(date_from=D(2017, 1, 1), date_to=D(2018, 4, 30))

    assert len({all_plans.fingerprint, one_plan.fingerprint, other_range.fingerprint}) == 3
    assert {all_plans.version, one_plan.version, other_range.version} == {1}


def test_report_request_after_a_failure_makes_a_new_version(province):
    failed = report_request(period=province.period)
    CompiledReport.objects.filter(pk=failed.pk).update(state=ReportState.FAILED)

    assert report_request(period=province.period).version == 2


def test_report_request_refuses_department_users_and_bad_ranges(province):
    from django.core.exceptions import PermissionDenied, ValidationError

    with pytest.raises(PermissionDenied):
        report_request(period=province.period, by=province.users["staff"])
    with pytest.raises(ValidationError):
        report_request(date_from=D(2018, 4, 30), date_to=D(2018, 1, 1))
    with pytest.raises(ValidationError):
        report_request(date_from=D(2018, 4, 30))
    with pytest.raises(ValidationError):
        report_request(period=province.period, plan=PlanFactory(status="draft"))
    assert not CompiledReport.objects.exists()


def test_report_request_dispatches_only_after_commit(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        report = report_request(period=province.period)

    assert len(callbacks) == 1
    report.refresh_from_db()
    assert report.state == ReportState.QUEUED


def test_report_run_a_second_delivery_does_nothing(province):
    report = report_request(period=province.period)

    assert report_run(report_id=report.pk) == ReportState.DONE
    finished = CompiledReport.objects.get(pk=report.pk).finished_at
    assert report_run(report_id=report.pk) == "skipped"
    assert CompiledReport.objects.get(pk=report.pk).finished_at == finished


def test_report_run_does_not_run_a_running_report_twice_but_takes_over_a_stale_one(province):
    report = report_request(period=province.period)
    CompiledReport.objects.filter(pk=report.pk).update(state=ReportState.RUNNING, started_at=timezone.now())

    assert report_run(report_id=report.pk) == "skipped"

    lost = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    CompiledReport.objects.filter(pk=report.pk).update(started_at=lost)
    assert report_run(report_id=report.pk) == ReportState.DONE


def test_report_run_records_a_failure_with_its_reason(province, monkeypatch):
    def broken(**kwargs):
        raise ValueError("bảng không hợp lệ")

    monkeypatch.setattr(services, "docx_render", broken)
    report = report_request(period=province.period)

    assert report_run(report_id=report.pk) == ReportState.FAILED
    report.refresh_from_db()
    assert report.failure_reason == "ValueError: bảng không hợp lệ"
    assert not report.docx_file


def test_report_run_puts_the_report_back_in_the_queue_on_a_transient_error(province, monkeypatch):
    def flaky(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "report_content", flaky)
    report = report_request(period=province.period)

    with pytest.raises(OperationalError):
        report_run(report_id=report.pk)
    assert CompiledReport.objects.get(pk=report.pk).state == ReportState.QUEUED


def test_report_compile_task_is_reliable_by_configuration():
    from reports.tasks import report_compile_task

    assert report_compile_task.acks_late and report_compile_task.reject_on_worker_lost
    assert OperationalError in report_compile_task.autoretry_for
    assert report_compile_task.retry_backoff and report_compile_task.max_retries == 5
    assert report_compile_task.soft_time_limit == settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert report_compile_task.time_limit == settings.CELERY_TASK_TIME_LIMIT


def test_beat_schedule_holds_the_three_daily_jobs():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert {
        "reports.tasks.reports_compile_due_task",
        "reports.tasks.report_reminders_task",
        "reports.tasks.overdue_notices_task",
    } <= tasks
    from foreign_affairs.celery import app

    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
    app.loader.import_default_modules()  # as a worker does on start: every app's tasks module
    for name in tasks:
        assert name in app.tasks


def test_reports_compile_due_requests_each_passed_period_once(province):
    due = ReportingPeriod.objects.create(
        kind=PeriodKind.MONTHLY, year=2018, sequence=4, start_date=D(2018, 3, 15), end_date=D(2018, 4, 14),
        deadline=D(2018, 4, 17),
    )  # fmt: skip
    not_yet = ReportingPeriod.objects.create(
        kind=PeriodKind.MONTHLY, year=2018, sequence=5, start_date=D(2018, 4, 15), end_date=D(2018, 5, 14),
        deadline=D(2018, 5, 16),
    )  # fmt: skip

    requested = services.reports_compile_due(today=D(2018, 4, 18))

    # The first quarter's deadline (16/03/2018) is older than the look-back: history is not compiled unasked.
    assert [report.period for report in requested] == [due]
    assert services.reports_compile_due(today=D(2018, 4, 19)) == []
    assert not CompiledReport.objects.filter(period__in=[not_yet, province.period]).exists()
    assert all(report.requested_by is None for report in requested)


def test_reports_remind_mails_only_departments_that_have_not_submitted(province, django_capture_on_commit_callbacks):
    # Before the deadline of 16/03/2018: A still has a draft on task 3; B sent everything; C has no task.
    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes after the commit
        sent = services.reports_remind(
            today=D(2018, 3, 16) - datetime.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)
        )

    assert sent == 1
    (message,) = mail.outbox
    assert "vanhoa@example.vn" in message.to and "staff@example.vn" in message.to
    assert not {"giaoduc@example.vn", "taichinh@example.vn", "head@example.vn"} & set(message.to)


def test_reports_remind_mails_again_the_day_after_the_deadline_and_not_on_other_days(
    province, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after the commit
        assert services.reports_remind(today=D(2018, 3, 10)) == 0
        assert services.reports_remind(today=D(2018, 3, 17)) == 1
        TaskProgress.objects.filter(state=WorkflowState.DRAFT).update(state=WorkflowState.SUBMITTED)
        assert services.reports_remind(today=D(2018, 3, 17)) == 0
    assert len(mail.outbox) == 1


def test_overdue_notices_are_sent_once_to_the_lead_department(province, django_capture_on_commit_callbacks):
    late_trip = DelegationFactory(
        direction="outbound", department=province.departments["a"], start_date=D(2018, 3, 1), end_date=D(2018, 3, 5)
    )

    with django_capture_on_commit_callbacks(execute=True):  # the e-mails go after the commit
        assert services.overdue_notices_send(today=D(2018, 4, 1)) == 2
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects[0].startswith("Nhiệm vụ quá hạn: Ban hành quy chế quản lý đoàn ra")
    assert subjects[1] == f"Quá hạn báo cáo kết quả chuyến công tác: {late_trip.title}"
    task_mail = next(message for message in mail.outbox if message.subject.startswith("Nhiệm vụ"))
    assert "giaoduc@example.vn" in task_mail.to and "head@example.vn" in task_mail.to
    assert OverdueNotice.objects.count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert services.overdue_notices_send(today=D(2018, 4, 2)) == 0
    assert len(mail.outbox) == 2


def test_overdue_notices_skip_completed_tasks(province):
    TaskProgress.objects.filter(task=province.tasks[3]).update(status=ProgressStatus.COMPLETED, percent_done=100)

    assert services.overdue_notices_send(today=D(2018, 4, 1)) == 0


def test_compile_report_command_prints_where_the_files_are(province, capsys):
    call_command("compile_report", "--from", "01/01/2017", "--to", "30/04/2018", "--plan", str(province.plan.pk))

    out = capsys.readouterr().out.splitlines()
    report = CompiledReport.objects.get()
    assert report.state == ReportState.DONE
    assert out[1] == report.docx_file.path and out[2] == report.xlsx_file.path


def test_compile_report_command_explains_bad_input(province):
    with pytest.raises(CommandError, match="Not a date"):
        call_command("compile_report", "--from", "31/02/2018", "--to", "30/04/2018")
    with pytest.raises(CommandError):
        call_command("compile_report", "999")
    assert not CompiledReport.objects.exists()


def test_beat_schedule_loads_into_the_database_for_administrators(province, client):
    from django_celery_beat.models import PeriodicTask
    from django_celery_beat.schedulers import DatabaseScheduler

    from foreign_affairs.celery import app

    # What beat does at start (DatabaseScheduler.update_from_dict), without closing the test's connection.
    for name, entry in app.conf.beat_schedule.items():
        DatabaseScheduler.Entry.from_entry(name, app=app, **entry)
    client.force_login(province.users["administrator"])

    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert set(settings.CELERY_BEAT_SCHEDULE) <= names
    page = client.get("/admin/django_celery_beat/periodictask/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert "reports-compile-due-periods" in page
    assert "Tác vụ định kỳ" in page


def test_report_request_dispatches_again_a_report_lost_in_the_queue(province, django_capture_on_commit_callbacks):
    # Given a report whose message never reached a worker (the broker was down at dispatch)
    report = report_request(period=province.period)
    with django_capture_on_commit_callbacks() as fresh:
        assert report_request(period=province.period).pk == report.pk
    assert fresh == []  # a report queued moments ago is on its way
    lost = timezone.now() - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    CompiledReport.objects.filter(pk=report.pk).update(requested_at=lost)

    # When the same request comes again, then it is dispatched again and compiled
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        again = report_request(period=province.period)

    assert again.pk == report.pk and len(callbacks) == 1
    assert CompiledReport.objects.get(pk=report.pk).state == ReportState.DONE


def test_report_compile_task_records_failure_when_retries_run_out(province, monkeypatch):
    from reports.tasks import report_compile_task

    def flaky(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "report_content", flaky)
    report = report_request(period=province.period)

    result = report_compile_task.apply(args=[report.pk], retries=report_compile_task.max_retries)

    assert result.get() == ReportState.FAILED
    report.refresh_from_db()
    assert report.state == ReportState.FAILED
    assert "OperationalError: server closed the connection unexpectedly" in report.failure_reason
    assert report_request(period=province.period).version == 2  # and it may be compiled again


def test_reports_compile_due_is_not_blocked_by_a_one_plan_or_failed_report(province):
    due = ReportingPeriod.objects.create(
        kind=PeriodKind.MONTHLY, year=2018, sequence=4, start_date=D(2018, 3, 15), end_date=D(2018, 4, 14),
        deadline=D(2018, 4, 17),
    )  # fmt: skip
    one_plan = report_request(period=due, plan=province.plan)
    failed = report_request(period=due)
    CompiledReport.objects.filter(pk=failed.pk).update(state=ReportState.FAILED)

    (requested,) = services.reports_compile_due(today=D(2018, 4, 18))

    assert (requested.period, requested.plan, requested.version) == (due, None, 2)
    assert requested.pk != one_plan.pk


def test_compile_report_command_queues_nothing_for_a_worker(province, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        call_command("compile_report", str(province.period.pk))

    assert callbacks == []
    assert CompiledReport.objects.get().state == ReportState.DONE
