from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self):
        from plans.signals import department_succeeded

        from .services import delegations_follow_succession

        department_succeeded.connect(delegations_follow_succession, dispatch_uid="delegations_follow_succession")
