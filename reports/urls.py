from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.ReportListView.as_view(), name="report_list"),
    path("<int:pk>/", views.ReportPreviewView.as_view(), name="report_preview"),
    path("<int:pk>/again/", views.ReportAgainView.as_view(), name="report_again"),
    path("<int:pk>/draft/", views.ReportDraftView.as_view(), name="report_draft"),
    path("<int:pk>/<str:file_type>/", views.ReportDownloadView.as_view(), name="report_download"),
]
