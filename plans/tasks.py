"""Celery tasks of the plans app: thin wrappers around one service each."""

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from .services import reporting_periods_create_missing


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=5)
def reporting_periods_ahead_task() -> int:
    """Make sure this year's and next year's periods exist (beat, daily), so next January's windows
    (the monthly one opens on 15 December) exist well before 1 December; returns how many were created."""
    today = timezone.localdate()
    return len(reporting_periods_create_missing(years=[today.year, today.year + 1]))
