from django import template
from django.utils.translation import gettext_lazy as _

from accounts.permissions import reports_for_department
from plans.choices import ProgressStatus, WorkflowState
from plans.workflow import EDITABLE_STATES

register = template.Library()

STATE_LABELS = dict(WorkflowState.choices)
STATUS_LABELS = dict(ProgressStatus.choices)
STATE_BADGES = {
    WorkflowState.DRAFT: "text-bg-secondary",
    WorkflowState.SUBMITTED: "text-bg-primary",
    WorkflowState.APPROVED: "text-bg-info",
    WorkflowState.ACCEPTED: "text-bg-success",
    WorkflowState.RETURNED: "text-bg-warning",
}


@register.filter
def state_label(state):
    """The workflow state's label; an entry that does not exist yet is "not reported"."""
    return STATE_LABELS.get(state, _("Not reported"))


@register.filter
def state_badge(state):
    return STATE_BADGES.get(state, "text-bg-light border")


@register.filter
def status_label(status):
    return STATUS_LABELS.get(status, "")


@register.filter
def may_report(user, state):
    """Whether the user's department may still fill in an entry standing in this state (None: not started)."""
    return reports_for_department(user) and (state is None or state in EDITABLE_STATES)


STEP_LABELS = {
    "save": _("Saved"),
    "unchanged": _("Confirmed unchanged from the previous period"),
    "submit": _("Submitted"),
    "approve": _("Approved by the head"),
    "accept": _("Accepted"),
    "return": _("Returned"),
    "attach": _("File attached"),
    "detach": _("File removed"),
}


@register.filter
def step_label(reason):
    """The label of the workflow step a history record was written for."""
    return STEP_LABELS.get(reason, reason or "")
