from django.contrib import admin
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


@admin.register(StandardArea)
class StandardAreaAdmin(admin.ModelAdmin):
    list_display = ["sort_order", "name", "code"]
    list_display_links = ["name"]
    search_fields = ["name", "code"]


class TaskAreaInline(admin.TabularInline):
    model = TaskArea
    extra = 0
    fields = ["position", "title", "standard_area"]


@admin.register(Plan)
class PlanAdmin(SimpleHistoryAdmin):
    list_display = ["document_number", "kind", "issuer", "issue_date", "title", "status"]
    list_filter = ["kind", "status", "issuer", "start_year"]
    search_fields = ["document_number", "title", "issuer"]
    date_hierarchy = "issue_date"
    inlines = [TaskAreaInline]


class TaskInline(admin.TabularInline):
    model = Task
    extra = 0
    fields = ["position", "content", "lead_department", "timing", "deadline"]
    autocomplete_fields = ["lead_department"]


@admin.register(TaskArea)
class TaskAreaAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "plan", "standard_area"]
    list_filter = ["standard_area", "plan"]
    search_fields = ["title", "plan__document_number"]
    list_select_related = ["plan", "standard_area"]
    inlines = [TaskInline]


class TaskTargetInline(admin.TabularInline):
    model = TaskTarget
    extra = 0


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "lead_department", "timing", "deadline"]
    list_filter = ["timing", "area__plan", "area__standard_area", "lead_department"]
    search_fields = ["content", "expected_output"]
    list_select_related = ["area", "lead_department"]
    autocomplete_fields = ["lead_department", "coordinating_departments"]
    inlines = [TaskTargetInline]


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
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
