from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .models import Department, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "valid_from", "valid_to", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["sort_order", "name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "get_full_name", "role", "department", "is_active"]
    list_filter = ["role", "department", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email"]
    list_select_related = ["department"]
    fieldsets = DjangoUserAdmin.fieldsets + ((_("Portal role"), {"fields": ("role", "department", "position")}),)
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("Portal role"), {"fields": ("role", "department", "position")}),
    )

    def get_queryset(self, request):
        # A read-only is_superuser field does not guard the password, delete or deactivate pages:
        # a superuser's account is simply out of an administrator's reach (404).
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def _reachable_or_404(self, request, object_id) -> None:
        # Django's admin redirects to its index on an object outside the queryset; say 404 as the
        # password page does, so that a superuser's pages all answer alike.
        if not self.get_queryset(request).filter(pk=unquote(object_id)).exists():
            raise Http404

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._reachable_or_404(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._reachable_or_404(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._reachable_or_404(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        # An administrator manages users and roles; only a superuser hands out superuser rights or
        # raw permissions, so that the role stays the one source of what a user may do.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "is_superuser", "groups", "user_permissions"]
