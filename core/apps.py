from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared parts")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import stamp_session_start

        user_logged_in.connect(stamp_session_start, dispatch_uid="core-session-start")
