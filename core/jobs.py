"""Long jobs kept as rows (compiled reports, delegation exports): when a message is lost, when a worker is dead.

A job row has `state` ("queued", "running", …), `requested_at`, `dispatched_at`, `started_at`,
`heartbeat_at` and `attempts`. The timings are the reports' settings (REPORT_REDISPATCH_AFTER_SECONDS,
REPORT_WORKER_DEAD_AFTER_SECONDS): they describe the broker and the workers, which every job shares.
"""

import datetime
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import F, Model, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

QUEUED, RUNNING = "queued", "running"
# Errors that pass by themselves (database or broker restarting): the task is retried, not failed.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError, BrokerOperationalError)
BROKER_ERRORS = (BrokerOperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)


def seconds_ago(now: datetime.datetime, setting: str) -> datetime.datetime:
    return now - datetime.timedelta(seconds=getattr(settings, setting))


def lost_in_queue(job: Model, *, now: datetime.datetime) -> bool:
    """Queued, and its message went to the broker (or failed to) longer ago than a worker takes to start."""
    sent = job.dispatched_at or job.requested_at  # type: ignore[attr-defined]
    return job.state == QUEUED and sent < seconds_ago(now, "REPORT_REDISPATCH_AFTER_SECONDS")  # type: ignore[attr-defined]


def lost_condition(now: datetime.datetime) -> Q:
    """Queued jobs whose message was lost: sent too long ago, or never sent (broker down, or taken back)."""
    waiting = seconds_ago(now, "REPORT_REDISPATCH_AFTER_SECONDS")
    never_sent = Q(dispatched_at__isnull=True) & (Q(requested_at__lt=waiting) | Q(attempts__gt=0))
    return Q(state=QUEUED) & (Q(dispatched_at__lt=waiting) | never_sent)


def dead_worker_condition(now: datetime.datetime) -> Q:
    """Running jobs whose worker has not beaten for longer than a living worker ever stays silent."""
    dead = seconds_ago(now, "REPORT_WORKER_DEAD_AFTER_SECONDS")
    return Q(state=RUNNING) & (
        Q(heartbeat_at__lt=dead) | Q(heartbeat_at__isnull=True, started_at__lt=dead) | Q(started_at__isnull=True)
    )


def job_claim(model: type[Model], job_id: int) -> bool:
    """Move a queued job (or one whose worker died) to running; False when another delivery has it.

    A conditional UPDATE: of two deliveries of the same message, one claims and the other does nothing.
    """
    now = timezone.now()
    claimable = Q(state=QUEUED) | dead_worker_condition(now)
    return bool(
        model._default_manager.filter(claimable, pk=job_id).update(
            state=RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, failure_reason=""
        )
    )


def job_dispatch(model: type[Model], job_id: int, send: Callable[[int], object]) -> None:
    """Send the job to a worker; with the broker down it stays queued and the sweeper sends it later."""
    model._default_manager.filter(pk=job_id).update(dispatched_at=timezone.now())
    try:
        send(job_id)
    except BROKER_ERRORS:
        logger.warning(
            "Broker unreachable: %s %s stays queued until the sweeper sends it again.", model.__name__, job_id
        )
