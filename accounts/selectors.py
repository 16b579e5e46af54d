"""Reads of departments and users shared by the apps that write to them."""

from django.db.models import Prefetch

from .choices import DEPARTMENT_BOUND_ROLES
from .models import Department, User


def department_recipients_prefetch() -> Prefetch:
    """Prefetch a department's active staff and heads that have an e-mail address, for department_recipients."""
    users = User.objects.filter(is_active=True, role__in=DEPARTMENT_BOUND_ROLES).exclude(email="")
    return Prefetch("users", queryset=users)


def department_recipients(department: Department) -> list[str]:
    """Where mail to a department goes: its own address and its active users' (prefetched), sorted, no blanks."""
    addresses = {department.email, *(user.email for user in department.users.all())}
    return sorted(address for address in addresses if address)
