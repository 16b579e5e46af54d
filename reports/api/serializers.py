from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.choices_scope import ScopedChoicesMixin
from plans.choices import PlanStatus
from plans.models import Plan, ReportingPeriod
from plans.selectors import periods_visible_to

from ..choices import ReportState
from ..models import CompiledReport
from ..selectors import reportable_plans


class CompiledReportSerializer(serializers.ModelSerializer):
    requested_by = serializers.StringRelatedField()
    docx_url = serializers.SerializerMethodField()
    xlsx_url = serializers.SerializerMethodField()

    class Meta:
        model = CompiledReport
        fields = [
            "id", "kind", "title", "period", "date_from", "date_to", "plan", "version", "state", "failure_reason",
            "document_number", "requested_by", "requested_at", "started_at", "finished_at", "docx_url", "xlsx_url",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_docx_url(self, report) -> str | None:
        return self._file_url(report, "docx")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_xlsx_url(self, report) -> str | None:
        return self._file_url(report, "xlsx")

    def _file_url(self, report, file_type: str) -> str | None:
        # The files are streamed by the page's download view, which checks the reader the same way.
        if report.state != ReportState.DONE:
            return None
        url = reverse("reports:report_download", args=[report.pk, file_type])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class ReportRequestSerializer(ScopedChoicesMixin, serializers.Serializer):
    """What to compile: a period, or a date range; one plan or (left out) all plans in force."""

    period = serializers.PrimaryKeyRelatedField(queryset=ReportingPeriod.objects.all(), required=False, allow_null=True)
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)
    plan = serializers.PrimaryKeyRelatedField(
        queryset=Plan.objects.exclude(status=PlanStatus.DRAFT), required=False, allow_null=True
    )

    def scoped_choices(self, user):
        return {"period": periods_visible_to(user=user), "plan": reportable_plans(user=user)}

    again = serializers.BooleanField(
        required=False, default=False, help_text=_("Make a new version even when one is done.")
    )
