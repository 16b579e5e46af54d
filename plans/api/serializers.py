from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Department
from accounts.selectors import departments_offered
from core.choices_scope import ScopedChoicesMixin

from ..attachments import attachment_check
from ..choices import PlanStatus, ProgressStatus, TaskRole, WorkflowState
from ..models import (
    Plan,
    ProgressAttachment,
    ProgressTargetValue,
    ReportingPeriod,
    Task,
    TaskArea,
    TaskProgress,
    TaskTarget,
)
from ..selectors import areas_visible_to, periods_visible_to, plans_visible_to, tasks_visible_to
from ..services import plan_part_save


class ServiceSaveMixin:
    """Create and change through plans.services.plan_part_save, the write path the admin uses too.

    The serializer checks the shape of the input; the service applies the model's rules and
    constraints, and its ValidationError reaches the client as a 400 (core.api_errors).
    """

    many_to_many = ()

    def create(self, validated_data):
        return self._save(self.Meta.model(), validated_data)

    def update(self, instance, validated_data):
        return self._save(instance, validated_data)

    def _save(self, instance, validated_data):
        related = {name: validated_data.pop(name) for name in self.many_to_many if name in validated_data}
        for name, value in validated_data.items():
            setattr(instance, name, value)
        request = self.context.get("request")
        by = getattr(request, "user", None)
        return plan_part_save(instance=instance, by=by, coordinating=related.get("coordinating_departments"))


class PlanSerializer(ScopedChoicesMixin, ServiceSaveMixin, serializers.ModelSerializer):
    area_count = serializers.SerializerMethodField()
    task_count = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id", "kind", "document_number", "issuing_body", "issuer", "issuer_name", "issue_date", "title",
            "summary", "start_year", "end_year", "continues_after", "legal_bases", "status", "in_force_from",
            "in_force_to", "replaced_by", "area_count", "task_count", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["created_at", "updated_at"]

    issuer_name = serializers.CharField(read_only=True)

    def scoped_choices(self, user):
        # The issuer may be a body that has since ended: the whole register is offered.
        return {"issuing_body": Department.objects.all(), "replaced_by": plans_visible_to(user=user)}

    # Lists read the counts annotated by plans_visible_to; a plan just created or changed has none yet.
    def get_area_count(self, plan) -> int:
        return plan.area_count if hasattr(plan, "area_count") else plan.areas.count()

    def get_task_count(self, plan) -> int:
        return plan.task_count if hasattr(plan, "task_count") else Task.objects.filter(area__plan=plan).count()


class TaskAreaSerializer(ScopedChoicesMixin, ServiceSaveMixin, serializers.ModelSerializer):
    roman_position = serializers.CharField(read_only=True)

    class Meta:
        model = TaskArea
        fields = ["id", "plan", "position", "roman_position", "title", "standard_area"]

    def scoped_choices(self, user):
        return {"plan": plans_visible_to(user=user)}


class TaskTargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = TaskTarget
        fields = ["id", "name", "unit", "target_value"]


class TaskSerializer(ScopedChoicesMixin, ServiceSaveMixin, serializers.ModelSerializer):
    many_to_many = ("coordinating_departments",)
    targets = TaskTargetSerializer(many=True, read_only=True)
    progress_id = serializers.IntegerField(read_only=True, allow_null=True, help_text=_("Latest entry you may read."))
    progress_state = serializers.ChoiceField(WorkflowState.choices, read_only=True, allow_null=True)
    progress_status = serializers.ChoiceField(ProgressStatus.choices, read_only=True, allow_null=True)
    progress_percent = serializers.IntegerField(read_only=True, allow_null=True)
    task_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Task
        fields = [
            "id", "area", "position", "content", "lead_department", "coordinating_departments", "timing", "deadline",
            "expected_output", "targets", "progress_id", "progress_state", "progress_status", "progress_percent",
            "task_overdue",
        ]  # fmt: skip

    def scoped_choices(self, user):
        # Bodies that exist today; a task being changed keeps the (perhaps ended) bodies it has.
        task = self.instance if isinstance(self.instance, Task) else None
        kept = [task.lead_department_id, *(body.pk for body in task.coordinating_departments.all())] if task else []
        offered = departments_offered(keep=kept)
        return {"area": areas_visible_to(user=user), "lead_department": offered, "coordinating_departments": offered}


