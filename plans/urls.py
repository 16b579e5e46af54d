from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("plans/<int:pk>/", views.PlanDetailView.as_view(), name="plan_detail"),
]
