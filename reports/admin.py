from django.contrib import admin

from .models import CompiledReport, OverdueNotice


@admin.register(CompiledReport)
class CompiledReportAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "state", "date_from", "date_to", "requested_by", "requested_at"]
    list_filter = ["state", "kind", "plan"]
    search_fields = ["title", "document_number"]
    date_hierarchy = "requested_at"
    list_select_related = ["requested_by", "plan"]
    readonly_fields = ["fingerprint", "requested_at", "started_at", "finished_at", "failure_reason"]
    exclude = ["content"]


@admin.register(OverdueNotice)
class OverdueNoticeAdmin(admin.ModelAdmin):
    list_display = ["subject", "object_id", "sent_at"]
    list_filter = ["subject"]
    readonly_fields = ["sent_at"]
