"""The bodies' register read from the database, for the plan reader."""

from accounts.models import Department

from .departments import Body, Register


def department_register() -> Register:
    rows = Department.objects.order_by("-is_active", "sort_order", "name").values_list(
        "id", "name", "short_name", "code", "kind"
    )
    return Register([Body(*row) for row in rows])
