"""A real Celery worker on Redis compiles reports: no eager mode, committed rows, a separate process.

Runs in both CI passes. Redis unreachable is an error, never a skip: the reliability of the reports
is only proven here.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from kombu import pools

from foreign_affairs.celery import app
from reports.choices import ReportState
from reports.models import CompiledReport
from reports.services import reports_sweep
from reports.tasks import report_compile_task
from tests.reports.factories import CompiledReportFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]

# TEST_WORKER_REDIS_URL lets parallel checkouts on one machine keep their workers apart.
BROKER_URL = os.environ.get("REDIS_URL") or os.environ.get("TEST_WORKER_REDIS_URL", "redis://127.0.0.1:6379/14")
LIST_URL = reverse("reports:report_list")
FINISHED = (ReportState.DONE, ReportState.FAILED)


def database_url(settings_dict: dict) -> str:
    """The URL of the test database pytest-django created, for the worker's DATABASE_URL."""
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{settings_dict['NAME']}"
    credentials = settings_dict["USER"] + (f":{settings_dict['PASSWORD']}" if settings_dict["PASSWORD"] else "")
    host = f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{credentials}@{host}/{settings_dict['NAME']}"


def _reset_producers() -> None:
    """Forget broker connections and routes made under the previous configuration."""
    # kombu keeps pools per broker URL globally: clear them all, not just the app's reference.
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


class Worker:
    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.processes = []
        self.names = {}
        self.queues = {}

    def start(self, *, media_root: Path, queue: str | None = None) -> str:
        """Start a solo worker on a queue of its own and wait until it answers a ping; return its name."""
        queue = queue or f"reports-test-{uuid.uuid4().hex[:10]}"
        name = f"{queue}-{len(self.processes)}@localhost"
        env = {
            **os.environ,
            "DATABASE_URL": database_url(connection.settings_dict),
            "REDIS_URL": BROKER_URL,
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "MEDIA_ROOT": str(media_root),
        }
        log = open(self.tmp_path / f"{queue}.log", "w")  # noqa: SIM115 - closed when the worker stops
        command = [sys.executable, "-m", "celery", "-A", "foreign_affairs", "worker", "--pool=solo"]
        command += ["--concurrency=1", "-Q", queue, "-n", name, "--without-gossip", "--without-mingle"]
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append((process, log))
        self.names[name] = process
        self.queues[name] = queue
        app.conf.task_routes = {"reports.tasks.*": {"queue": queue}}
        _reset_producers()
        for _attempt in range(120):
            if process.poll() is not None:
                pytest.fail(f"The worker stopped: {(self.tmp_path / f'{queue}.log').read_text()}")
            if app.control.ping(destination=[name], timeout=0.5):
                return name
        pytest.fail(f"The worker never answered: {(self.tmp_path / f'{queue}.log').read_text()}")

    def kill(self, name: str) -> None:
        """Kill the worker at once, as the OOM killer or a power cut would: no warm shutdown."""
        process = self.names[name]
        process.kill()
        process.wait()

    def stop(self) -> None:
        for process, log in self.processes:
            if process.poll() is not None:
                log.close()
                continue
            process.terminate()  # warm shutdown: the current task finishes, nothing is lost
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()


@pytest.fixture
def worker(tmp_path, settings):
    # Fail, never skip, when Redis is not there: the error names the URL.
    redis.Redis.from_url(BROKER_URL, socket_connect_timeout=2).ping()
    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager", "task_routes")}
    app.conf.update(broker_url=BROKER_URL, task_always_eager=False)
    started = Worker(tmp_path)
    yield started
    started.stop()
    app.conf.update(saved)
    _reset_producers()


def wait_until_finished(report_id: int, attempts: int = 600) -> CompiledReport:
    """Poll the database, a bounded number of times, until the worker finished the report."""
    for _attempt in range(attempts):
        report = CompiledReport.objects.get(pk=report_id)
        if report.state in FINISHED:
            return report
        time.sleep(0.1)
    pytest.fail(f"Report {report_id} is still {report.state}.")


def test_worker_compiles_a_report_requested_through_the_page(worker, province, delegations, client, settings):
    worker.start(media_root=settings.MEDIA_ROOT)
    client.force_login(province.users["specialist"])

    response = client.post(LIST_URL, {"date_from": "15/12/2017", "date_to": "14/03/2018"})

    assert response.status_code == 302
    report = wait_until_finished(CompiledReport.objects.get().pk)
    assert report.state == ReportState.DONE, report.failure_reason
    assert Path(report.docx_file.path).is_file() and Path(report.xlsx_file.path).is_file()
    download = client.get(reverse("reports:report_download", args=[report.pk, "docx"]))
    assert b"".join(download.streaming_content)[:2] == b"PK"


