from django import template

from dashboard.permissions import can_open_dashboard

register = template.Library()


@register.filter
def opens_dashboard(user) -> bool:
    """Whether the nav shows the leadership dashboard to this user."""
    return can_open_dashboard(user)
