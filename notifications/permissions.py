"""Which kinds of notification concern a user, on accounts' role predicates."""

from accounts.choices import Role
from accounts.permissions import PLAN_MANAGER_ROLES, has_role, reports_for_department

from .choices import DEPARTMENT_KINDS, EXPORT_KINDS, REPORT_KINDS


def kinds_for(user) -> tuple[str, ...]:
    """The kinds a user may receive, in the order the preferences page lists them."""
    kinds: tuple[str, ...] = ()
    if reports_for_department(user):
        kinds += DEPARTMENT_KINDS
    if has_role(user, *PLAN_MANAGER_ROLES, superuser_ok=True):
        kinds += REPORT_KINDS
    # Those who read delegations may export them (delegations.permissions.can_read_delegations).
    if reports_for_department(user) or has_role(user, *PLAN_MANAGER_ROLES, Role.LEADERSHIP, superuser_ok=True):
        kinds += EXPORT_KINDS
    return kinds
