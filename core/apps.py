from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Shared parts")

    def ready(self):
        from django.conf import settings
        from django.contrib.auth.signals import user_logged_in

        if not settings.PRODUCTION:
            # The embedded default keeps its SQLite database under var/, and WhiteNoise wants the
            # static root to exist; production mounts its own volumes (docker-compose.yml). Uploads
            # need nothing: the storage makes its folders when it writes.
            for folder in (settings.VAR_DIR, settings.STATIC_ROOT):
                folder.mkdir(parents=True, exist_ok=True)

        from .middleware import stamp_session_start

        user_logged_in.connect(stamp_session_start, dispatch_uid="core-session-start")
