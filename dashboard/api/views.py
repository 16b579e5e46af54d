"""GET /api/v1/dashboard/: the dashboard's figures for other systems, with the page's filters."""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response

from ..cache import cached_dashboard_figures
from ..forms import DashboardFilterForm
from ..permissions import can_open_dashboard
from .serializers import DashboardSerializer

FILTER_PARAMETERS = [
    OpenApiParameter("plan", int, description="Plan id; all plans in force when left out."),
    OpenApiParameter("period", int, description="Reporting period id; its data window replaces the dates."),
    OpenApiParameter("date_from", str, description="YYYY-MM-DD; 1 January of this year when left out."),
    OpenApiParameter("date_to", str, description="YYYY-MM-DD; today when left out."),
]


class OneObjectSchema(AutoSchema):
    """The router calls the action "list", but it answers one object of figures, not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class DashboardViewSet(viewsets.ViewSet):
    """Headline figures, areas, overdue tasks, report timeliness and delegations, as on the dashboard page."""

    schema = OneObjectSchema()

    @extend_schema(parameters=FILTER_PARAMETERS, responses=DashboardSerializer)
    def list(self, request):
        if not can_open_dashboard(request.user):
            raise PermissionDenied()
        form = DashboardFilterForm(request.query_params, user=request.user)
        if not form.is_valid():
            if form.names_unreachable_object():
                raise NotFound()
            raise ValidationError(form.errors)
        figures = cached_dashboard_figures(user=request.user, filters=form.filters)
        return Response(DashboardSerializer(figures).data)
