from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo province: its data under data/, its loader and the load_demo_data command."""

    name = "demo"
    verbose_name = _("Demo data")
