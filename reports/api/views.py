from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response

from ..permissions import may_read_reports, may_request_reports
from ..selectors import reports_visible_to
from ..services import report_request
from .serializers import CompiledReportSerializer, ReportRequestSerializer


class ReportAccess(BasePermission):
    """Readers list and open reports; specialists and administrators also request them."""

    def has_permission(self, request, view):
        if not may_read_reports(request.user):
            return False
        return request.method in SAFE_METHODS or may_request_reports(request.user)


class CompiledReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Compiled reports: list, read, and request one (compiled by a worker; poll its state)."""

    serializer_class = CompiledReportSerializer
    permission_classes = [ReportAccess]
    filterset_fields = ["state", "period", "plan"]
    ordering_fields = ["requested_at", "version"]

    def get_queryset(self):
        return reports_visible_to(user=self.request.user)

    @extend_schema(request=ReportRequestSerializer, responses={202: CompiledReportSerializer})
    def create(self, request):
        """Queue a report; the same request again answers the version already queued, running or done."""
        incoming = ReportRequestSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        report = report_request(**incoming.validated_data, by=request.user)
        body = CompiledReportSerializer(report, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_202_ACCEPTED)
