from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    PROVINCIAL_AGENCY = "provincial_agency", _("Provincial department or agency")
    DISTRICT = "district", _("District-level People's Committee")
    ASSOCIATION = "association", _("Association or mass organisation")
    OTHER = "other", _("Other body")


class Role(models.TextChoices):
    STAFF = "staff", _("Department staff")
    HEAD = "head", _("Department head")
    SPECIALIST = "specialist", _("Foreign Affairs specialist")
    LEADERSHIP = "leadership", _("Leadership")
    ADMINISTRATOR = "administrator", _("Administrator")
    STATISTICS_READER = "statistics_reader", _("Statistics reader (external system)")


# Roles whose work is bound to one department: they must belong to one.
DEPARTMENT_BOUND_ROLES = (Role.STAFF, Role.HEAD)
