"""Who may do what with delegations: the one place that answers "can this user …?" for them.

- Specialists of the focal point and administrators manage every delegation.
- Department staff and heads see, record, edit and cancel the delegations of their own department.
- Leadership reads every delegation but changes none.
- A statistics reader (an outside system) reads aggregate statistics only, never a delegation or a
  person's name.
"""

from accounts.choices import Role
from accounts.permissions import has_role, reports_for_department

DELEGATION_MANAGER_ROLES = (Role.SPECIALIST, Role.ADMINISTRATOR)
DELEGATION_READ_ALL_ROLES = (*DELEGATION_MANAGER_ROLES, Role.LEADERSHIP)


def can_manage_all_delegations(user) -> bool:
    """Specialists and administrators record and change delegations of every department."""
    return has_role(user, *DELEGATION_MANAGER_ROLES, superuser_ok=True)


def can_read_all_delegations(user) -> bool:
    """Managers and leadership read every department's delegations."""
    return has_role(user, *DELEGATION_READ_ALL_ROLES, superuser_ok=True)


def is_department_member(user) -> bool:
    """Staff and heads work for one department and see only its delegations."""
    return reports_for_department(user)


def can_read_delegations(user) -> bool:
    """Everyone signed in except statistics readers opens delegation lists and pages."""
    return can_read_all_delegations(user) or is_department_member(user)


def can_create_delegations(user) -> bool:
    """Managers record delegations of any department, staff and heads those of their own."""
    return can_manage_all_delegations(user) or is_department_member(user)


def can_record_for_department(user, department_id) -> bool:
    """Whether the user may record or change a delegation hosted or sent by this department."""
    if can_manage_all_delegations(user):
        return True
    return is_department_member(user) and department_id == user.department_id


def can_change_delegation(user, delegation) -> bool:
    """Managers change any delegation; staff and heads only their own department's."""
    return can_record_for_department(user, delegation.department_id)


def can_read_delegation_stats(user) -> bool:
    """Every signed-in role, statistics readers included, reads the aggregate figures."""
    return can_read_delegations(user) or has_role(user, Role.STATISTICS_READER)


def can_read_person_names(user) -> bool:
    """Statistics readers never see who led or joined a delegation."""
    return can_read_delegations(user)
