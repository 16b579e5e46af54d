"""Reminders sent for a period, for the review page: who sent them, when, and to whom."""

from django.db.models import Count, QuerySet

from ..models import ReminderLog, ReportingPeriod

REMINDER_LOGS_SHOWN = 20


def reminder_logs(*, period: ReportingPeriod) -> QuerySet[ReminderLog]:
    """The period's latest reminders, newest first, with their departments (two queries whatever the size)."""
    return (
        ReminderLog.objects.filter(period=period)
        .select_related("sent_by")
        .prefetch_related("departments")
        .annotate(recipient_count=Count("recipients"))
        .order_by("-sent_at", "-pk")[:REMINDER_LOGS_SHOWN]
    )
