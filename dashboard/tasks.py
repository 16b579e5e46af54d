"""Celery tasks of the dashboard: thin wrappers around its cache."""

from celery import shared_task
from django.db import DatabaseError

from .cache import dashboard_figures_refresh


@shared_task(acks_late=True, autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3)
def dashboard_figures_refresh_task() -> int:
    """Recompute the dashboard figures viewed lately after the data behind them changed; returns how many."""
    return dashboard_figures_refresh()
