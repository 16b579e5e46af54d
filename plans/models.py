import datetime
from collections.abc import Collection
from typing import Any, Self

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.formatting import to_roman

from .attachments import signed_document_check
from .choices import (
    COMPLETED_STATUSES,
    PeriodKind,
    PlanKind,
    PlanStatus,
    ProgressStatus,
    TaskRole,
    TaskTiming,
    WorkflowState,
)
from .search import normalise_search_text

# "51/KH-UBND", "06/2014/QĐ-UBND" (state style) or "164-KH/TU" (party style), as on the document.
DOCUMENT_NUMBER_PATTERN = r"^\d+(/\d{4})?/[^\s/-]+-[^\s/]+$|^\d+-[^\s/-]+/[^\s/]+$"
document_number_validator = RegexValidator(
    DOCUMENT_NUMBER_PATTERN,
    _('Write the number as on the document: "51/KH-UBND", "06/2014/QĐ-UBND" or "164-KH/TU".'),
)

YEAR_VALIDATORS = [MinValueValidator(1945), MaxValueValidator(2100)]


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class StandardArea(models.Model):
    """The catalogue of task areas, so that plans of different years and provinces compare."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=255, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("standard task area")
        verbose_name_plural = _("standard task areas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class PlanQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(status=PlanStatus.IN_FORCE)

    def in_force_during(self, start: datetime.date, end: datetime.date):
        """Plans in force on at least one day of [start, end], from their dates and years, not today's status.

        A plan is in force from `in_force_from` (else its issue date) until `in_force_to` (else the
        end of its last year, or with no end if it has none or continues after it). Drafts never are.
        """
        begins = Coalesce(F("in_force_from"), F("issue_date"))
        open_ended = Q(in_force_to__isnull=True) & (Q(end_year__isnull=True) | Q(continues_after=True))
        ends_in_window = Q(in_force_to__gte=start) | (
            Q(in_force_to__isnull=True) & Q(end_year__gte=start.year) & Q(continues_after=False)
        )
        return (
            self.exclude(status=PlanStatus.DRAFT)
            .alias(begins_on=begins)
            .filter(begins_on__lte=end, start_year__lte=end.year)
            .filter(open_ended | ends_in_window)
        )

    def in_force_on(self, day: datetime.date):
        return self.in_force_during(day, day)


class Plan(TimeStamped):
    """An action plan or programme signed by a provincial body, e.g. Kế hoạch số 51/KH-UBND."""

    kind = models.CharField(_("kind"), max_length=10, choices=PlanKind.choices, default=PlanKind.PLAN)
    document_number = models.CharField(
        _("number and symbol"),
        max_length=60,
        validators=[document_number_validator],
        help_text=_('As written on the document, e.g. "51/KH-UBND" or "164-KH/TU".'),
    )
    issuing_body = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("issuing body"),
        on_delete=models.PROTECT,
        related_name="issued_plans",
        null=True,
        blank=True,
        help_text=_("From the register of bodies; leave empty only for a body outside the province."),
    )
    issuer = models.CharField(
        _("issuing body outside the province"),
        max_length=255,
        blank=True,
        help_text=_('Only when the issuer is not in the register, e.g. "Bộ Ngoại giao".'),
    )
    issue_date = models.DateField(_("issue date"))
    title = models.CharField(_("title"), max_length=500)
    summary = models.TextField(_("summary"), blank=True)
    start_year = models.PositiveSmallIntegerField(_("from year"), validators=YEAR_VALIDATORS)
    end_year = models.PositiveSmallIntegerField(_("to year"), validators=YEAR_VALIDATORS, null=True, blank=True)
    continues_after = models.BooleanField(
        _("and the following years"),
        default=False,
        help_text=_('The plan stays in force after its last year ("và các năm tiếp theo").'),
    )
    legal_bases = models.TextField(_("legal bases"), blank=True, help_text=_("One document per line."))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    in_force_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Empty: from the issue date.")
    )
    in_force_to = models.DateField(
        _("in force until"),
        null=True,
        blank=True,
        help_text=_("The last day it applied, once closed or replaced. Empty: until the end of its last year."),
    )
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("replaced by"),
        on_delete=models.PROTECT,
        related_name="replaces",
        null=True,
        blank=True,
        help_text=_("The plan or programme that supersedes this one."),
    )
    signed_document = models.FileField(
        _("signed document"),
        upload_to="plans/signed/%Y/",
        blank=True,
        validators=[signed_document_check],
        help_text=_("The plan as signed: PDF, Word or a scan (JPEG, PNG, TIFF)."),
    )

    history = HistoricalRecords()
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-issue_date", "document_number"]
        constraints = [
            # Numbering restarts every year (Decree 30/2020), so a number repeats only across years.
            models.UniqueConstraint(
                "issuing_body",
                "document_number",
                ExtractYear("issue_date"),
                condition=Q(issuing_body__isnull=False),
                name="plan_unique_number_per_body_and_year",
                violation_error_message=_("This issuing body already has a document with this number this year."),
            ),
            models.UniqueConstraint(
                "issuer",
                "document_number",
                ExtractYear("issue_date"),
                condition=Q(issuing_body__isnull=True),
                name="plan_unique_number_per_issuer_and_year",
                violation_error_message=_("This issuing body already has a document with this number this year."),
            ),
            models.CheckConstraint(
                condition=Q(issuing_body__isnull=False) | ~Q(issuer=""),
                name="plan_has_issuer",
                violation_error_message=_("Choose the issuing body, or name it if it is outside the province."),
            ),
            models.CheckConstraint(
                condition=Q(in_force_from__isnull=True)
                | Q(in_force_to__isnull=True)
                | Q(in_force_to__gte=F("in_force_from")),
                name="plan_in_force_dates_in_order",
                violation_error_message=_("A plan cannot stop applying before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | ~Q(replaced_by=F("pk")),
                name="plan_not_replaced_by_itself",
                violation_error_message=_("A plan cannot replace itself."),
            ),
            models.CheckConstraint(
                condition=~Q(status=PlanStatus.REPLACED) | Q(replaced_by__isnull=False),
                name="plan_replaced_names_successor",
                violation_error_message=_("A replaced plan names the plan that replaces it."),
            ),
            models.CheckConstraint(
                condition=Q(end_year__isnull=True) | Q(end_year__gte=F("start_year")),
                name="plan_years_in_order",
                violation_error_message=_("The last year cannot come before the first year."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.document_number}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A replaced or cleared signed document leaves no orphan file behind, once the change is
        # committed (a rollback keeps the old file, which the row still names).
        previous, current = getattr(self, "_stored_document", ""), self.signed_document.name or ""
        if previous and previous != current:
            storage = self.signed_document.storage
            transaction.on_commit(lambda: storage.delete(str(previous)), robust=True)
        self._stored_document = current

    @classmethod
    def from_db(cls, db: str | None, field_names: Collection[str], values: Collection[Any], **kwargs: Any) -> Self:
        plan = super().from_db(db, field_names, values, **kwargs)
        plan._stored_document = plan.__dict__.get("signed_document") or ""
        return plan

    @property
    def issuer_name(self) -> str:
        """The issuing body as written in text: the register's name, or the outside issuer."""
        return self.issuing_body.name if self.issuing_body_id else self.issuer  # type: ignore[union-attr]

    @property
    def period_label(self) -> str:
        years = str(self.start_year)
        if self.end_year and self.end_year != self.start_year:
            years = f"{self.start_year}–{self.end_year}"
        if self.continues_after:
            years = _("%(years)s and the following years") % {"years": years}
        return years


