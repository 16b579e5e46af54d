"""Celery tasks of the delegations app: thin wrappers that fetch by id and call one service."""

from celery import shared_task
from django.conf import settings
from django.utils.translation import gettext as _

from core.jobs import TRANSIENT_ERRORS

from . import export_jobs
from .choices import ExportState


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    # A million rows take minutes: the export's own limits, not the request-sized default ones.
    soft_time_limit=settings.DELEGATION_EXPORT_TIME_LIMIT - 60,
    time_limit=settings.DELEGATION_EXPORT_TIME_LIMIT,
)
def delegation_export_task(self, export_id: int) -> str:
    """Write one requested export; a second delivery of a finished or running one does nothing."""
    try:
        return export_jobs.delegation_export_run(export_id=export_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries < self.max_retries:
            raise  # autoretry_for schedules the next attempt
        reason = _("Gave up after %(attempts)s attempts: %(error)s") % {
            "attempts": self.request.retries + 1,
            "error": f"{type(error).__name__}: {error}",
        }
        export_jobs.delegation_export_fail(export_id=export_id, reason=reason)
        return ExportState.FAILED


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def delegation_exports_sweep_task() -> dict[str, int]:
    """Send lost exports again, take them back from dead workers, delete old files (beat, every few minutes)."""
    return export_jobs.delegation_exports_sweep()
