"""Celery tasks of the reports app: thin wrappers that fetch by id and call one service."""

from celery import shared_task
from django.conf import settings

from . import services


@shared_task(
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
def report_compile_task(report_id: int) -> str:
    """Compile one requested report; a second delivery of a finished or running one does nothing."""
    return services.report_run(report_id=report_id)


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
