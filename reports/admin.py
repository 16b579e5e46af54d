from django.contrib import admin

from .models import CompiledReport


@admin.register(CompiledReport)
class CompiledReportAdmin(admin.ModelAdmin):
    list_display = ["title", "version", "state", "date_from", "date_to", "requested_by", "requested_at"]
    list_filter = ["state", "kind", "plan"]
    search_fields = ["title", "document_number"]
    date_hierarchy = "requested_at"
    list_select_related = ["requested_by", "plan"]
    readonly_fields = ["requested_at", "started_at", "finished_at", "failure_reason"]
