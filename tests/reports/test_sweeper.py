"""The sweeper: lost messages sent again, reports of dead workers taken back or failed, nothing twice."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from reports import tasks
from reports.choices import ReportState
from reports.models import CompiledReport
from reports.services import report_request, reports_sweep
from tests.reports.factories import CompiledReportFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("reports:report_list")


def later(seconds: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(seconds=seconds)


@pytest.fixture
def broker_down(monkeypatch):
    """report_compile_task.delay fails as it does when Redis is unreachable; call it to bring it back."""
    real_delay = tasks.report_compile_task.delay

    def refuse(*args, **kwargs):
        raise BrokerOperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.report_compile_task, "delay", refuse)
    return lambda: monkeypatch.setattr(tasks.report_compile_task, "delay", real_delay)


def test_report_requested_with_the_broker_down_is_queued_then_delivered_by_the_sweeper(
    province, client_as, broker_down, django_capture_on_commit_callbacks
):
    # Given the broker is down when the specialist asks for a report
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("specialist").post(LIST_URL, {"period": province.period.pk}, follow=True)
    # Then the page says it is queued, no error, and the request is kept
    assert response.status_code == 200
    assert "hàng đợi" in response.content.decode()
    report = CompiledReport.objects.get()
    assert report.state == ReportState.QUEUED and report.dispatched_at is not None
    # When the broker is back and the sweeper runs after the re-dispatch delay
    broker_down()
    assert reports_sweep(now=later(300)) == {"sent_again": 1, "taken_back": 0, "failed": 0}
    # Then the report is compiled, once
    report.refresh_from_db()
    assert (report.state, report.attempts) == (ReportState.DONE, 1)


def test_sweeper_leaves_a_freshly_queued_report_to_its_message(province):
    report = report_request(period=province.period, by=province.users["specialist"], dispatch=False)
    CompiledReport.objects.filter(pk=report.pk).update(dispatched_at=timezone.now())
    assert reports_sweep() == {"sent_again": 0, "taken_back": 0, "failed": 0}


def test_sweeper_takes_a_report_back_from_a_dead_worker_and_compiles_it(province):
    stopped = timezone.now() - datetime.timedelta(minutes=10)
    report = CompiledReportFactory(
        fingerprint="dead", period=province.period, state=ReportState.RUNNING, started_at=stopped,
        heartbeat_at=stopped, attempts=1,
    )  # fmt: skip
    assert reports_sweep() == {"sent_again": 1, "taken_back": 1, "failed": 0}
    report.refresh_from_db()
    assert (report.state, report.attempts) == (ReportState.DONE, 2)


def test_sweeper_leaves_a_running_report_whose_worker_beats(province):
    report = CompiledReportFactory(
        fingerprint="alive", period=province.period, state=ReportState.RUNNING,
        started_at=timezone.now() - datetime.timedelta(hours=1), heartbeat_at=timezone.now(), attempts=1,
    )  # fmt: skip
    assert reports_sweep() == {"sent_again": 0, "taken_back": 0, "failed": 0}
    report.refresh_from_db()
    assert report.state == ReportState.RUNNING


def test_sweeper_fails_a_report_after_its_last_attempt(province, settings):
    stopped = timezone.now() - datetime.timedelta(minutes=10)
    report = CompiledReportFactory(
        fingerprint="hopeless", period=province.period, state=ReportState.RUNNING, started_at=stopped,
        heartbeat_at=stopped, attempts=settings.REPORT_MAX_ATTEMPTS,
    )  # fmt: skip
    assert reports_sweep()["failed"] == 1
    report.refresh_from_db()
    assert report.state == ReportState.FAILED and str(settings.REPORT_MAX_ATTEMPTS) in report.failure_reason


def test_compile_again_never_returns_a_version_whose_worker_died(province):
    stopped = timezone.now() - datetime.timedelta(minutes=10)
    stuck = report_request(period=province.period, by=province.users["specialist"], dispatch=False)
    CompiledReport.objects.filter(pk=stuck.pk).update(
        state=ReportState.RUNNING, started_at=stopped, heartbeat_at=stopped
    )
    again = report_request(period=province.period, by=province.users["specialist"], again=True, dispatch=False)
    assert again.pk != stuck.pk and again.version == 2
    stuck.refresh_from_db()
    assert stuck.state == ReportState.FAILED
