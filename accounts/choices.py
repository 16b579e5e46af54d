from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    """Kinds of body in the two-level local government in force since 1 July 2025, plus the district."""

    PROVINCIAL_LEADERSHIP = "provincial_leadership", _("Provincial People's Committee or Party Committee")
    PROVINCIAL_OFFICE = "provincial_office", _("Office of the Provincial People's Committee")
    PROVINCIAL_AGENCY = "provincial_agency", _("Provincial department or agency")
    COMMUNE = "commune", _("People's Committee of a commune, ward or special zone")
    ASSOCIATION = "association", _("Association or mass organisation")
    OTHER = "other", _("Other body")
    # Abolished on 1 July 2025; kept so that earlier tasks, entries and delegations keep their body.
    DISTRICT = "district", _("District-level People's Committee (until 30/06/2025)")


class SuccessionKind(models.TextChoices):
    MERGER = "merger", _("Merged into")
    SPLIT = "split", _("Split into")
    RENAME = "rename", _("Renamed to")


class Role(models.TextChoices):
    STAFF = "staff", _("Department staff")
    HEAD = "head", _("Department head")
    SPECIALIST = "specialist", _("Focal-point specialist")
    LEADERSHIP = "leadership", _("Leadership")
    ADMINISTRATOR = "administrator", _("Administrator")
    STATISTICS_READER = "statistics_reader", _("Statistics reader (external system)")


# Roles whose work is bound to one department: they must belong to one.
DEPARTMENT_BOUND_ROLES = (Role.STAFF, Role.HEAD)