class TaskArea(models.Model):
    """A numbered section of a plan (I, II, …) grouping tasks of one kind of work."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="areas")
    # "position" alone reads as a job title ("chức vụ"); here it is a place in an order.
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in an order", "position"), validators=[MinValueValidator(1)]
    )
    title = models.CharField(_("title"), max_length=500)
    standard_area = models.ForeignKey(
        StandardArea,
        verbose_name=_("standard area"),
        on_delete=models.PROTECT,
        related_name="task_areas",
        null=True,
        blank=True,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task area")
        verbose_name_plural = _("task areas")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="task_area_unique_position",
                violation_error_message=_("Another area of this plan has this position."),
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="task_area_position_positive"),
        ]

    def __str__(self):
        return f"{self.roman_position}. {self.title}"

    @property
    def roman_position(self) -> str:
        return to_roman(self.position)


class Task(TimeStamped):
    """A task of a plan area, led by one department and supported by others."""

    area = models.ForeignKey(TaskArea, verbose_name=_("task area"), on_delete=models.CASCADE, related_name="tasks")
    # "position" alone reads as a job title ("chức vụ"); here it is a place in an order.
    position = models.PositiveSmallIntegerField(
        pgettext_lazy("place in an order", "position"), validators=[MinValueValidator(1)]
    )
    content = models.TextField(_("content"))
    lead_department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("lead department"),
        on_delete=models.PROTECT,
        related_name="led_tasks",
    )
    coordinating_departments = models.ManyToManyField(
        "accounts.Department",
        verbose_name=_("coordinating departments"),
        related_name="supported_tasks",
        blank=True,
    )
    timing = models.CharField(_("timing"), max_length=20, choices=TaskTiming.choices, default=TaskTiming.CONTINUOUS)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    expected_output = models.TextField(_("expected output"), blank=True)
    # Content and expected output without diacritics, so that search works with or without them
    # on every database (SQLite has no unaccent); kept current by save().
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    history = HistoricalRecords(m2m_fields=[coordinating_departments], excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["area__plan", "area__position", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "position"],
                name="task_unique_position",
                violation_error_message=_("Another task of this area has this position."),
            ),
            models.CheckConstraint(condition=Q(position__gte=1), name="task_position_positive"),
            models.CheckConstraint(
                condition=~Q(timing=TaskTiming.DEADLINE) | Q(deadline__isnull=False),
                name="task_deadline_required_for_deadline_timing",
                violation_error_message=_("A task done by a deadline needs the deadline."),
            ),
        ]
        indexes = [
            # Each task's lead without the task rows and their texts: every count of owed entries
            # joins the accepted completions to their tasks' leads (plans.selectors.obligations), an
            # index-only merge instead of a walk through the whole table.
            models.Index(fields=["id", "lead_department"], name="task_lead_department"),
        ]

    def __str__(self):
        return f"{self.area.roman_position}.{self.position}. {self.content[:80]}"

    def save(self, *args, **kwargs):
        self.search_text = normalise_search_text(f"{self.content}\n{self.expected_output}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"content", "expected_output"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)


class TaskHandover(models.Model):
    """That a task passed from a body to its successor on a date (plans.services.department_succession_record).

    Periods that ended before the date stay owed by the earlier body (plans.selectors.obligations).
    """

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="handovers")
    role = models.CharField(_("role"), max_length=20, choices=TaskRole.choices)
    from_department = models.ForeignKey(
        "accounts.Department", verbose_name=_("from"), on_delete=models.PROTECT, related_name="+"
    )
    to_department = models.ForeignKey(
        "accounts.Department", verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    effective_date = models.DateField(_("effective from"))

    class Meta:
        verbose_name = _("task handover")
        verbose_name_plural = _("task handovers")
        ordering = ["task", "-effective_date"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_department=F("to_department")), name="handover_between_two_bodies"
            ),
            models.UniqueConstraint(
                fields=["task", "role", "from_department", "effective_date"], name="handover_unique_per_day"
            ),
        ]

    def __str__(self):
        return f"{self.task_id}: {self.from_department_id} → {self.to_department_id} ({self.effective_date})"


class TaskTarget(models.Model):
    """A quantitative target of a task, e.g. 3 Vietnamese-language classes for 113 trainees."""

    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="targets")
    name = models.CharField(_("indicator"), max_length=255)
    unit = models.CharField(_("unit"), max_length=50)
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        verbose_name = _("quantitative target")
        verbose_name_plural = _("quantitative targets")
        ordering = ["task", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gt=0),
                name="task_target_value_positive",
                violation_error_message=_("The target must be greater than zero."),
            ),
            models.UniqueConstraint(fields=["task", "name"], name="task_target_unique_name"),
        ]

    def __str__(self):
        return f"{self.name}: {self.target_value.normalize():f} {self.unit}"


class ReportingPeriodQuerySet(models.QuerySet):
    def containing(self, day):
        return self.filter(start_date__lte=day, end_date__gte=day)


class ReportingPeriod(models.Model):
    """A reporting period with its data window and deadline (Decree 09/2019/NĐ-CP, Article 12)."""

    kind = models.CharField(_("kind"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=YEAR_VALIDATORS)
    sequence = models.PositiveSmallIntegerField(
        _("number in the year"),
        null=True,
        blank=True,
        help_text=_(
            "Month, quarter or half of the year; 1 for nine-monthly and yearly periods; empty for ad hoc ones."
        ),
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_('Required for ad hoc periods, e.g. "năm 2017 và 4 tháng đầu năm 2018".'),
    )
    start_date = models.DateField(_("data window from"))
    end_date = models.DateField(_("data window to"))
    deadline = models.DateField(_("submission deadline"))

    objects = ReportingPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-end_date", "kind", "sequence"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="period_dates_in_order",
                violation_error_message=_("The data window cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("end_date")),
                name="period_deadline_after_window",
                violation_error_message=_("The deadline cannot come before the data window closes."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=PeriodKind.AD_HOC) | ~Q(name=""),
                name="period_ad_hoc_has_name",
                violation_error_message=_("An ad hoc period needs a name."),
            ),
            models.CheckConstraint(
                condition=Q(kind=PeriodKind.AD_HOC, sequence__isnull=True)
                | (~Q(kind=PeriodKind.AD_HOC) & Q(sequence__isnull=False)),
                name="period_sequence_only_for_periodic",
                violation_error_message=_("A periodic report has its number in the year; an ad hoc one has none."),
            ),
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                condition=~Q(kind=PeriodKind.AD_HOC),
                name="period_unique_kind_year_sequence",
                violation_error_message=_("This periodic reporting period already exists."),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The period's name in the reader's language, e.g. "Quý 1 năm 2018"."""
        if self.kind == PeriodKind.AD_HOC:
            return self.name
        values = {"number": self.sequence, "year": self.year}
        labels = {
            PeriodKind.MONTHLY: _("Month %(number)s/%(year)s"),
            PeriodKind.QUARTERLY: _("Quarter %(number)s of %(year)s"),
            PeriodKind.SIX_MONTHLY: _("First half of %(year)s") if self.sequence == 1 else _("Second half of %(year)s"),
            PeriodKind.NINE_MONTHLY: _("Nine months of %(year)s"),
            PeriodKind.YEARLY: _("Year %(year)s"),
        }
        return labels[PeriodKind(self.kind)] % values


