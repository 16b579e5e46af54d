"""One DRF router, mounted at /api/v1/, for the ViewSets of every app."""

from rest_framework.routers import DefaultRouter

from dashboard.api.views import DashboardViewSet
from delegations.api.views import DelegationViewSet
from plans.api.views import register_routes as register_plan_routes
from reports.api.views import CompiledReportViewSet

router = DefaultRouter()
router.register("delegations", DelegationViewSet, basename="delegation")
register_plan_routes(router)
router.register("reports", CompiledReportViewSet, basename="report")
router.register("dashboard", DashboardViewSet, basename="dashboard")
