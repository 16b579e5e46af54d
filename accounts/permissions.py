"""What each role may do: the one place that answers "can this user …?" questions."""

from .choices import Role

# Roles that look after plans, areas, tasks and periods for the whole province.
PLAN_MANAGER_ROLES = (Role.SPECIALIST, Role.ADMINISTRATOR)


def can_manage_plans(user) -> bool:
    """Specialists of the Department of Foreign Affairs and administrators manage plans."""
    return user.is_authenticated and (user.is_superuser or user.role in PLAN_MANAGER_ROLES)
