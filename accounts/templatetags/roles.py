"""Role predicates for templates (menus), so that templates never restate a rule."""

from django import template

from accounts import permissions

register = template.Library()


@register.filter
def may_use_admin_site(user) -> bool:
    return permissions.may_use_admin_site(user)


@register.filter
def reads_all_progress(user) -> bool:
    return permissions.reads_all_progress(user)


@register.filter
def sees_plans(user) -> bool:
    return permissions.sees_plans(user)


@register.filter
def can_manage_plans(user) -> bool:
    return permissions.can_manage_plans(user)
