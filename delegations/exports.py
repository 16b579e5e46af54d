"""CSV and XLSX exports of a filtered delegation list and of the statistics, with Vietnamese headers."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone, translation
from django.views import View

from .filtersets import DelegationFilterSet, DelegationStatsFilterSet
from .permissions import can_read_delegation_stats, can_read_delegations
from .selectors import delegation_stats, delegations_for_list, delegations_for_stats
from .spreadsheets import SPREADSHEET_LANGUAGE, XLSX_TYPE, csv_lines, export_row, headers, stats_table, xlsx_bytes

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
    """The list as filtered on the page, every row (not only the current page)."""

    def test_func(self):
        return can_read_delegations(self.request.user)

    def get(self, request, file_format):
        if file_format not in FORMATS:
            raise Http404
        filterset = DelegationFilterSet(request.GET, queryset=delegations_for_list(user=request.user), request=request)
        if not filterset.is_valid():
            return HttpResponseBadRequest(filterset.errors.as_text())
        delegations = filterset.qs
        # A chunked iterator keeps memory flat; the prefetch runs once per chunk.
        rows = (export_row(delegation) for delegation in delegations.iterator(chunk_size=500))
        return file_response(
            file_format=file_format, name="doan-ra-doan-vao", header=headers(), rows=rows, sheet_title="Đoàn"
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
