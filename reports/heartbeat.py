"""A compiling worker says it is alive, so the sweeper can tell a slow report from a dead worker."""

import contextlib
from collections.abc import Iterator

from django.conf import settings
from django.utils import timezone

from core.heartbeat import heartbeat as job_heartbeat

from .models import CompiledReport


@contextlib.contextmanager
def heartbeat(report_id: int) -> Iterator[None]:
    """Refresh the report's heartbeat_at every REPORT_HEARTBEAT_SECONDS while the block runs (core.heartbeat)."""
    running = CompiledReport.objects.filter(pk=report_id, state="running")
    with job_heartbeat(
        lambda: running.update(heartbeat_at=timezone.now()),
        seconds=settings.REPORT_HEARTBEAT_SECONDS,
        name=f"report-{report_id}",
    ):
        yield
