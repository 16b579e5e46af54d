from typing import ClassVar

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DEPARTMENT_BOUND_ROLES, DepartmentKind, Role


class DepartmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Department(models.Model):
    """A body that leads or supports plan tasks: a sở, ban, ngành, a district, an association."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    code = models.SlugField(_("code"), max_length=30, unique=True, help_text=_("Used in document symbols, e.g. SNgV."))
    kind = models.CharField(_("kind"), max_length=30, choices=DepartmentKind.choices)
    is_focal_point = models.BooleanField(
        _("focal point"),
        default=False,
        help_text=_("The Department of Foreign Affairs, which follows the plans and compiles reports."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Where reminders are sent."))
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_focal_point"],
                condition=Q(is_focal_point=True),
                name="department_single_focal_point",
                violation_error_message=_("Only one department can be the focal point."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name


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
