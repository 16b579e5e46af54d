from django.urls import path

from . import views
from .editor_urls import editor_urlpatterns

app_name = "plans"

urlpatterns = [
    path("plans/new/", views.PlanEditView.as_view(), name="plan_create"),
    path("plans/<int:pk>/edit/", views.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/document/", views.PlanDocumentDownloadView.as_view(), name="plan_document"),
    path("my-work/", views.MyWorkView.as_view(), name="my_work"),
    path("tasks/<int:pk>/", views.TaskDetailView.as_view(), name="task_detail"),
    path(
        "tasks/<int:task_pk>/periods/<int:period_pk>/progress/",
        views.ProgressEditView.as_view(),
        name="progress_edit",
    ),
    path(
        "tasks/<int:task_pk>/periods/<int:period_pk>/unchanged/",
        views.ProgressUnchangedView.as_view(),
        name="progress_unchanged",
    ),
    path("tasks/<int:task_pk>/progress/", views.ProgressPeriodChoiceView.as_view(), name="progress_choose"),
    path("progress/<int:pk>/<slug:step>/", views.ProgressStepView.as_view(), name="progress_step"),
    path("attachments/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("attachments/<int:pk>/delete/", views.AttachmentDeleteView.as_view(), name="attachment_delete"),
    path("review/", views.ReviewView.as_view(), name="review"),
    path("review/rates/", views.ReportingRatesView.as_view(), name="reporting_rates"),
    path("review/<int:period_pk>/accept/", views.ReviewActionView.as_view(action="accept"), name="review_accept"),
    path("review/<int:period_pk>/remind/", views.ReviewActionView.as_view(action="remind"), name="review_remind"),
]
urlpatterns += editor_urlpatterns
