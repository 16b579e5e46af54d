"""REST API of plans and progress; every queryset comes from plans.selectors, so out-of-reach rows are 404."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from accounts.permissions import reports_for_department
from core.api_schema import ErrorSerializer, ValidationErrorSerializer

from ..downloads import attachment_response
from ..filtersets import TaskFilterSet, TaskProgressFilterSet
from ..models import ProgressTargetValue, Task
from ..selectors import (
    areas_visible_to,
    period_obligations,
    periods_visible_to,
    plans_visible_to,
    progress_visible_to,
    tasks_visible_to,
    tasks_with_latest_progress,
)
from ..services import (
    PlanPartInUse,
    ProgressConflict,
    plan_part_delete,
    plan_status_change,
    progress_save_draft,
    progress_transition,
)
from .permissions import PlanManagerOrReadOnly, WorksWithPlans
from .serializers import (
    AttachmentUploadSerializer,
    ObligationQuerySerializer,
    ObligationSerializer,
    PlanSerializer,
    PlanStatusChangeSerializer,
    ProgressStepSerializer,
    ReportingPeriodSerializer,
    TaskAreaSerializer,
    TaskProgressSerializer,
    TaskSerializer,
)

# A write with If-Match: a stale version (412), or none sent (428).
IF_MATCH_ERRORS = {412: ErrorSerializer, 428: ErrorSerializer}
IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The ETag of the entry as read ("3"). Required for PUT and PATCH; optional for workflow steps.',
)


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = _("Send the entry's ETag in the If-Match header, so that no one's edit is overwritten.")
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"


class ProtectedConflict(APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("This cannot be deleted: departments have reported progress on it. Nothing was deleted.")
    default_code = "protected"


class ProtectedDestroyMixin:
    """Refuse (409) to delete a plan, area or task that reported progress depends on, changing nothing."""

    def perform_destroy(self, instance):
        try:
            plan_part_delete(instance=instance, by=self.request.user)
        except PlanPartInUse:
            raise ProtectedConflict from None


def _etag(progress) -> str:
    return f'"{progress.version}"'


def _if_match(request, *, required: bool) -> int | None:
    """The version named in If-Match ("3", W/"3" or 3); None when absent and not required."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        if required:
            raise PreconditionRequired
        return None
    value = header.removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()):
        raise PreconditionFailed(_("If-Match must hold the entry's ETag."))
    return int(value)


def _stale(conflict: ProgressConflict) -> PreconditionFailed:
    return PreconditionFailed(
        _("%(user)s changed this entry at %(time)s (now version %(version)s); read it again and retry.")
        % {**conflict.who_and_when(), "version": conflict.current.version}
    )


class PlanViewSet(ProtectedDestroyMixin, viewsets.ModelViewSet):
    """Plans you may open; specialists and administrators write."""

    serializer_class = PlanSerializer
    permission_classes = [PlanManagerOrReadOnly]
    filterset_fields = ["status", "kind", "start_year"]
    ordering_fields = ["issue_date", "document_number"]

    def get_queryset(self):
        return plans_visible_to(user=self.request.user).order_by("-issue_date", "pk")

    @extend_schema(request=PlanStatusChangeSerializer, responses={200: PlanSerializer, 400: ValidationErrorSerializer})
    @action(detail=True, methods=["post"], url_path="change-status", url_name="change-status")
    def change_status(self, request, pk=None):
        """Put the plan in force, close it or mark it replaced, with the date."""
        plan = self.get_object()
        change = PlanStatusChangeSerializer(data=request.data, context={"request": request})
        change.is_valid(raise_exception=True)
        # A rule the service refuses becomes a 400 in the portal's error shape (core.api_errors).
        plan = plan_status_change(plan=plan, by=request.user, **change.validated_data)
        return Response(PlanSerializer(plan, context={"request": request}).data)


