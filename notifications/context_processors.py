from functools import cached_property

from .selectors import unread_count


class UnreadNotifications:
    """The bell's count, queried once and only on pages that show it."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def count(self) -> int:
        return unread_count(user=self.user)


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": UnreadNotifications(user)}
