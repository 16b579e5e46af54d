"""Delegation predicates for templates (menus), so that templates never compare role names."""

from django import template

from delegations import permissions

register = template.Library()


@register.filter
def reads_delegations(user) -> bool:
    return permissions.can_read_delegations(user)
