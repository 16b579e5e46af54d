"""The one write path of notifications: send them, mark them read, keep each user's e-mail choices."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User

from .choices import NotificationKind
from .models import Notification, NotificationPreference
from .selectors import notifications_of
from .texts import notification_text


@transaction.atomic
def notification_send(
    *,
    recipients: Iterable[User],
    kind: str,
    params: dict | None = None,
    link: str = "",
    extra_emails: Iterable[str] = (),
) -> list[Notification]:
    """Notify each active recipient in the portal now and by e-mail after the commit; return the notices.

    The e-mail goes to recipients whose preference for `kind` allows it and to `extra_emails`
    (addresses that are nobody's account, such as a department's own mailbox), with an absolute
    link to `link` (a path of this site). It is sent after the commit, robustly: a mail server that
    is down is logged and never undoes the change that caused the notice.
    Raises ValidationError on an unknown kind or a link that is not a path of this site.
    """
    # Every notice of one call is the same but for its recipient: check one, even when nobody gets it.
    Notification(kind=kind, params=params or {}, link=link).full_clean(exclude=["recipient"])
    users = {user.pk: user for user in recipients if user is not None and user.is_active}
    notices = [Notification(recipient_id=pk, kind=kind, params=params or {}, link=link) for pk in sorted(users)]
    Notification.objects.bulk_create(notices)
    addresses = _email_addresses(list(users.values()), kind) | {address for address in extra_emails if address}
    if addresses:
        # A function, not a functools.partial: Django names the callback (__qualname__) when it fails.
        def email_send() -> None:
            _email_send(kind=kind, params=params or {}, link=link, addresses=sorted(addresses))

        transaction.on_commit(email_send, robust=True)
    return notices


def _email_addresses(users: list[User], kind: str) -> set[str]:
    """The addresses of the users who did not turn e-mail off for the kind (one query)."""
    if not users:
        return set()
    refused = NotificationPreference.objects.filter(user__in=[user.pk for user in users], kind=kind, email=False)
    refusing = set(refused.values_list("user_id", flat=True))
    return {user.email for user in users if user.email and user.pk not in refusing}


def _email_send(*, kind: str, params: dict, link: str, addresses: list[str]) -> None:
    """Send one notice's e-mail in the portal's language, with the absolute link to its object."""
    with translation.override(settings.LANGUAGE_CODE):
        title, body = notification_text(kind, params)
        if link:
            opening = _("Open it in the portal: %(url)s") % {"url": settings.SITE_URL.rstrip("/") + link}
            body = f"{body}\n\n{opening}"
    # Subjects are one line: a task's text may hold line breaks.
    subject = " ".join(title.split())[:200]
    get_connection().send_messages([EmailMessage(subject=subject, body=body, to=addresses)])


@transaction.atomic
def notification_mark_read(*, notification: Notification, by: User) -> Notification:
    """Mark one of the user's own notifications read (again: no change). Raises Notification.DoesNotExist otherwise."""
    notice = notifications_of(user=by).select_for_update().get(pk=notification.pk)
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice


def notification_mark_all_read(*, by: User) -> int:
    """Mark every unread notification of the user read; return how many."""
    return notifications_of(user=by).filter(read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def notification_preferences_save(*, user: User, email_by_kind: dict[str, bool]) -> None:
    """Store the user's e-mail choice for each kind given. Raises ValidationError on an unknown kind."""
    unknown = set(email_by_kind) - set(NotificationKind.values)
    if unknown:
        raise ValidationError(_("Unknown kind of notification."))
    for kind, email in email_by_kind.items():
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": bool(email)})