class ReportingPeriodSerializer(ServiceSaveMixin, serializers.ModelSerializer):
    label = serializers.CharField(read_only=True)

    class Meta:
        model = ReportingPeriod
        fields = ["id", "kind", "year", "sequence", "name", "label", "start_date", "end_date", "deadline"]


class ProgressTargetValueSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    class Meta:
        model = ProgressTargetValue
        fields = ["target", "achieved_value"]
        extra_kwargs = {"achieved_value": {"min_value": 0}}

    def scoped_choices(self, user):
        return {"target": TaskTarget.objects.filter(task__in=tasks_visible_to(user=user).values("pk"))}


class ProgressAttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = ProgressAttachment
        fields = ["id", "original_name", "content_type", "size", "uploaded_at", "url"]

    def get_url(self, attachment) -> str:
        return reverse("api:progress-attachment", args=[attachment.progress_id, attachment.pk])


class TaskProgressSerializer(ScopedChoicesMixin, serializers.ModelSerializer):
    """A department's entry; writes go through plans.services (department, state and version are not writable)."""

    target_values = ProgressTargetValueSerializer(many=True, required=False)
    attachments = ProgressAttachmentSerializer(many=True, read_only=True)
    updated_by = serializers.StringRelatedField(allow_null=True)

    class Meta:
        model = TaskProgress
        fields = [
            "id", "task", "period", "department", "status", "percent_done", "results", "difficulties", "proposals",
            "target_values", "attachments", "state", "review_comment", "submitted_at", "accepted_at", "updated_by",
            "updated_at", "version",
        ]  # fmt: skip
        read_only_fields = [
            "department", "state", "review_comment", "submitted_at", "accepted_at", "updated_by", "updated_at",
            "version",
        ]  # fmt: skip

    def scoped_choices(self, user):
        return {"task": tasks_visible_to(user=user), "period": periods_visible_to(user=user)}

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # An entry stays on its task and period; only what the department reports changes.
            fields["task"].read_only = True
            fields["period"].read_only = True
        return fields


class PlanStatusChangeSerializer(ScopedChoicesMixin, serializers.Serializer):
    """A plan's change of status with its date: in force from, closed or replaced on."""

    status = serializers.ChoiceField(choices=[c for c in PlanStatus.choices if c[0] != PlanStatus.DRAFT])
    on = serializers.DateField(
        help_text=_("In force: the first day it applies; closed or replaced: the first day it no longer does.")
    )
    replaced_by = serializers.PrimaryKeyRelatedField(queryset=Plan.objects.all(), required=False, allow_null=True)

    def scoped_choices(self, user):
        return {"replaced_by": plans_visible_to(user=user)}


class ObligationQuerySerializer(serializers.Serializer):
    """The filters of a period's obligations list."""

    department = serializers.IntegerField(
        source="department_id", required=False, min_value=1, help_text=_("A department's id.")
    )
    plan = serializers.IntegerField(source="plan_id", required=False, min_value=1, help_text=_("A plan's id."))
    state = serializers.ChoiceField(
        required=False,
        choices=[("missing", _("Not reported")), *WorkflowState.choices],
        help_text=_("The entry's state."),
    )


class ObligationSerializer(serializers.Serializer):
    """One (task, department) that owes an entry in the period, and where its entry stands."""

    task = serializers.IntegerField(source="task_id")
    department = serializers.IntegerField(source="department_id")
    role = serializers.ChoiceField(choices=TaskRole.choices)
    state = serializers.ChoiceField(choices=[("missing", _("Not reported")), *WorkflowState.choices])
    entry = serializers.IntegerField(source="entry_id", allow_null=True)


class ProgressStepSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, help_text=_("Required when returning."))


class AttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False, help_text=_("One or more files."))

    def validate_files(self, files):
        for upload in files:
            try:
                attachment_check(upload)
            except DjangoValidationError as error:
                raise serializers.ValidationError(error.messages) from None
        return files