class TaskAreaViewSet(ProtectedDestroyMixin, viewsets.ModelViewSet):
    serializer_class = TaskAreaSerializer
    permission_classes = [PlanManagerOrReadOnly]
    filterset_fields = ["plan", "standard_area"]

    def get_queryset(self):
        return areas_visible_to(user=self.request.user).order_by("plan", "position")


TASK_ORDER = ("area__plan", "area__position", "position")


class TaskViewSet(ProtectedDestroyMixin, viewsets.ModelViewSet):
    """Tasks you may see, each with the latest progress entry you may read."""

    serializer_class = TaskSerializer
    permission_classes = [PlanManagerOrReadOnly]
    filterset_class = TaskFilterSet

    def get_queryset(self):
        user = self.request.user
        if self.action == "list" and not self._filters_read_progress():
            # Counted and paged without the latest entries; list() ranks only the page's tasks' entries.
            return tasks_visible_to(user=user).order_by(*TASK_ORDER)
        return tasks_with_latest_progress(user=user).order_by(*TASK_ORDER)

    def _filters_read_progress(self) -> bool:
        filterset = TaskFilterSet(self.request.query_params, queryset=Task.objects.none(), request=self.request)
        return filterset.reads_progress()

    def list(self, request, *args, **kwargs):
        tasks = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(tasks)
        chosen = [task.pk for task in (page if page is not None else tasks)]
        found = tasks_with_latest_progress(user=request.user, task_ids=chosen).in_bulk(chosen)
        serializer = self.get_serializer([found[pk] for pk in chosen if pk in found], many=True)
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)


class ReportingPeriodViewSet(ProtectedDestroyMixin, viewsets.ModelViewSet):
    serializer_class = ReportingPeriodSerializer
    permission_classes = [PlanManagerOrReadOnly]
    filterset_fields = ["kind", "year"]

    def get_queryset(self):
        return periods_visible_to(user=self.request.user).order_by("-end_date", "kind", "sequence")

    @extend_schema(
        parameters=[ObligationQuerySerializer],
        responses={200: ObligationSerializer(many=True), 400: ValidationErrorSerializer},
        description=(
            "Every (task, department) that owes an entry in this period, with its entry's state; staff and "
            "heads see their own department's. A plan in force during the window, a timing the period's kind "
            "collects, a deadline task not yet accepted as done, the body that existed at the window's end."
        ),
    )
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def obligations(self, request, pk=None):
        query = ObligationQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        obligations = period_obligations(period=self.get_object(), user=request.user, **query.validated_data)
        return Response(ObligationSerializer(obligations, many=True).data)


