from django.contrib.admin import AdminSite
from django.contrib.admin.apps import AdminConfig

from .permissions import may_use_admin_site


class PortalAdminSite(AdminSite):
    """The Django admin, open only to the roles that manage data (specialists, administrators)."""

    def has_permission(self, request):
        return may_use_admin_site(request.user)


class PortalAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.PortalAdminSite"
