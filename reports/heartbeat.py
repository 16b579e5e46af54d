"""A compiling worker says it is alive, so the sweeper can tell a slow report from a dead worker."""

import contextlib
import logging
import threading
from collections.abc import Iterator

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import CompiledReport

logger = logging.getLogger(__name__)


def _beat(report_id: int, stop: threading.Event) -> None:
    try:
        while not stop.wait(settings.REPORT_HEARTBEAT_SECONDS):
            CompiledReport.objects.filter(pk=report_id, state="running").update(heartbeat_at=timezone.now())
    except DatabaseError:
        # The database went away: the sweeper will see the silence and give the report to another worker.
        logger.warning("Heartbeat of report %s stopped.", report_id, exc_info=True)
    finally:
        connection.close()  # this thread's own connection


@contextlib.contextmanager
def heartbeat(report_id: int) -> Iterator[None]:
    """Refresh the report's heartbeat_at every REPORT_HEARTBEAT_SECONDS while the block runs.

    A thread, not a check between steps: one step (rendering 3,000 tasks) can take longer than the
    silence the sweeper allows. When the process dies, the thread dies with it, and so do the beats.
    """
    stop = threading.Event()
    beater = threading.Thread(target=_beat, args=(report_id, stop), name=f"report-{report_id}-heartbeat", daemon=True)
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join(timeout=5)
