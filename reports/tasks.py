"""Celery tasks of the reports app: thin wrappers that fetch by id and call one service."""

from celery import shared_task
from django.conf import settings
from django.utils.translation import gettext as _

from . import services
from .choices import ReportState


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def report_compile_task(self, report_id: int) -> str:
    """Compile one requested report; a second delivery of a finished or running one does nothing.

    Transient errors are retried; after the last retry the report is marked failed with the reason,
    so that it leaves the queue and may be compiled again.
    """
    try:
        return services.report_run(report_id=report_id)
    except services.TRANSIENT_ERRORS as error:
        if self.request.retries < self.max_retries:
            raise  # autoretry_for schedules the next attempt
        reason = _("Gave up after %(attempts)s attempts: %(error)s") % {
            "attempts": self.request.retries + 1,
            "error": f"{type(error).__name__}: {error}",
        }
        services.report_fail(report_id=report_id, reason=reason)
        return ReportState.FAILED


@shared_task(acks_late=True, autoretry_for=services.TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def reports_compile_due_task() -> list[int]:
    """Request the reports of periods whose deadline has passed (beat, daily)."""
    return [report.pk for report in services.reports_compile_due()]


@shared_task(acks_late=True, autoretry_for=services.TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def report_reminders_task() -> int:
    """Remind departments that have not submitted before and after deadlines (beat, daily)."""
    return services.reports_remind()


@shared_task(acks_late=True, autoretry_for=services.TRANSIENT_ERRORS, retry_backoff=True, max_retries=5)
def overdue_notices_task() -> int:
    """Notify lead departments of overdue tasks and late post-trip reports, once each (beat, daily)."""
    return services.overdue_notices_send()


@shared_task(acks_late=True, autoretry_for=services.TRANSIENT_ERRORS, retry_backoff=True, max_retries=3)
def reports_sweep_task() -> dict[str, int]:
    """Send lost report messages again and take reports back from dead workers (beat, every few minutes)."""
    return services.reports_sweep()
