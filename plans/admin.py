from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts.admin import DepartmentAdmin
from accounts.choices import DepartmentKind, SuccessionKind
from accounts.models import Department, DepartmentSuccession
from accounts.selectors import departments_offered
from core.forms import DateInput

from .models import (
    Plan,
    ProgressAttachment,
    ProgressTargetValue,
    ReportingPeriod,
    StandardArea,
    Task,
    TaskArea,
    TaskProgress,
    TaskTarget,
)
from .services import (
    PlanPartInUse,
    department_succession_record,
    plan_part_delete,
    plan_part_save,
    task_departments_check,
)


@admin.register(StandardArea)
class StandardAreaAdmin(admin.ModelAdmin):
    list_display = ["sort_order", "name", "code"]
    list_display_links = ["name"]
    search_fields = ["name", "code"]


class CheckedFile:
    """A stored file as the file widget shows it, its link going to a view that checks the reader."""

    def __init__(self, file, url: str):
        self.file = file
        self.url = url

    def __str__(self) -> str:
        return str(self.file)


class CheckedFileInput(forms.ClearableFileInput):
    """The admin's file input, with "Currently:" linking to a download view instead of MEDIA_URL."""

    def __init__(self, *args, url: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.url = url

    def format_value(self, value):
        value = super().format_value(value)
        return CheckedFile(value, self.url) if value else value


class ThroughServicesAdmin(SimpleHistoryAdmin):
    """Saves and deletes a plan's parts through plans.services, like the API, so each rule lives once.

    The form has already shown the model's own errors; the service checks them again (and a task's
    departments) inside its transaction. Inline rows are parts too and go the same way.
    """

    def save_model(self, request, obj, form, change):
        # A task's new coordinating departments, not its old ones, are what the lead is checked against.
        coordinating = form.cleaned_data.get("coordinating_departments") if isinstance(obj, Task) else None
        plan_part_save(instance=obj, by=request.user, coordinating=coordinating)

    def delete_model(self, request, obj):
        try:
            plan_part_delete(instance=obj, by=request.user)
        except PlanPartInUse as error:
            self.message_user(request, " ".join(error.messages), level=messages.ERROR)

    def save_formset(self, request, form, formset, change):
        changed = formset.save(commit=False)  # also lists the rows marked for deletion
        for obj in formset.deleted_objects:
            plan_part_delete(instance=obj, by=request.user)
        for obj in changed:
            plan_part_save(instance=obj, by=request.user)
        formset.save_m2m()


class TaskAreaInline(admin.TabularInline):
    model = TaskArea
    extra = 0
    fields = ["position", "title", "standard_area"]


@admin.register(Plan)
class PlanAdmin(ThroughServicesAdmin):
    list_display = ["document_number", "kind", "issuer_name", "issue_date", "title", "period_label", "status"]
    list_display += ["in_force_from", "in_force_to"]
    list_filter = ["kind", "status", "issuing_body", "start_year"]
    search_fields = ["document_number", "title", "issuer", "issuing_body__name"]
    autocomplete_fields = ["issuing_body", "replaced_by"]
    date_hierarchy = "issue_date"
    inlines = [TaskAreaInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None and obj.signed_document:
            # The widget's own link points under MEDIA_URL, which nothing serves: use the checked view.
            url = reverse("plans:plan_document", args=[obj.pk])
            form.base_fields["signed_document"].widget = CheckedFileInput(url=url)
        return form


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["position", "content", "lead_department", "timing", "deadline"]
    autocomplete_fields = ["lead_department"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # New tasks get bodies that exist today; the area's tasks keep the bodies they have.
        kept = obj.tasks.values_list("lead_department", flat=True) if obj is not None else []
        formset.form.base_fields["lead_department"].queryset = departments_offered(keep=kept)
        return formset


@admin.register(TaskArea)
class TaskAreaAdmin(ThroughServicesAdmin):
    list_display = ["__str__", "plan", "standard_area"]
    list_filter = ["standard_area", "plan"]
    search_fields = ["title", "plan__document_number"]
    list_select_related = ["plan", "standard_area"]
    inlines = [TaskInline]


class TaskTargetInline(admin.TabularInline):
    model = TaskTarget
    extra = 0


class TaskAdminForm(forms.ModelForm):
    """The task form of the admin (its model and fields come from TaskAdmin)."""

    def clean(self):
        cleaned = super().clean()
        try:
            task_departments_check(
                lead=cleaned.get("lead_department"), coordinating=cleaned.get("coordinating_departments") or []
            )
        except ValidationError as error:
            self.add_error(None, error)
        return cleaned


@admin.register(Task)
class TaskAdmin(ThroughServicesAdmin):
    form = TaskAdminForm
    list_display = ["__str__", "lead_department", "timing", "deadline"]
    list_filter = ["timing", "area__plan", "area__standard_area", "lead_department"]
    search_fields = ["content", "expected_output"]
    list_select_related = ["area", "lead_department"]
    autocomplete_fields = ["lead_department", "coordinating_departments"]
    inlines = [TaskTargetInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # New tasks get bodies that exist today; a task keeps the (perhaps ended) bodies it has.
        kept = [obj.lead_department_id, *obj.coordinating_departments.values_list("pk", flat=True)] if obj else []
        for name in ("lead_department", "coordinating_departments"):
            form.base_fields[name].queryset = departments_offered(keep=kept)
        return form


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(ThroughServicesAdmin):
    list_display = ["name", "kind", "year", "start_date", "end_date", "deadline"]
    list_filter = ["kind", "year"]
    search_fields = ["name"]
    date_hierarchy = "end_date"


class ProgressTargetValueInline(admin.TabularInline):
    model = ProgressTargetValue
    extra = 0


class ProgressAttachmentInline(admin.TabularInline):
    model = ProgressAttachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(TaskProgress)
class TaskProgressAdmin(SimpleHistoryAdmin):
    list_display = ["task", "department", "period", "status", "percent_done", "state", "updated_at"]
    list_filter = ["state", "status", "period", "department"]
    search_fields = ["task__content", "results", "difficulties", "proposals"]
    list_select_related = ["task__area", "department", "period"]
    readonly_fields = ["version", "submitted_at", "accepted_at", "updated_by"]
    inlines = [ProgressTargetValueInline, ProgressAttachmentInline]


# --- Bodies over time: a merger, split or renaming in a few clicks ----------------------------------


class DepartmentSuccessionForm(forms.Form):
    """What changed, from when, and which body takes over: an existing one or a new one named here."""

    kind = forms.ChoiceField(label=_("kind of change"), choices=SuccessionKind.choices)
    effective_date = forms.DateField(
        label=_("effective from"), widget=DateInput(), help_text=_("The first day the later body does the work.")
    )
    legal_basis = forms.CharField(
        label=_("legal basis"), max_length=255, required=False, help_text=_("e.g. Nghị quyết số 05/NQ-HĐND.")
    )
    successor = forms.ModelChoiceField(
        label=_("existing body that takes over"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("It receives the open tasks and the users. Leave empty to create a new body below."),
    )
    new_name = forms.CharField(label=_("name of the new body"), max_length=255, required=False)
    new_short_name = forms.CharField(label=_("short name of the new body"), max_length=50, required=False)
    new_code = forms.SlugField(label=_("code of the new body"), max_length=30, required=False)
    new_kind = forms.ChoiceField(
        label=_("kind of the new body"), choices=DepartmentKind.choices, initial=DepartmentKind.PROVINCIAL_AGENCY
    )
    other_successors = forms.ModelMultipleChoiceField(
        label=_("other bodies of a split"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Only for a split: they take part of the work, handed over by hand."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("successor", "other_successors"):
            self.fields[name].queryset = departments_offered()

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("successor")) == bool(cleaned.get("new_name")):
            raise ValidationError(_("Choose the existing body that takes over, or name a new one — not both."))
        if cleaned.get("new_name") and not cleaned.get("new_code"):
            self.add_error("new_code", _("A new body needs its code."))
        return cleaned

    def successor_body(self) -> Department:
        """The chosen body, or the new one (not saved: the service creates it, starting on the effective date)."""
        data = self.cleaned_data
        if data["successor"]:
            return data["successor"]
        return Department(
            name=data["new_name"], short_name=data["new_short_name"], code=data["new_code"], kind=data["new_kind"]
        )


class DepartmentWithSuccessionAdmin(DepartmentAdmin):
    """The register of bodies, with the action that records a merger, split or renaming.

    Registered here rather than in accounts because the change moves plan tasks (plans.services).
    """

    actions = ["record_succession"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path == reverse("admin:autocomplete") and request.GET.get("app_label") == "plans":
            # A task's department is chosen among the bodies that exist today (the delegations' admin,
            # where past trips are entered, still finds every body).
            queryset = queryset.filter(pk__in=departments_offered().values("pk"))
        return queryset, may_have_duplicates

    @admin.action(description=_("Merge / split / rename…"), permissions=["change"])
    def record_succession(self, request, queryset):
        predecessors = list(queryset.order_by("pk"))
        form = DepartmentSuccessionForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            try:
                successions = department_succession_record(
                    predecessors=predecessors,
                    successor=form.successor_body(),
                    kind=form.cleaned_data["kind"],
                    effective_date=form.cleaned_data["effective_date"],
                    legal_basis=form.cleaned_data["legal_basis"],
                    other_successors=form.cleaned_data["other_successors"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                message = ngettext(
                    "%(count)d succession recorded; open tasks and users moved to %(body)s.",
                    "%(count)d successions recorded; open tasks and users moved to %(body)s.",
                    len(successions),
                )
                self.message_user(request, message % {"count": len(successions), "body": successions[0].successor})
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Merge, split or rename bodies"),
            "opts": self.model._meta,
            "form": form,
            "predecessors": predecessors,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/department/succession.html", context)


admin.site.unregister(Department)
admin.site.register(Department, DepartmentWithSuccessionAdmin)


@admin.register(DepartmentSuccession)
class DepartmentSuccessionAdmin(admin.ModelAdmin):
    """Successions are recorded only through the action above, which moves the work with them: read-only."""

    list_display = ["predecessor", "kind", "successor", "effective_date", "legal_basis"]
    list_filter = ["kind", "effective_date"]
    search_fields = ["predecessor__name", "successor__name", "legal_basis"]
    list_select_related = ["predecessor", "successor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
