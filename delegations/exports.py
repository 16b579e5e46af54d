"""CSV and XLSX exports of a filtered delegation list and of the statistics, with Vietnamese headers.

Small lists answer with the file; large ones become export jobs (export_jobs.py) followed on a page.
"""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone, translation
from django.views import View
from django.views.generic import TemplateView

from .choices import PENDING_EXPORT_STATES, ExportFormat, ExportState
from .export_jobs import (
    EXPORT_NAME,
    SHEET_TITLE,
    delegation_export_request,
    export_file_name,
    export_filterset,
    export_is_large,
    export_query,
)
from .filtersets import DelegationStatsFilterSet
from .models import DelegationExport
from .permissions import can_read_delegation_stats, can_read_delegations
from .selectors import delegation_stats, delegations_for_stats
from .spreadsheets import SPREADSHEET_LANGUAGE, XLSX_TYPE, csv_lines, export_rows, headers, stats_table, xlsx_bytes

FORMATS = ("csv", "xlsx")


def file_response(*, file_format: str, name: str, header: list[str], rows, sheet_title: str):
    """A CSV (streamed) or XLSX download of the rows."""
    filename = f"{name}-{timezone.localdate():%Y%m%d}.{file_format}"
    if file_format == "csv":
        response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(sheet_title, header, rows), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class DelegationExportView(LoginRequiredMixin, UserPassesTestMixin, View):
    """The list as filtered on the page, every row (not only the current page).

    Up to DELEGATION_EXPORT_IMMEDIATE_ROWS rows the file is the answer; a larger list becomes an
    export job (delegations/export_jobs.py) and the user follows it on its page until the link shows.
    """

    def test_func(self):
        return can_read_delegations(self.request.user)

    def get(self, request, file_format):
        if file_format not in FORMATS:
            raise Http404
        query = export_query(request.GET)
        filterset = export_filterset(user=request.user, query=query)
        if not filterset.is_valid():
            return HttpResponseBadRequest(filterset.errors.as_text())
        if export_is_large(filterset.qs):
            export = delegation_export_request(by=request.user, file_format=file_format, query=query)
            return redirect("delegations:delegation_export_status", pk=export.pk)
        return file_response(
            file_format=file_format,
            name=EXPORT_NAME,
            header=headers(),
            rows=export_rows(filterset.qs),
            sheet_title=SHEET_TITLE,
        )


class ExportOwnerMixin(LoginRequiredMixin, UserPassesTestMixin):
    """An export is its requester's: anyone else's answers 404."""

    def test_func(self):
        return can_read_delegations(self.request.user)

    def get_export(self) -> DelegationExport:
        return get_object_or_404(DelegationExport, pk=self.kwargs["pk"], requested_by=self.request.user)


class DelegationExportStatusView(ExportOwnerMixin, TemplateView):
    """Where a large export is followed: "being prepared", then its link (the page refreshes itself)."""

    template_name = "delegations/delegation_export.html"

    def get_context_data(self, **kwargs):
        export = self.get_export()
        return super().get_context_data(
            export=export, pending=export.state in PENDING_EXPORT_STATES, file_name=export_file_name(export), **kwargs
        )


class DelegationExportDownloadView(ExportOwnerMixin, View):
    def get(self, request, pk):
        export = self.get_export()
        if export.state != ExportState.DONE or not export.file:
            raise Http404
        content_type = "text/csv; charset=utf-8" if export.file_format == ExportFormat.CSV else XLSX_TYPE
        return FileResponse(
            export.file.open("rb"), as_attachment=True, filename=export_file_name(export), content_type=content_type
        )


class StatsExportView(LoginRequiredMixin, UserPassesTestMixin, View):
    def test_func(self):
        return can_read_delegation_stats(self.request.user)

    def get(self, request, file_format):
        if file_format not in FORMATS:
            raise Http404
        filterset = DelegationStatsFilterSet(
            request.GET, queryset=delegations_for_stats(user=request.user), request=request
        )
        if not filterset.is_valid():
            return HttpResponseBadRequest(filterset.errors.as_text())
        stats = delegation_stats(delegations=filterset.qs, **filterset.stats_options())
        with translation.override(SPREADSHEET_LANGUAGE):
            header, rows = stats_table(stats)
        return file_response(
            file_format=file_format, name="thong-ke-doan", header=header, rows=rows, sheet_title="Thống kê"
        )
