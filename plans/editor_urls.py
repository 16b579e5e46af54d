"""URLs of plans/editor_views.py, appended to plans/urls.py (app "plans")."""

from django.urls import path

from . import editor_views

editor_urlpatterns = [
    path("plans/<int:pk>/tasks.xlsx", editor_views.PlanWorkbookView.as_view(), name="plan_workbook"),
    path("plans/template.xlsx", editor_views.PlanWorkbookView.as_view(), name="plan_template"),
    path("plans/<int:pk>/import/", editor_views.PlanImportView.as_view(), name="plan_import"),
    path("plans/<int:pk>/copy/", editor_views.PlanCopyView.as_view(), name="plan_copy"),
    path("plans/<int:pk>/status/", editor_views.PlanStatusView.as_view(), name="plan_status"),
]
