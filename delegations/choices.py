from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    INBOUND = "inbound", _("Inbound (đoàn vào)")
    OUTBOUND = "outbound", _("Outbound (đoàn ra)")


class DelegationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


class PartnerKind(models.TextChoices):
    LOCALITY = "locality", _("Foreign locality")
    EMBASSY = "embassy", _("Embassy or consulate")
    NGO = "ngo", _("Foreign non-governmental organisation")
    ENTERPRISE = "enterprise", _("Enterprise")
    INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
    OTHER = "other", _("Other")


class FundingSource(models.TextChoices):
    PROVINCIAL_BUDGET = "provincial_budget", _("Provincial budget")
    CENTRAL_BUDGET = "central_budget", _("Central budget")
    PARTNER = "partner", _("Paid by the partner")
    ENTERPRISE = "enterprise", _("Enterprise funds")
    OTHER = "other", _("Other source")


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "XLSX"


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Being prepared")
    RUNNING = "running", _("Being written")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


PENDING_EXPORT_STATES = (ExportState.QUEUED, ExportState.RUNNING)
