"""A report requested while the broker is really unreachable (a dead port, not a mock) stays queued."""

import pytest
from django.urls import reverse

from foreign_affairs.celery import app
from reports.choices import ReportState
from reports.models import CompiledReport

pytestmark = pytest.mark.django_db
DEAD_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_broker(monkeypatch):
    """Celery sends (not runs in-process) to a broker on a port nobody listens on, without retrying."""
    for name, value in {
        "task_always_eager": False,
        "broker_url": DEAD_BROKER,
        "broker_connection_retry": False,
        "broker_connection_max_retries": 0,
        "task_publish_retry": False,
    }.items():
        monkeypatch.setitem(app.conf, name, value)
    # Connections made before the fixture point at the old broker: start from none, and drop ours after.
    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield
    if app._pool is not None:
        app._pool.force_close_all()


def test_report_request_with_a_dead_broker_answers_queued_and_keeps_the_request(
    province, client_as, dead_broker, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level("WARNING", logger="reports.services")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("specialist").post(
            reverse("reports:report_list"), {"period": province.period.pk}, follow=True
        )
    assert response.status_code == 200
    assert "hàng đợi" in response.content.decode()
    report = CompiledReport.objects.get()
    assert report.state == ReportState.QUEUED and report.dispatched_at is not None
    # The message really went to the dead broker and its refusal was expected, not an unhandled error.
    assert any("Broker unreachable" in record.getMessage() for record in caplog.records)
