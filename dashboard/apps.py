from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dashboard"
    verbose_name = _("Leadership dashboard")

    def ready(self):
        from .cache import connect_invalidation

        connect_invalidation()
