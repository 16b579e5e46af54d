from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import ReportKind, ReportState


class CompiledReport(models.Model):
    """A report compiled for a period or a date range: one version of it, with its files."""

    kind = models.CharField(_("kind"), max_length=20, choices=ReportKind.choices, default=ReportKind.PERIODIC)
    title = models.CharField(_("title"), max_length=500)
    period = models.ForeignKey(
        "plans.ReportingPeriod",
        verbose_name=_("reporting period"),
        on_delete=models.PROTECT,
        related_name="compiled_reports",
        null=True,
        blank=True,
    )
    date_from = models.DateField(_("from"))
    date_to = models.DateField(_("to"))
    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("plan"),
        on_delete=models.PROTECT,
        related_name="compiled_reports",
        null=True,
        blank=True,
        help_text=_("Empty for all plans in force."),
    )
    # What makes two requests "the same": period, date range and plan (see reports/services.py).
    fingerprint = models.CharField(_("request fingerprint"), max_length=64, default="", editable=False)
    version = models.PositiveIntegerField(_("version"), default=1, validators=[MinValueValidator(1)])
    state = models.CharField(_("state"), max_length=20, choices=ReportState.choices, default=ReportState.QUEUED)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    document_number = models.CharField(_("number and symbol"), max_length=60, blank=True)
    docx_file = models.FileField(_("Word document"), upload_to="reports/%Y/", blank=True)
    xlsx_file = models.FileField(_("Excel annex"), upload_to="reports/%Y/", blank=True)
    pdf_file = models.FileField(_("PDF"), upload_to="reports/%Y/", blank=True)
    # The content the three renderers drew from, kept so the preview shows what the files say.
    content = models.JSONField(_("content"), null=True, blank=True, editable=False)
    # The specialist's own text of body sections, keyed "opening", "I", "II"…, each with the
    # data-built text it started from ("base"), so a recompile can show what the data changed.
    edits = models.JSONField(_("edited sections"), default=dict, blank=True)
    signed_number = models.CharField(_("number at signing"), max_length=60, blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the schedule asked for it."),
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The sweeper's evidence (reports_sweep): when the message last went to the broker, when the
    # compiling worker last said it was alive, and how many workers have taken the report.
    dispatched_at = models.DateTimeField(_("sent to the worker at"), null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("worker last seen at"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)

    class Meta:
        verbose_name = _("compiled report")
        verbose_name_plural = _("compiled reports")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="report_dates_in_order",
                violation_error_message=_("The end of the range cannot come before its start."),
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="report_version_positive"),
            # Two workers or two clicks racing for the same version: one wins, the other reuses it.
            models.UniqueConstraint(fields=["fingerprint", "version"], name="report_unique_version_per_request"),
        ]

    def __str__(self):
        return f"{self.title} (v{self.version})"


class OverdueNotice(models.Model):
    """That the overdue notice of a task or of a late post-trip report was sent, so it is sent once.

    Whether something is overdue is computed from its dates, never stored; only the notice is.
    """

    class Subject(models.TextChoices):
        TASK = "task", _("Overdue task")
        DELEGATION_REPORT = "delegation_report", _("Late post-trip report")

    subject = models.CharField(_("subject"), max_length=30, choices=Subject.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("overdue notice")
        verbose_name_plural = _("overdue notices")
        constraints = [
            models.UniqueConstraint(fields=["subject", "object_id"], name="overdue_notice_once_per_object"),
        ]

    def __str__(self):
        return f"{self.get_subject_display()} #{self.object_id}"
