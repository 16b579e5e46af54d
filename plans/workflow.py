"""The progress workflow: which step leads from which state to which, and who may take it.

draft ──submit──▶ submitted ──approve──▶ approved ──accept──▶ accepted
  ▲                   │                     │
  └─────(edit)── returned ◀────return───────┘   (return also from submitted)

Staff and heads edit and submit their own department's entries while they are draft or returned;
the head approves a submitted entry or returns it to the staff with a comment; a specialist of the
focal point accepts approved entries or returns submitted or approved ones with a comment.
Leadership and administrators read only.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .choices import WorkflowState
from .permissions import (
    EDITABLE_STATES,
    may_approve_progress,
    may_edit_progress,
    may_return_progress,
    may_review_progress,
    may_submit_progress,
)

__all__ = ["EDITABLE_STATES", "NOT_SENT_STATES", "TRANSITIONS", "may_edit_progress", "may_take", "steps_open_to"]

# States in which the department has not yet sent anything that counts (reminders, overdue badges).
NOT_SENT_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)


@dataclass(frozen=True)
class Transition:
    name: str
    label: str | Promise
    sources: tuple[str, ...]
    target: str
    allowed: Callable  # a plans.permissions predicate (user, progress) -> bool, on top of the source state
    needs_comment: bool = False


TRANSITIONS = {
    "submit": Transition(
        "submit",
        _("Submit"),
        EDITABLE_STATES,
        WorkflowState.SUBMITTED,
        may_submit_progress,
    ),
    "approve": Transition(
        "approve",
        _("Approve and send"),
        (WorkflowState.SUBMITTED,),
        WorkflowState.APPROVED,
        may_approve_progress,
    ),
    "accept": Transition(
        "accept",
        _("Accept"),
        (WorkflowState.APPROVED,),
        WorkflowState.ACCEPTED,
        may_review_progress,
    ),
    "return": Transition(
        "return",
        _("Return"),
        (WorkflowState.SUBMITTED, WorkflowState.APPROVED),
        WorkflowState.RETURNED,
        may_return_progress,
        needs_comment=True,
    ),
}


def may_take(user, progress, name: str) -> bool:
    """Whether the user may take the named step on this entry now."""
    transition = TRANSITIONS[name]
    return progress.state in transition.sources and bool(transition.allowed(user, progress))


def steps_open_to(user, progress) -> list[Transition]:
    """The steps the user may take on this entry now, in workflow order."""
    return [transition for name, transition in TRANSITIONS.items() if may_take(user, progress, name)]
