from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Delegations")

    def ready(self):
        from django.db.models.signals import post_delete, post_save, pre_save

        from plans.signals import department_succeeded

        from . import rollup
        from .models import Delegation, DelegationCountry
        from .services import delegations_follow_succession

        department_succeeded.connect(delegations_follow_succession, dispatch_uid="delegations_follow_succession")
        # Every save and delete keeps the statistics rollup exact in its own transaction (see rollup.py).
        pre_save.connect(rollup.delegation_saving, sender=Delegation, dispatch_uid="rollup_delegation_saving")
        post_save.connect(rollup.delegation_saved, sender=Delegation, dispatch_uid="rollup_delegation_saved")
        post_delete.connect(rollup.delegation_deleted, sender=Delegation, dispatch_uid="rollup_delegation_deleted")
        post_save.connect(rollup.country_changed, sender=DelegationCountry, dispatch_uid="rollup_country_saved")
        post_delete.connect(rollup.country_changed, sender=DelegationCountry, dispatch_uid="rollup_country_deleted")
