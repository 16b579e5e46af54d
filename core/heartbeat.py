"""A long job says it is alive, so a sweeper can tell a slow job from a dead worker."""

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def _beat(beat: Callable[[], object], seconds: float, stop: threading.Event, name: str) -> None:
    try:
        while not stop.wait(seconds):
            beat()
    except DatabaseError:
        # The database went away: the sweeper will see the silence and give the job to another worker.
        logger.warning("Heartbeat of %s stopped.", name, exc_info=True)
    finally:
        connection.close()  # this thread's own connection


@contextlib.contextmanager
def heartbeat(beat: Callable[[], object], *, seconds: float, name: str) -> Iterator[None]:
    """Call `beat` (which records "alive" in the database) every `seconds` while the block runs.

    A thread, not a check between steps: one step can take longer than the silence a sweeper allows.
    When the process dies, the thread dies with it, and so do the beats.
    """
    stop = threading.Event()
    beater = threading.Thread(target=_beat, args=(beat, seconds, stop, name), name=f"{name}-heartbeat", daemon=True)
    beater.start()
    try:
        yield
    finally:
        stop.set()
        beater.join(timeout=5)