def test_worker_the_same_request_twice_yields_one_version(worker, province, client, settings):
    worker.start(media_root=settings.MEDIA_ROOT)
    client.force_login(province.users["specialist"])
    data = {"period": province.period.pk}

    client.post(LIST_URL, data)
    client.post(LIST_URL, data)
    wait_until_finished(CompiledReport.objects.get().pk)
    client.post(LIST_URL, data)

    assert list(CompiledReport.objects.values_list("version", "state")) == [(1, ReportState.DONE)]


def test_worker_records_a_failing_task_with_its_reason(worker, province, client, tmp_path):
    # Files cannot be stored under a regular file: the compilation raises in the worker.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    worker.start(media_root=blocker / "media")
    client.force_login(province.users["specialist"])

    client.post(LIST_URL, {"period": province.period.pk})

    report = wait_until_finished(CompiledReport.objects.get().pk)
    assert report.state == ReportState.FAILED
    assert "NotADirectoryError" in report.failure_reason or "FileExistsError" in report.failure_reason
    assert "Lỗi" in client.get(LIST_URL).content.decode()


def _taken_by_a_worker(queue: str) -> bool:
    """Whether a worker holds an unacknowledged message of the queue (Redis keeps it in "unacked")."""
    client = redis.Redis.from_url(BROKER_URL)
    return client.llen(queue) == 0 and any(queue.encode() in value for value in client.hvals("unacked"))


def kill_a_worker_mid_report(worker, report, settings) -> str:
    """Start a worker, let it take the report while the test holds its row locked, kill it; return its queue."""
    first = worker.start(media_root=settings.MEDIA_ROOT)
    queue = worker.queues[first]
    with transaction.atomic():
        CompiledReport.objects.filter(pk=report.pk).update(title=report.title)
        report_compile_task.delay(report.pk)
        for _attempt in range(100):
            if _taken_by_a_worker(queue):
                break
            time.sleep(0.1)
        else:
            pytest.fail("No worker took the message.")
        worker.kill(first)
    return queue


def test_worker_killed_mid_task_leaves_the_report_to_the_next_worker(worker, province, settings, monkeypatch):
    # Given a report whose row the test keeps locked, so the first worker blocks inside the task,
    monkeypatch.setenv("CELERY_VISIBILITY_TIMEOUT", "1")
    monkeypatch.setenv("CELERY_TASK_SOFT_TIME_LIMIT", "4")
    monkeypatch.setenv("CELERY_TASK_TIME_LIMIT", "5")
    monkeypatch.setenv("REPORT_HEARTBEAT_SECONDS", "1")
    monkeypatch.setenv("REPORT_WORKER_DEAD_AFTER_SECONDS", "3")
    report = CompiledReportFactory(fingerprint="killed", period=province.period)
    # when the worker dies in the middle of it,
    queue = kill_a_worker_mid_report(worker, report, settings)
    # then another worker on the queue gets the message again and finishes the report (a claim whose
    # worker has been silent longer than REPORT_WORKER_DEAD_AFTER_SECONDS belongs to a dead worker).
    time.sleep(5)
    worker.start(media_root=settings.MEDIA_ROOT, queue=queue)
    finished = wait_until_finished(report.pk)
    assert finished.state == ReportState.DONE, finished.failure_reason


def test_worker_killed_mid_report_is_replaced_by_the_sweeper_with_one_finished_report(
    worker, province, settings, monkeypatch
):
    # Given a worker that has taken a report and blocks inside the task on the row the test locks
    # (the broker's visibility timeout stays at its hour: only the sweeper can bring the report back)
    monkeypatch.setenv("REPORT_HEARTBEAT_SECONDS", "1")
    settings.REPORT_WORKER_DEAD_AFTER_SECONDS = settings.REPORT_REDISPATCH_AFTER_SECONDS = 2
    report = CompiledReportFactory(fingerprint="swept", period=province.period)
    # when the worker dies in the middle of it
    queue = kill_a_worker_mid_report(worker, report, settings)
    worker.start(media_root=settings.MEDIA_ROOT, queue=queue)
    time.sleep(3)  # longer than the silence the sweeper allows (set above)
    # then one sweep sends the report to the living worker, which finishes it: one report, one version
    assert reports_sweep()["sent_again"] == 1
    finished = wait_until_finished(report.pk)
    assert finished.state == ReportState.DONE, finished.failure_reason
    assert CompiledReport.objects.filter(fingerprint="swept").count() == 1
    assert reports_sweep() == {"sent_again": 0, "taken_back": 0, "failed": 0}
