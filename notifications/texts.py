"""What each kind of notification says, written when it is read so that it follows the reader's language.

A notification stores only its kind and parameters (names, dates, counts as text); the sentences
live here, once, for the notification centre and the e-mail alike.
"""

from django.utils.translation import gettext_lazy as _

from .choices import NotificationKind

TEXTS = {
    NotificationKind.PROGRESS_RETURNED: (
        _("Entry returned: %(task)s (%(period)s)"),
        _("%(by)s returned your department's entry for %(period)s with this comment: %(comment)s"),
    ),
    NotificationKind.PROGRESS_APPROVED: (
        _("Entry approved: %(task)s (%(period)s)"),
        _("%(by)s approved your department's entry for %(period)s and sent it to the focal point."),
    ),
    NotificationKind.PROGRESS_ACCEPTED: (
        _("Entry accepted: %(task)s (%(period)s)"),
        _("%(by)s accepted your department's entry for %(period)s."),
    ),
    NotificationKind.REMINDER: (
        _("Reminder: progress report for %(period)s"),
        _(
            "Dear %(department)s,\n\nYour department has not yet sent all its progress entries for %(period)s "
            "(%(missing)s tasks not reported, %(draft)s drafts, %(returned)s returned). "
            "The deadline is %(deadline)s.\n\nThe foreign-affairs focal point"
        ),
    ),
    NotificationKind.TASK_OVERDUE: (
        _("Overdue task: %(task)s"),
        _("The task “%(task)s”, led by your department, was due on %(deadline)s and is not reported completed."),
    ),
    NotificationKind.DELEGATION_REPORT_LATE: (
        _("Post-trip report overdue: %(title)s"),
        _("The delegation “%(title)s” returned on %(end)s; its result report is overdue."),
    ),
    NotificationKind.REPORT_DONE: (
        _("Report ready: %(title)s"),
        _("Version %(version)s of the report you asked for is compiled; its Word file and Excel annex are ready."),
    ),
    NotificationKind.REPORT_FAILED: (
        _("Report failed: %(title)s"),
        _("Version %(version)s of the report you asked for could not be compiled: %(reason)s"),
    ),
    NotificationKind.EXPORT_DONE: (
        _("Export ready: %(rows)s delegations (%(format)s)"),
        _("The export of delegations you asked for is written: %(rows)s rows in %(format)s. It is kept %(days)s days."),
    ),
    NotificationKind.EXPORT_FAILED: (
        _("Export failed (%(format)s)"),
        _("The export of delegations you asked for could not be written: %(reason)s"),
    ),
}


class _Params(dict):
    """Parameters that print a missing one as empty rather than fail a page."""

    def __missing__(self, key):
        return ""


def notification_text(kind: str, params: dict) -> tuple[str, str]:
    """(title, body) of a notification of `kind` with `params`, in the active language."""
    title, body = TEXTS[NotificationKind(kind)]
    values = _Params(params or {})
    return str(title) % values, str(body) % values
