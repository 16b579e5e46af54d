from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Department, User


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "is_focal_point", "is_active"]
    list_filter = ["kind", "is_focal_point", "is_active"]
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

    def get_readonly_fields(self, request, obj=None):
        # An administrator manages users and roles; only a superuser hands out superuser rights or
        # raw permissions, so that the role stays the one source of what a user may do.
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "is_superuser", "groups", "user_permissions"]