@extend_schema_view(
    retrieve=extend_schema(description="The entry; its ETag header holds the version to send in If-Match."),
    update=extend_schema(parameters=[IF_MATCH], responses={200: TaskProgressSerializer, **IF_MATCH_ERRORS}),
    partial_update=extend_schema(parameters=[IF_MATCH], responses={200: TaskProgressSerializer, **IF_MATCH_ERRORS}),
    create=extend_schema(description="Create your department's entry on a task it leads or coordinates."),
)
class TaskProgressViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress entries within your reach; staff and heads write their department's, reviewers take steps."""

    serializer_class = TaskProgressSerializer
    filterset_class = TaskProgressFilterSet
    permission_classes = [WorksWithPlans]

    def get_queryset(self):
        return (
            progress_visible_to(user=self.request.user)
            .select_related("updated_by")
            .prefetch_related("attachments", Prefetch("target_values", queryset=ProgressTargetValue.objects.all()))
            .order_by("-period__end_date", "task", "department")
        )

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        if self.action == "create":
            serializer.fields["task"].queryset = tasks_visible_to(user=self.request.user)
            serializer.fields["period"].queryset = periods_visible_to(user=self.request.user)
        return serializer

    def retrieve(self, request, *args, **kwargs):
        progress = self.get_object()
        return Response(self.get_serializer(progress).data, headers={"ETag": _etag(progress)})

    def create(self, request, *args, **kwargs):
        if not reports_for_department(request.user):
            raise PermissionDenied
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        progress = self._save(serializer, expected_version=0, task=serializer.validated_data["task"],
                              period=serializer.validated_data["period"])  # fmt: skip
        return Response(self._read(progress), status=status.HTTP_201_CREATED, headers={"ETag": _etag(progress)})

    def update(self, request, *args, **kwargs):
        progress = self.get_object()
        expected_version = _if_match(request, required=True)
        serializer = self.get_serializer(progress, data=request.data, partial=kwargs.get("partial", False))
        serializer.is_valid(raise_exception=True)
        progress = self._save(serializer, expected_version=expected_version, task=progress.task, period=progress.period)
        return Response(self._read(progress), headers={"ETag": _etag(progress)})

    def _save(self, serializer, *, expected_version, task, period):
        data = dict(serializer.validated_data)
        values = {item["target"].pk: item["achieved_value"] for item in data.pop("target_values", [])}
        try:
            return progress_save_draft(
                task=task,
                period=period,
                department=self.request.user.department,
                by=self.request.user,
                data=data,
                expected_version=expected_version,
                target_values=values,
            )
        except ProgressConflict as conflict:
            raise _stale(conflict) from None

    def _read(self, progress):
        return self.get_serializer(self.get_queryset().get(pk=progress.pk)).data

    def _step(self, request, step):
        progress = self.get_object()
        body = ProgressStepSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            progress = progress_transition(
                progress=progress,
                by=request.user,
                step=step,
                comment=body.validated_data.get("comment", ""),
                expected_version=_if_match(request, required=False),
            )
        except ProgressConflict as conflict:
            raise _stale(conflict) from None
        return Response(self._read(progress), headers={"ETag": _etag(progress)})

    @extend_schema(
        request={"multipart/form-data": AttachmentUploadSerializer},
        parameters=[IF_MATCH],
        responses={201: TaskProgressSerializer, 400: ValidationErrorSerializer, **IF_MATCH_ERRORS},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request, pk=None):
        """Attach files (PDF, Word, Excel, PNG/JPG; size and real type checked) to an entry you may edit."""
        progress = self.get_object()
        expected_version = _if_match(request, required=True)
        upload = AttachmentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            progress = progress_save_draft(
                task=progress.task,
                period=progress.period,
                department=progress.department,
                by=request.user,
                data={},
                expected_version=expected_version,
                files=upload.validated_data["files"],
            )
        except ProgressConflict as conflict:
            raise _stale(conflict) from None
        return Response(self._read(progress), status=status.HTTP_201_CREATED, headers={"ETag": _etag(progress)})

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], url_path=r"attachments/(?P<attachment_id>\d+)", url_name="attachment")
    def attachment(self, request, pk=None, attachment_id=None):
        """Download one attachment of an entry you may read."""
        progress = self.get_object()
        attachment = get_object_or_404(progress.attachments.all(), pk=attachment_id)
        return attachment_response(attachment)

    step_schema = extend_schema(
        request=ProgressStepSerializer,
        parameters=[IF_MATCH],
        responses={
            200: TaskProgressSerializer,
            400: OpenApiResponse(ValidationErrorSerializer, description="Step not possible now"),
            412: ErrorSerializer,
        },
    )

    @step_schema
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft or returned entry to the department head."""
        return self._step(request, "submit")

    @step_schema
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve a submitted entry (department head) and send it to the focal point."""
        return self._step(request, "approve")

    @step_schema
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept an approved entry (specialist)."""
        return self._step(request, "accept")

    @step_schema
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        """Return a submitted or approved entry to its department with a comment (specialist)."""
        return self._step(request, "return")


def register_routes(router) -> None:
    """Register the plans API on the project's router."""
    router.register("plans", PlanViewSet, basename="plan")
    router.register("task-areas", TaskAreaViewSet, basename="taskarea")
    router.register("tasks", TaskViewSet, basename="task")
    router.register("periods", ReportingPeriodViewSet, basename="period")
    router.register("progress", TaskProgressViewSet, basename="progress")
