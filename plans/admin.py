from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

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
from .services import PlanPartInUse, plan_part_delete, plan_part_save, task_departments_check


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
    list_display = ["document_number", "kind", "issuer", "issue_date", "title", "status"]
    list_filter = ["kind", "status", "issuer", "start_year"]
    search_fields = ["document_number", "title", "issuer"]
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
