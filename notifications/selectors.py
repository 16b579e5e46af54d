"""Reads of notifications, each scoped to the one user they belong to."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from accounts.choices import DEPARTMENT_BOUND_ROLES
from accounts.models import User

from .models import Notification, NotificationPreference


def notifications_of(*, user) -> QuerySet[Notification]:
    """The user's own notifications, newest first; nobody reaches another's."""
    return Notification.objects.filter(recipient_id=user.pk)


def unread_count(*, user) -> int:
    """How many of the user's notifications are unread (one query)."""
    return notifications_of(user=user).filter(read_at__isnull=True).count()


def email_preferences(*, user) -> dict[str, bool]:
    """The user's e-mail choice per kind, for the kinds they changed (the others: e-mail on)."""
    return dict(NotificationPreference.objects.filter(user_id=user.pk).values_list("kind", "email"))


def department_members_prefetch(*, roles=DEPARTMENT_BOUND_ROLES, to_attr: str = "members") -> Prefetch:
    """Prefetch a department's active users of `roles` into `to_attr`: whom its notices reach."""
    return Prefetch("users", queryset=User.objects.filter(is_active=True, role__in=roles), to_attr=to_attr)


def department_members(department: Any) -> list[User]:
    """The members department_members_prefetch fetched (its `to_attr` is set on the department at run time)."""
    return department.members
