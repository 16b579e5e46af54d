from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from accounts.authentication import ExpiringTokenAuthentication
from core.pagination import KeysetPagination

from ..filtersets import DelegationFilterSet, DelegationStatsFilterSet
from ..permissions import (
    can_change_delegation,
    can_create_delegations,
    can_read_delegation_stats,
    can_read_delegations,
)
from ..selectors import BODIES_CHOICES, GROUP_BY_CHOICES, delegation_stats, delegations_for_list, delegations_for_stats
from ..services import delegation_cancel, delegation_create, delegation_update
from .serializers import DelegationCancelSerializer, DelegationSerializer, DelegationStatsSerializer


class DelegationPagination(KeysetPagination):
    ordering = ("-start_date", "-id")


class DelegationAccess(BasePermission):
    """Statistics for every reading role; delegations themselves only for those who may read names."""

    def has_permission(self, request, view):
        if view.action == "stats":
            return can_read_delegation_stats(request.user)
        if not can_read_delegations(request.user):
            return False
        return request.method != "POST" or can_create_delegations(request.user)

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or can_change_delegation(request.user, obj)


ERRORS = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=_('Bad input: an object mapping each field (or "non_field_errors") to a list of messages.'),
    ),
    401: OpenApiResponse(OpenApiTypes.OBJECT, description=_('Not authenticated: {"detail": message}.')),
    403: OpenApiResponse(OpenApiTypes.OBJECT, description=_("Not permitted for this role or department.")),
}
NOT_FOUND = {404: OpenApiResponse(OpenApiTypes.OBJECT, description=_("No such delegation within your reach."))}

STATS_PARAMETERS = [
    OpenApiParameter(
        "group_by", str, enum=list(GROUP_BY_CHOICES), default="direction", description=_("Group rows by.")
    ),
    OpenApiParameter(
        "include_cancelled", bool, default=False, description=_("Count cancelled delegations (left out by default).")
    ),
    OpenApiParameter(
        "bodies",
        str,
        enum=list(BODIES_CHOICES),
        default="as_of",
        description=_(
            "Department rows (and the department filter) by the body recorded on each delegation (as_of) or by "
            "the body that holds its work today, following mergers, splits and renamings (current)."
        ),
    ),
    OpenApiParameter("direction", str, enum=["inbound", "outbound"]),
    OpenApiParameter("country", str, many=True, description=_("ISO 3166-1 alpha-2 code; repeat for several.")),
    OpenApiParameter("department", int, description=_("Department id.")),
    OpenApiParameter("status", str, enum=["planned", "approved", "completed", "cancelled"]),
    OpenApiParameter("cancelled", bool, description=_("Only cancelled (true) or only not cancelled (false).")),
    OpenApiParameter("start_date_after", OpenApiTypes.DATE, description=_("Start date on or after (inclusive).")),
    OpenApiParameter("start_date_before", OpenApiTypes.DATE, description=_("Start date on or before (inclusive).")),
    OpenApiParameter("year", int, description=_("Year of the start date.")),
    OpenApiParameter("search", str, description=_("Words in the reference, title, purpose or partner.")),
]


@extend_schema_view(
    list=extend_schema(
        summary=_("List delegations"),
        description=_(
            "Newest first (start date, then id). Pages are followed by their links: `next` and `previous` "
            "carry an opaque cursor, so a deep page costs what the first costs; there is no total count."
        ),
        responses={200: DelegationSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        summary=_("Read a delegation"), responses={200: DelegationSerializer, **ERRORS, **NOT_FOUND}
    ),
    create=extend_schema(summary=_("Record a delegation"), responses={201: DelegationSerializer, **ERRORS}),
    update=extend_schema(
        summary=_("Replace a delegation"), responses={200: DelegationSerializer, **ERRORS, **NOT_FOUND}
    ),
    partial_update=extend_schema(
        summary=_("Change some fields of a delegation"), responses={200: DelegationSerializer, **ERRORS, **NOT_FOUND}
    ),
)
class DelegationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Inbound and outbound delegations, and their statistics for any period and grouping."""

    # Token first, so that a client without (valid) credentials gets 401 with a WWW-Authenticate
    # header rather than the 403 that session authentication answers.
    authentication_classes = [ExpiringTokenAuthentication, SessionAuthentication]
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
    permission_classes = [IsAuthenticated, DelegationAccess]
    ordering_fields = ["start_date", "end_date", "member_count", "id"]
    # Keyset pages on the list's index (start_date DESC, id DESC): any depth costs what page 1 costs.
    ordering = ("-start_date", "-id")
    pagination_class = DelegationPagination

    def get_queryset(self):
        return delegations_for_list(user=self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = delegation_create(by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = delegation_update(delegation=serializer.instance, by=self.request.user, **data)

    @extend_schema(
        summary=_("Cancel a delegation"),
        description=_("Only a planned or approved delegation can be cancelled; the reason is required."),
        request=DelegationCancelSerializer,
        responses={200: DelegationSerializer, **ERRORS, **NOT_FOUND},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        delegation = self.get_object()
        serializer = DelegationCancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        delegation_cancel(delegation=delegation, by=request.user, reason=serializer.validated_data["reason"])
        return Response(DelegationSerializer(delegation, context=self.get_serializer_context()).data)

    @extend_schema(
        summary=_("Delegation statistics"),
        description=_(
            "Rows of {direction, <group key>, delegations, persons} and totals per direction. A delegation "
            "counts by its start date; cancelled ones are left out unless include_cancelled=true or "
            "status=cancelled. With group_by=country, a delegation to several countries counts once in each "
            "country's row and once in the totals; country rows carry the Vietnamese name."
        ),
        parameters=STATS_PARAMETERS,
        filters=False,
        responses={200: DelegationStatsSerializer, **ERRORS},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def stats(self, request):
        filterset = DelegationStatsFilterSet(
            request.query_params, queryset=delegations_for_stats(user=request.user), request=request
        )
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        stats = delegation_stats(delegations=filterset.qs, **filterset.stats_options())
        return Response(stats)
