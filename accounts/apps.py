from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Users and departments")


class PortalAdminConfig(admin_apps.AdminConfig):
    """The Django admin with a site that lets roles, not the is_staff flag, decide who enters."""

    default = False  # named in INSTALLED_APPS in place of django.contrib.admin; AccountsConfig stays the default

    default_site = "accounts.admin_site.PortalAdminSite"