class TaskProgress(TimeStamped):
    """What one department reports on one task for one period, and where that report stands."""

    # What a new entry takes over from the department's earlier one; difficulties and proposals are
    # the period's own.
    CARRIED_FIELDS = ("status", "percent_done", "results")

    # Reported progress is the record of what departments did: deleting a task must not erase it.
    task = models.ForeignKey(Task, verbose_name=_("task"), on_delete=models.PROTECT, related_name="progress_entries")
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.PROTECT, related_name="progress_entries"
    )
    department = models.ForeignKey(
        "accounts.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="progress_entries"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProgressStatus.choices, default=ProgressStatus.NOT_STARTED
    )
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    state = models.CharField(
        _("workflow state"), max_length=20, choices=WorkflowState.choices, default=WorkflowState.DRAFT
    )
    review_comment = models.TextField(_("review comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Optimistic locking: a save carries the version it was read at and fails if it moved on.
    version = models.PositiveIntegerField(_("version"), default=1)
    # The department's earlier entry this one started from (carry-forward); kept, like every entry.
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Sent with "no change this period": the earlier entry's figures, confirmed as they stand.
    confirmed_unchanged = models.BooleanField(_("confirmed unchanged"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("task progress")
        verbose_name_plural = _("task progress entries")
        ordering = ["task", "department"]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "period", "department"],
                name="progress_unique_task_period_department",
                violation_error_message=_("This department has already reported on this task for this period."),
            ),
            models.CheckConstraint(
                condition=Q(percent_done__gte=0, percent_done__lte=100),
                name="progress_percent_between_0_and_100",
                violation_error_message=_("Percent done must be between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=COMPLETED_STATUSES) | Q(percent_done=100),
                name="progress_completed_is_100_percent",
                violation_error_message=_("A completed task must be 100 percent done."),
            ),
            models.CheckConstraint(
                condition=Q(confirmed_unchanged=False) | Q(carried_from__isnull=False),
                name="progress_unchanged_has_an_earlier_entry",
                violation_error_message=_("Only an entry carried over from an earlier one can be confirmed unchanged."),
            ),
        ]
        indexes = [
            # Accepted completions, which end a deadline task's later obligations: read on every count.
            models.Index(
                fields=["task", "department", "period"],
                name="progress_accepted_completed",
                condition=Q(state=WorkflowState.ACCEPTED, status__in=COMPLETED_STATUSES),
            ),
        ]

    def __str__(self):
        return f"{self.task} · {self.department} · {self.period}"


class ProgressTargetValue(models.Model):
    """The value a department achieved on one quantitative target in one progress entry."""

    progress = models.ForeignKey(
        TaskProgress, verbose_name=_("task progress"), on_delete=models.CASCADE, related_name="target_values"
    )
    target = models.ForeignKey(
        TaskTarget, verbose_name=_("quantitative target"), on_delete=models.CASCADE, related_name="achieved_values"
    )
    achieved_value = models.DecimalField(_("achieved"), max_digits=14, decimal_places=2)

    # Recorded too, so that the task page's history shows achieved values changing.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("achieved value")
        verbose_name_plural = _("achieved values")
        constraints = [
            models.UniqueConstraint(fields=["progress", "target"], name="target_value_unique_per_progress"),
            models.CheckConstraint(
                condition=Q(achieved_value__gte=0),
                name="target_value_not_negative",
                violation_error_message=_("The achieved value cannot be negative."),
            ),
        ]

    def __str__(self):
        return f"{self.target.name}: {self.achieved_value.normalize():f}"


class ProgressAttachment(models.Model):
    """A file attached to a progress entry; stored outside the web root."""

    progress = models.ForeignKey(
        TaskProgress, verbose_name=_("task progress"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="progress/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    # Recorded too, so that the history shows who attached or removed which file.
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(size__gt=0), name="attachment_not_empty"),
        ]

    def __str__(self):
        return self.original_name


class ReminderLog(models.Model):
    """That reminders for a period went out: who sent them (empty: the schedule), when, and to whom."""

    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="reminder_logs"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the schedule sent them."),
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    departments = models.ManyToManyField(
        "accounts.Department", verbose_name=_("departments reminded"), related_name="reminder_logs"
    )
    recipients = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("users reminded"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_at", "-pk"]

    def __str__(self):
        return f"{self.period} · {self.sent_at:%d/%m/%Y %H:%M}"


class ObligationsGeneration(models.Model):
    """One counter, raised inside every transaction that changes what the obligations rule reads.

    A period's stored obligations (`PeriodObligation`) are current while their build carries the
    counter's value; see plans.obligation_builds.
    """

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("obligations generation")
        verbose_name_plural = _("obligations generations")

    def __str__(self):
        return str(self.value)


class PeriodObligationBuild(models.Model):
    """When a period's obligations were stored, and under which generation and collected period kinds."""

    period = models.OneToOneField(ReportingPeriod, on_delete=models.CASCADE, primary_key=True, related_name="+")
    generation = models.BigIntegerField()
    # The settings the rule read (PROGRESS_COLLECTED_PERIOD_KINDS): a change of them outdates the build.
    rule = models.CharField(max_length=255)
    built_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("stored obligations of a period")
        verbose_name_plural = _("stored obligations of periods")

    def __str__(self):
        return f"{self.period_id} · {self.generation}"


class PeriodObligation(models.Model):
    """A (task, department) that owes an entry in a period, stored by plans.obligation_builds.

    Derived data: everything the obligations rule decides from plans, tasks, handovers and the register
    of bodies. Whether a deadline task was already done depends on entries and is decided when read.
    """

    # Derived rows, rewritten by the thousand when a plan changes: no foreign-key constraints to check
    # at each commit (Django still deletes them with their task, body or period), and no index beyond
    # the unique one (period first) and the department's.
    period = models.ForeignKey(
        ReportingPeriod, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False)
    department = models.ForeignKey(
        "accounts.Department", on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False
    )
    role = models.CharField(max_length=20, choices=TaskRole.choices)
    # The task's timing is a deadline: only then may an accepted completion in an earlier period end
    # the obligation, which is decided when read (plans.selectors.obligations) without joining the task.
    deadline_task = models.BooleanField(default=False)
    # The department's entry for the period, if any: a join on the three columns, no column of its own.
    entry = models.ForeignObject(
        TaskProgress,
        on_delete=models.DO_NOTHING,
        from_fields=["task", "period", "department"],
        to_fields=["task", "period", "department"],
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("stored obligation")
        verbose_name_plural = _("stored obligations")
        constraints = [
            models.UniqueConstraint(fields=["period", "task", "department"], name="period_obligation_unique"),
        ]
        indexes = [
            models.Index(fields=["period", "department"], name="period_obligation_department"),
            models.Index(fields=["period", "task"], name="period_obligation_deadline", condition=Q(deadline_task=True)),
        ]

    def __str__(self):
        return f"{self.period_id} · {self.task_id} · {self.department_id}"
