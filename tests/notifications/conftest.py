"""The plans' small province (three departments, one task, every role), for notifications."""

import pytest

from notifications.models import Notification
from tests.plans.conftest import login, media_root, world  # noqa: F401 - fixtures shared with plans' tests


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://doingoai.example.vn"
    return settings.SITE_URL


def notified(kind: str | None = None) -> set[str]:
    """Usernames holding a notification (of a kind)."""
    notices = Notification.objects.filter(kind=kind) if kind else Notification.objects.all()
    return set(notices.values_list("recipient__username", flat=True))


def mailed(outbox) -> set[str]:
    """Every address the e-mails went to."""
    return {address for message in outbox for address in message.to}
