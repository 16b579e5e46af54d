import datetime
from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import DEPARTMENT_BOUND_ROLES, DepartmentKind, Role, SuccessionKind


def existing_on(day: datetime.date, prefix: str = "") -> Q:
    """The bodies (or, with a prefix, the rows whose body) exist on `day`: started and not yet ended."""
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": day})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def existing_on(self, day: datetime.date):
        return self.filter(existing_on(day))


class Department(models.Model):
    """A body of the province: a sở or ban, a commune, an association — with the dates it existed.

    A body that merges, splits or is renamed is never rewritten: it ends (`valid_to`) and its
    successors are recorded (`DepartmentSuccession`), so past tasks, entries, reports and delegations
    keep the body they had.
    """

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(_("code"), max_length=30, unique=True, help_text=_("Used in document symbols, e.g. SNgV."))
    kind = models.CharField(_("kind"), max_length=30, choices=DepartmentKind.choices)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where reminders are sent."))
    valid_from = models.DateField(
        _("exists from"), null=True, blank=True, help_text=_("Empty if it existed before the portal's records begin.")
    )
    valid_to = models.DateField(
        _("exists until"), null=True, blank=True, help_text=_("The last day before it merged, split or was dissolved.")
    )
    is_active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive bodies are not offered for new tasks, users or delegations.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True) | Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="department_validity_in_order",
                violation_error_message=_("A body cannot end before it begins."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name

    def exists_on(self, day: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class DepartmentSuccession(models.Model):
    """That a body's work passed to another on a date: a merger, a split or a renaming."""

    predecessor = models.ForeignKey(
        Department, verbose_name=_("earlier body"), on_delete=models.PROTECT, related_name="successions"
    )
    successor = models.ForeignKey(
        Department, verbose_name=_("later body"), on_delete=models.PROTECT, related_name="predecessions"
    )
    kind = models.CharField(_("kind of change"), max_length=20, choices=SuccessionKind.choices)
    effective_date = models.DateField(_("effective from"), help_text=_("The first day the later body does the work."))
    legal_basis = models.CharField(
        _("legal basis"), max_length=255, blank=True, help_text=_('e.g. "Nghị quyết số 05/NQ-HĐND ngày 26/02/2025".')
    )

    class Meta:
        verbose_name = _("succession of bodies")
        verbose_name_plural = _("successions of bodies")
        ordering = ["-effective_date", "predecessor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="succession_unique_pair",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="succession_not_to_itself",
                violation_error_message=_("A body cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.effective_date:%d/%m/%Y})"


class FocalPoint(models.Model):
    """Who follows the plans and signs the reports, as printed on them, for a span of dates.

    In 2025 many provinces moved the function from the Sở Ngoại vụ to the Văn phòng UBND tỉnh: each
    arrangement is one record, and a report prints the one in force on its date.
    """

    province_name = models.CharField(_("province"), max_length=100, help_text=_('e.g. "Sơn La".'))
    body = models.ForeignKey(
        Department, verbose_name=_("focal-point body"), on_delete=models.PROTECT, related_name="focal_point_terms"
    )
    printed_name = models.CharField(
        _("name as printed"), max_length=255, help_text=_('Under the parent body in the header, e.g. "SỞ NGOẠI VỤ".')
    )
    parent_body = models.CharField(_("parent body"), max_length=255, help_text=_('e.g. "UBND TỈNH SƠN LA".'))
    document_symbol = models.CharField(
        _("report symbol"), max_length=30, help_text=_('After the number, e.g. "BC-SNgV" or "BC-VP".')
    )
    place_name = models.CharField(_("place name"), max_length=100, help_text=_('Before the date line, e.g. "Sơn La".'))
    signer_authority = models.CharField(
        _("signing authority"), max_length=100, blank=True, help_text=_('e.g. "KT. GIÁM ĐỐC"; empty if the head signs.')
    )
    signer_title = models.CharField(_("signer's title"), max_length=100, help_text=_('e.g. "PHÓ GIÁM ĐỐC".'))
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    recipients = models.TextField(_("recipients"), blank=True, help_text=_("One per line, as in “Nơi nhận”."))
    archive_note = models.CharField(_("archive note"), max_length=100, default="Lưu: VT.", blank=True)
    valid_from = models.DateField(_("in charge from"))
    valid_to = models.DateField(_("in charge until"), null=True, blank=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["valid_from"],
                name="focal_point_unique_start",
                violation_error_message=_("Another focal point begins on this day."),
            ),
            models.UniqueConstraint(
                fields=["province_name"],
                condition=Q(valid_to__isnull=True),
                name="focal_point_single_open_term",
                violation_error_message=_("Only one focal point can be in charge with no end date."),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="focal_point_dates_in_order",
                violation_error_message=_("The term cannot end before it begins."),
            ),
        ]

    def __str__(self):
        until = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "…"
        return f"{self.printed_name} ({self.valid_from:%d/%m/%Y}–{until})"

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]


class PortalUserManager(UserManager):
    """Django's manager; a superuser made with `createsuperuser` is the portal's administrator."""

    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMINISTRATOR)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    """A portal user; what they may see and change follows from their role and department."""

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.STAFF)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    position = models.CharField(_("position"), max_length=150, blank=True)

    objects: ClassVar[PortalUserManager] = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=DEPARTMENT_BOUND_ROLES) | Q(department__isnull=False),
                name="user_department_required_for_role",
                violation_error_message=_("Department staff and heads must belong to a department."),
            ),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        # Vietnamese names put the family name first: "Nguyễn Thị" + "Lan".
        return f"{self.last_name} {self.first_name}".strip()
