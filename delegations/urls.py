from django.urls import path

from . import exports, import_views, stats_views, views

app_name = "delegations"

urlpatterns = [
    path("", views.DelegationListView.as_view(), name="delegation_list"),
    path("new/", views.DelegationCreateView.as_view(), name="delegation_create"),
    path("<int:pk>/", views.DelegationDetailView.as_view(), name="delegation_detail"),
    path("<int:pk>/edit/", views.DelegationUpdateView.as_view(), name="delegation_update"),
    path("<int:pk>/cancel/", views.DelegationCancelView.as_view(), name="delegation_cancel"),
    path("export/<str:file_format>/", exports.DelegationExportView.as_view(), name="delegation_export"),
    path("exports/<int:pk>/", exports.DelegationExportStatusView.as_view(), name="delegation_export_status"),
    path(
        "exports/<int:pk>/download/", exports.DelegationExportDownloadView.as_view(), name="delegation_export_download"
    ),
    path("import/", import_views.DelegationImportView.as_view(), name="delegation_import"),
    path("import/template.xlsx", import_views.ImportTemplateView.as_view(), name="delegation_import_template"),
    path("stats/", stats_views.DelegationStatsView.as_view(), name="delegation_stats"),
    path("stats/export/<str:file_format>/", exports.StatsExportView.as_view(), name="delegation_stats_export"),
]
