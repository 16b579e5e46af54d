from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PROGRESS_RETURNED = "progress_returned", _("Progress entry returned")
    PROGRESS_APPROVED = "progress_approved", _("Progress entry approved by the head")
    PROGRESS_ACCEPTED = "progress_accepted", _("Progress entry accepted")
    REMINDER = "reminder", _("Reminder to report progress")
    TASK_OVERDUE = "task_overdue", _("Overdue task")
    DELEGATION_REPORT_LATE = "delegation_report_late", _("Late post-trip report")
    REPORT_DONE = "report_done", _("Compiled report ready")
    REPORT_FAILED = "report_failed", _("Compiled report failed")
    EXPORT_DONE = "export_done", _("Delegation export ready")
    EXPORT_FAILED = "export_failed", _("Delegation export failed")


# What a department's staff and heads hear about; the rest concerns those who compile reports.
DEPARTMENT_KINDS = (
    NotificationKind.PROGRESS_RETURNED,
    NotificationKind.PROGRESS_APPROVED,
    NotificationKind.PROGRESS_ACCEPTED,
    NotificationKind.REMINDER,
    NotificationKind.TASK_OVERDUE,
    NotificationKind.DELEGATION_REPORT_LATE,
)
REPORT_KINDS = (NotificationKind.REPORT_DONE, NotificationKind.REPORT_FAILED)
# What those who may export delegations hear when a large export, written as a job, ends.
EXPORT_KINDS = (NotificationKind.EXPORT_DONE, NotificationKind.EXPORT_FAILED)
