from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    PLAN = "KH", _("Plan")
    PROGRAMME = "CTr", _("Programme")
    SCHEME = "ĐA", _("Scheme")
    DIRECTIVE = "CT", _("Directive")
    RESOLUTION = "NQ", _("Resolution")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    IN_FORCE = "in_force", _("In force")
    CLOSED = "closed", _("Closed")
    REPLACED = "replaced", _("Replaced")


class TaskRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    COORDINATING = "coordinating", _("Coordinating")


class TaskTiming(models.TextChoices):
    DEADLINE = "deadline", _("By a deadline")
    CONTINUOUS = "continuous", _("Continuous")
    YEARLY = "yearly", _("Yearly")
    QUARTERLY = "quarterly", _("Quarterly")
    MONTHLY = "monthly", _("Monthly")


class PeriodKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SIX_MONTHLY = "six_monthly", _("Six-monthly")
    NINE_MONTHLY = "nine_monthly", _("Nine-monthly")
    YEARLY = "yearly", _("Yearly")
    AD_HOC = "ad_hoc", _("Ad hoc")


class ProgressStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    COMPLETED_LATE = "completed_late", _("Completed late")
    BEHIND = "behind", _("Behind schedule")
    NOT_DONE = "not_done", _("Not carried out")


# A completed task is fully done; the percent must say so.
COMPLETED_STATUSES = (ProgressStatus.COMPLETED, ProgressStatus.COMPLETED_LATE)


class WorkflowState(models.TextChoices):
    # A progress draft is a "bản nháp", not a plan's "dự thảo": the context keeps them apart.
    DRAFT = "draft", pgettext_lazy("progress entry", "Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved by the head")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class TaskStanding(models.TextChoices):
    """Where a task stands, from its latest progress entry and its deadline (plans.selectors.task_standing)."""

    COMPLETED = "completed", _("Completed")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind schedule")
    OVERDUE = "overdue", _("Overdue")


# Reported statuses that put a task behind schedule even before its deadline has passed.
BEHIND_STATUSES = (ProgressStatus.BEHIND, ProgressStatus.NOT_DONE)


class ReportTimeliness(models.TextChoices):
    """How a department's entry for a period came in, judged by TaskProgress.submitted_at and the deadline."""

    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSING = "missing", _("Missing")
