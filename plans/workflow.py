"""The progress workflow: which step leads from which state to which, and who may take it.

draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted
  ▲                   │                     │
  └─────(edit)── returned ◀────return───────┘   (return also from submitted)

Staff and heads edit and submit their own department's entries while they are draft or returned;
the head approves; a specialist of the focal point accepts approved entries or returns submitted or
approved ones with a comment. Leadership and administrators read only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.permissions import is_department_head, is_reviewer, reports_for_department

from .choices import WorkflowState

EDITABLE_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)
# States in which the department has not yet sent anything that counts (reminders, overdue badges).
NOT_SENT_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)


def _own_department(user, progress) -> bool:
    return progress.department_id == user.department_id


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str
    allowed: Callable  # (user, progress) -> bool, on top of the source state
    needs_comment: bool = False


TRANSITIONS = {
    "submit": Transition(
        "submit",
        _("Submit"),
        EDITABLE_STATES,
        WorkflowState.SUBMITTED,
        lambda user, progress: reports_for_department(user) and _own_department(user, progress),
    ),
    "approve": Transition(
        "approve",
        _("Approve and send"),
        (WorkflowState.SUBMITTED,),
        WorkflowState.APPROVED,
        lambda user, progress: is_department_head(user) and _own_department(user, progress),
    ),
    "accept": Transition(
        "accept",
        _("Accept"),
        (WorkflowState.APPROVED,),
        WorkflowState.ACCEPTED,
        lambda user, progress: is_reviewer(user),
    ),
    "return": Transition(
        "return",
        _("Return"),
        (WorkflowState.SUBMITTED, WorkflowState.APPROVED),
        WorkflowState.RETURNED,
        lambda user, progress: is_reviewer(user),
        needs_comment=True,
    ),
}


def may_edit_progress(user, progress) -> bool:
    """Staff and heads change their own department's entry while it is a draft or returned."""
    return reports_for_department(user) and _own_department(user, progress) and progress.state in EDITABLE_STATES


def may_take(user, progress, name: str) -> bool:
    """Whether the user may take the named step on this entry now."""
    transition = TRANSITIONS[name]
    return progress.state in transition.sources and bool(transition.allowed(user, progress))


def steps_open_to(user, progress) -> list[Transition]:
    """The steps the user may take on this entry now, in workflow order."""
    return [transition for name, transition in TRANSITIONS.items() if may_take(user, progress, name)]
