import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from .choices import (
    PENDING_EXPORT_STATES,
    DelegationStatus,
    Direction,
    ExportFormat,
    ExportState,
    FundingSource,
    PartnerKind,
)
from .search import NAME_FIELDS, PUBLIC_FIELDS, search_columns


def new_reference() -> str:
    """A short, unique, human-readable reference that import files carry to avoid duplicates."""
    return f"D-{secrets.token_hex(4).upper()}"


def result_report_days() -> datetime.timedelta:
    """How long after its return an outbound delegation has to file its result report."""
    return datetime.timedelta(days=settings.DELEGATION_RESULT_REPORT_DAYS)


class DelegationQuerySet(models.QuerySet):
    def with_report_overdue(self, *, today: datetime.date | None = None):
        """Annotate `report_overdue`: outbound, not cancelled, back for longer than the allowed days, no report."""
        cutoff = (today or timezone.localdate()) - result_report_days()
        overdue = Q(direction=Direction.OUTBOUND, result_report_submitted_on__isnull=True, end_date__lt=cutoff) & ~Q(
            status=DelegationStatus.CANCELLED
        )
        return self.annotate(report_overdue=ExpressionWrapper(overdue, output_field=BooleanField()))


class Delegation(models.Model):
    """An inbound (đoàn vào) or outbound (đoàn ra) delegation."""

    reference = models.CharField(
        _("reference"),
        max_length=40,
        unique=True,
        default=new_reference,
        help_text=_("Carried by import files so that importing the same row twice does not duplicate it."),
    )
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    title = models.CharField(_("title"), max_length=500)
    purpose = models.TextField(_("purpose"), blank=True)
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("host or sending department"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    leader_name = models.CharField(_("head of delegation"), max_length=255)
    leader_position = models.CharField(_("position of the head"), max_length=255, blank=True)
    # The upper bound keeps absurd input a validation error instead of an integer overflow in the database.
    member_count = models.PositiveIntegerField(
        _("number of persons"), validators=[MinValueValidator(1), MaxValueValidator(100000)]
    )
    partner_kind = models.CharField(_("kind of partner"), max_length=30, choices=PartnerKind.choices, blank=True)
    partner = models.CharField(
        _("partner locality or organisation"),
        max_length=500,
        blank=True,
        help_text=_("e.g. tỉnh Luông Pha Băng; Đại sứ quán Nhật Bản."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    funding_source = models.CharField(_("funding source"), max_length=30, choices=FundingSource.choices, blank=True)
    cost_vnd = models.DecimalField(
        _("cost (VND)"), max_digits=18, decimal_places=0, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    approval_document = models.CharField(_("approving document"), max_length=100, blank=True)
    approval_date = models.DateField(_("approval date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=DelegationStatus.choices, default=DelegationStatus.PLANNED
    )
    cancellation_reason = models.TextField(_("reason for cancelling"), blank=True)
    result_report_submitted_on = models.DateField(
        _("result report submitted on"),
        null=True,
        blank=True,
        help_text=_("Outbound delegations report their results within a set number of days after return."),
    )
    related_tasks = models.ManyToManyField(
        "plans.Task", verbose_name=_("related plan tasks"), related_name="delegations", blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Lower case without diacritics (delegations/search.py), kept current by save(): what every reader
    # may search, and the head's name and position, which only those who read names may search by.
    # The database default lets bulk loads (COPY) leave them to delegation_search_rebuild.
    search_text = models.TextField(_("search text"), blank=True, editable=False, default="", db_default="")
    search_names = models.TextField(_("search text of names"), blank=True, editable=False, default="", db_default="")

    history = HistoricalRecords(excluded_fields=["search_text", "search_names"])

    objects = DelegationQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-start_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="delegation_dates_in_order",
                violation_error_message=_("The end date cannot come before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(member_count__gte=1),
                name="delegation_at_least_one_person",
                violation_error_message=_("A delegation has at least one person."),
            ),
            models.CheckConstraint(
                condition=Q(cost_vnd__isnull=True) | Q(cost_vnd__gte=0),
                name="delegation_cost_not_negative",
                violation_error_message=_("The cost cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(status=DelegationStatus.CANCELLED) | ~Q(cancellation_reason=""),
                name="delegation_cancelled_has_reason",
                violation_error_message=_("A cancelled delegation needs the reason for cancelling."),
            ),
        ]
        indexes = [
            models.Index(fields=["direction", "start_date"]),
            # Statistics the rollup cannot answer (a search) read a date range from this index alone on
            # PostgreSQL; SQLite ignores `include` and keeps a plain start_date index.
            models.Index(
                fields=["start_date"],
                include=["direction", "status", "member_count", "department", "id"],
                name="delegation_start_covering",
            ),
            # The lists' order (-start_date, -id): page 1 and every keyset page read the index, not a sort.
            models.Index(fields=["-start_date", "-id"], name="delegation_list_order"),
        ]
        # Trigram indexes on the search columns exist on PostgreSQL only (migration 0005).

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        values = {name: getattr(self, name) for name in (*PUBLIC_FIELDS, *NAME_FIELDS)}
        for column, text in search_columns(values).items():
            setattr(self, column, text)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {*PUBLIC_FIELDS, *NAME_FIELDS} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "search_text", "search_names"}
        super().save(*args, **kwargs)

    def clean(self):
        # The check constraint backs this rule; raising it here ties the message to the end date field.
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date cannot come before the start date.")})

    @property
    def is_cancellable(self) -> bool:
        """Only a delegation still to come (planned or approved) can be cancelled."""
        return self.status in (DelegationStatus.PLANNED, DelegationStatus.APPROVED)

    @property
    def result_report_due(self) -> datetime.date | None:
        """The day an outbound delegation's result report is due; None for inbound ones."""
        if self.direction != Direction.OUTBOUND or not self.end_date:
            return None
        return self.end_date + result_report_days()


class DelegationCountry(models.Model):
    """A country a delegation comes from or goes to, with the partner locality there."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="countries"
    )
    country = CountryField(_("country"))
    locality = models.CharField(_("partner locality"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("country of a delegation")
        verbose_name_plural = _("countries of delegations")
        ordering = ["delegation", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "country"],
                name="delegation_country_unique",
                violation_error_message=_("This country is already listed for the delegation."),
            ),
        ]
        indexes = [models.Index(fields=["country"])]

    def __str__(self):
        name = self.country.name  # type: ignore[attr-defined]  # a django-countries Country, not a str
        return f"{name}: {self.locality}" if self.locality else str(name)


class RollupMeasures(models.Model):
    """Delegations and persons of a group of delegations: the measures of the statistics rollups.

    The rollups are derived from Delegation and DelegationCountry and kept exact in the same
    transaction by every write (delegations.rollup); `manage.py delegation_rollup_rebuild` builds
    them anew. A row with country "" counts each trip once (the totals, every grouping but
    country); a row with a country counts the trips to that country, so a trip to two countries is
    in two such rows. The key columns carry the delegation's column names, so that a condition on
    them reads the same on a rollup.
    """

    start_date = models.DateField(_("start date"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    status = models.CharField(_("status"), max_length=20, choices=DelegationStatus.choices)
    country = CountryField(_("country"), blank=True)
    delegations = models.PositiveIntegerField(_("delegations"))
    persons = models.PositiveIntegerField(_("persons"))

    class Meta:
        abstract = True
        constraints = [
            # Empty groups are deleted, not kept at zero; every delegation has at least one person.
            models.CheckConstraint(condition=Q(delegations__gte=1), name="%(class)s_counts_someone"),
            models.CheckConstraint(condition=Q(persons__gte=F("delegations")), name="%(class)s_persons"),
        ]


class DelegationDayRollup(RollupMeasures):
    """Figures per start date, direction, department, status and country: for department rows and filters."""

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("host or sending department"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,  # the unique key serves the reads; one index less to write
    )

    class Meta:
        verbose_name = _("daily delegation figures of a department")
        verbose_name_plural = _("daily delegation figures of departments")
        constraints = [
            # The country first: the trips' rows ("") of a period are one range of the key.
            models.UniqueConstraint(
                fields=["country", "start_date", "department", "direction", "status"], name="delegation_rollup_key"
            ),
            *RollupMeasures.Meta.constraints,
        ]
        # Recomputing a key deletes its rows by date and department.
        indexes = [models.Index(fields=["start_date", "department"], name="delegation_rollup_day_dept")]

    def __str__(self):
        return f"{self.start_date} {self.direction} {self.department_id} {self.status} {self.country or '*'}"


class DelegationExport(models.Model):
    """A CSV or XLSX file of a filtered delegation list, written by a worker when the list is large.

    The worker reads with the requester's reach and the filters as they were asked (`query`), so the
    file holds what the list page showed them. One request (user, format, filters) has at most one
    export queued or running at a time: asking again while it is prepared returns it.
    """

    file_format = models.CharField(_("format"), max_length=4, choices=ExportFormat.choices)
    query = models.TextField(_("filters"), blank=True, help_text=_("The list's filters as a query string."))
    fingerprint = models.CharField(_("request fingerprint"), max_length=64, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=ExportState.choices, default=ExportState.QUEUED)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="exports/%Y/", blank=True)
    failure_reason = models.TextField(_("reason for failure"), blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The sweeper's evidence, as for compiled reports: when the message last went to the broker, when
    # the writing worker last said it was alive, and how many workers have taken the export.
    dispatched_at = models.DateTimeField(_("sent to the worker at"), null=True, blank=True, editable=False)
    heartbeat_at = models.DateTimeField(_("worker last seen at"), null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, editable=False)

    class Meta:
        verbose_name = _("delegation export")
        verbose_name_plural = _("delegation exports")
        ordering = ["-requested_at", "-id"]
        constraints = [
            # Two clicks racing for the same file: one export is made, the other request finds it.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(state__in=PENDING_EXPORT_STATES),
                name="delegation_export_one_pending_per_request",
            ),
        ]

    def __str__(self):
        return f"{self.get_file_format_display()} #{self.pk}"


class DelegationMonthRollup(RollupMeasures):
    """Figures per month (start_date is its first day), direction, department, status and country.

    A fraction of the day rollup's rows: it answers questions by department over whole months.
    """

    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("host or sending department"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )

    class Meta:
        verbose_name = _("monthly delegation figures of a department")
        verbose_name_plural = _("monthly delegation figures of departments")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "start_date", "department", "direction", "status"],
                name="delegation_month_rollup_key",
            ),
            *RollupMeasures.Meta.constraints,
        ]
        # Recomputing a key deletes its rows by date and department.
        indexes = [models.Index(fields=["start_date", "department"], name="delegation_rollup_month_dept")]

    def __str__(self):
        return f"{self.start_date:%Y-%m} {self.direction} {self.department_id} {self.status} {self.country or '*'}"


class DelegationProvinceMonthRollup(RollupMeasures):
    """Figures per month (start_date is its first day), direction, status and country, all departments together."""

    class Meta:
        verbose_name = _("monthly delegation figures of the province")
        verbose_name_plural = _("monthly delegation figures of the province")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "start_date", "direction", "status"], name="delegation_province_month_rollup_key"
            ),
            *RollupMeasures.Meta.constraints,
        ]
        # Recomputing a key deletes its rows by date.
        indexes = [models.Index(fields=["start_date"], name="delegation_rollup_pmonth_day")]

    def __str__(self):
        return f"{self.start_date:%Y-%m} {self.direction} {self.status} {self.country or '*'}"


class DelegationProvinceDayRollup(RollupMeasures):
    """Figures per start date, direction, status and country, all departments together.

    A fraction of the department rollup's rows (a province has dozens of departments): it answers
    every question that neither groups nor filters by department.
    """

    class Meta:
        verbose_name = _("daily delegation figures of the province")
        verbose_name_plural = _("daily delegation figures of the province")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "start_date", "direction", "status"], name="delegation_province_rollup_key"
            ),
            *RollupMeasures.Meta.constraints,
        ]
        # Recomputing a key deletes its rows by date.
        indexes = [models.Index(fields=["start_date"], name="delegation_rollup_pday_day")]

    def __str__(self):
        return f"{self.start_date} {self.direction} {self.status} {self.country or '*'}"
