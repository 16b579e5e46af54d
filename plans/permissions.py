"""Who may do what with plans and progress: the one place that answers it for the plans app.

Built on the role predicates of accounts/permissions.py (which check that the user is active).
Rows a user may see at all are the selectors' business (plans/selectors.py).
"""

from accounts.permissions import can_manage_plans, is_department_head, is_reviewer, reports_for_department, sees_plans

from .choices import WorkflowState

EDITABLE_STATES = (WorkflowState.DRAFT, WorkflowState.RETURNED)


def may_read_plans(user) -> bool:
    """Every role but the statistics reader opens plans, tasks and progress (within its reach)."""
    return sees_plans(user)


def may_manage_plans(user) -> bool:
    """Specialists and administrators create and change plans, areas, tasks and periods."""
    return can_manage_plans(user)


def _own_department(user, progress) -> bool:
    return progress.department_id == user.department_id


def may_edit_progress(user, progress) -> bool:
    """Staff and heads change their own department's entry while it is a draft or returned."""
    return reports_for_department(user) and _own_department(user, progress) and progress.state in EDITABLE_STATES


def may_submit_progress(user, progress) -> bool:
    """Staff and heads send their own department's entry on."""
    return reports_for_department(user) and _own_department(user, progress)


def may_approve_progress(user, progress) -> bool:
    """The head of the entry's department approves it for the focal point."""
    return is_department_head(user) and _own_department(user, progress)


def may_review_progress(user, progress) -> bool:
    """Specialists of the focal point accept or return any department's entry."""
    return is_reviewer(user)


def may_return_progress(user, progress) -> bool:
    """The focal point returns what reached it; a head returns what their own staff submitted to them."""
    if is_reviewer(user):
        return True
    return may_approve_progress(user, progress) and progress.state == WorkflowState.SUBMITTED
