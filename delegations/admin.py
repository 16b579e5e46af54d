from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Delegation, DelegationCountry


class DelegationCountryInline(admin.TabularInline):
    model = DelegationCountry
    extra = 1


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["reference", "title", "direction", "department", "member_count", "start_date", "end_date", "status"]
    list_filter = ["direction", "status", "funding_source", "partner_kind", "countries__country", "department"]
    search_fields = ["reference", "title", "purpose", "leader_name", "partner"]
    date_hierarchy = "start_date"
    list_select_related = ["department"]
    autocomplete_fields = ["department", "related_tasks"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [DelegationCountryInline]
