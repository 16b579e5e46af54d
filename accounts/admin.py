from django import forms
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Department, DepartmentSuccession, FocalPoint, User
from .selectors import departments_offered, focal_point_on
from .services import focal_point_check, focal_point_save


class SuccessionInline(admin.TabularInline):
    """A body's successions, read-only: plans.admin records them with the work they move."""

    model = DepartmentSuccession
    other_body = ""  # the field naming the body on the other side of the change
    extra = 0
    can_delete = False

    def get_fields(self, request, obj=None):
        return [self.other_body, "kind", "effective_date", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuccessorInline(SuccessionInline):
    fk_name, other_body = "predecessor", "successor"
    verbose_name, verbose_name_plural = _("later body"), _("later bodies (successors)")


class PredecessorInline(SuccessionInline):
    fk_name, other_body = "successor", "predecessor"
    verbose_name, verbose_name_plural = _("earlier body"), _("earlier bodies (predecessors)")


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "code", "kind", "valid_from", "valid_to", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "code"]
    ordering = ["sort_order", "name"]
    inlines = [PredecessorInline, SuccessorInline]


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

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "department" in form.base_fields:
            # New users join a body that exists today; a user keeps showing the body they have.
            form.base_fields["department"].queryset = departments_offered(keep=[obj.department_id if obj else None])
        return form

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


class FocalPointForm(forms.ModelForm):
    class Meta:
        model = FocalPoint
        fields = [
            "province_name", "body", "valid_from", "valid_to", "parent_body", "printed_name", "document_symbol",
            "place_name", "signer_authority", "signer_title", "signer_name", "recipients", "archive_note",
        ]  # fmt: skip

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        # A new term ends the open one when saved, so "one open term" is the service's to check then.
        if self.instance.pk is None:
            exclude.add("province_name")
        return exclude

    def _post_clean(self):
        super()._post_clean()
        if self.instance.valid_from and not self.errors:
            try:
                focal_point_check(focal_point=self.instance)
            except ValidationError as error:
                self.add_error(None, error)


@admin.register(FocalPoint)
class FocalPointAdmin(admin.ModelAdmin):
    """The focal point's terms. Moving the function is one new term: the open one ends the day before."""

    form = FocalPointForm
    list_display = ["printed_name", "body", "document_symbol", "signer_title", "valid_from", "valid_to"]
    autocomplete_fields = ["body"]
    fieldsets = [
        (None, {"fields": ["province_name", "body", "valid_from", "valid_to"]}),
        (_("Report header"), {"fields": ["parent_body", "printed_name", "document_symbol", "place_name"]}),
        (_("Signature and recipients"), {"fields": ["signer_authority", "signer_title", "signer_name"]}),
        (None, {"fields": ["recipients", "archive_note"]}),
    ]

    def get_changeform_initial_data(self, request):
        # A new term starts from what is printed today (or what the environment seeds): change what moved.
        current = focal_point_on(timezone.localdate())
        fields = ["province_name", "parent_body", "place_name", "signer_authority", "recipients", "archive_note"]
        return {**{name: getattr(current, name) for name in fields}, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        focal_point_save(focal_point=obj)
