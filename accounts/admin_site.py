from django.contrib.admin import AdminSite
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .permissions import may_use_admin_site


class PortalAdminAuthenticationForm(AdminAuthenticationForm):
    """Let in whom the role allows, whatever the is_staff flag says (roles decide everything)."""

    def confirm_login_allowed(self, user):
        AuthenticationForm.confirm_login_allowed(self, user)  # inactive users stay out
        if not may_use_admin_site(user):
            raise ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"username": self.username_field.verbose_name},
            )


class PortalAdminSite(AdminSite):
    """The Django admin, open only to the roles that manage data (specialists, administrators)."""

    login_form = PortalAdminAuthenticationForm

    def has_permission(self, request):
        return may_use_admin_site(request.user)
