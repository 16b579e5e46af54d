from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import NotificationKind
from .texts import notification_text

KNOWN_KIND = Q(kind__in=NotificationKind.values)
# A path on this site: never another host ("//host/…") or a scheme ("https:…").
SITE_PATH = Q(link="") | (Q(link__startswith="/") & ~Q(link__startswith="//"))


class Notification(models.Model):
    """Something a user should know about, kept as its kind and parameters.

    The text is written when it is read (`texts.notification_text`), so it follows the reader's
    language; the link is the path of the object, computed when the notice is created.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_recent"),
            # The bell counts a user's unread notices on every page.
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]
        constraints = [
            models.CheckConstraint(condition=KNOWN_KIND, name="notification_known_kind"),
            models.CheckConstraint(
                condition=SITE_PATH,
                name="notification_link_on_site",
                violation_error_message=_("A notification links to a page of this portal."),
            ),
            models.CheckConstraint(
                condition=Q(read_at__isnull=True) | Q(read_at__gte=models.F("created_at")),
                name="notification_read_after_created",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return notification_text(self.kind, self.params)[0]

    @property
    def body(self) -> str:
        return notification_text(self.kind, self.params)[1]

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """Whether a user wants e-mail for one kind of notification; without a row, they do."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=40, choices=NotificationKind.choices)
    email = models.BooleanField(_("by e-mail"), default=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_once_per_kind",
                violation_error_message=_("This user already has a preference for this kind."),
            ),
            models.CheckConstraint(condition=KNOWN_KIND, name="notification_preference_known_kind"),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_kind_display()}"
