from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from .choices import ReportState
from .drafts import body_texts, changed_since_edit, edited_content
from .forms import ReportDraftForm, ReportRequestForm
from .models import CompiledReport
from .permissions import may_read_reports, may_request_reports
from .selectors import reports_visible_to
from .services import report_draft_save, report_finalise, report_request

FILE_TYPES = {
    "docx": ("docx_file", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx_file", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("pdf_file", "application/pdf"),
}


class ReportReaderMixin(LoginRequiredMixin):
    """Reports are out of reach (404) for those who may not read them."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_read_reports(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class ReportListView(ReportReaderMixin, ListView):
    """Every compiled report with its state, who asked and when; the form to compile one now."""

    template_name = "reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return reports_visible_to(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_request"] = may_request_reports(self.request.user)
        context["form"] = kwargs.get("form") or ReportRequestForm(user=self.request.user)
        context["states"] = ReportState
        return context

    def post(self, request):
        """Compile now: queue the report (or find the same request's) and go back to the list."""
        if not may_request_reports(request.user):
            raise PermissionDenied
        form = ReportRequestForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                report = report_request(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _queued_message(report))
                return redirect("reports:report_list")
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=400)


def _queued_message(report) -> str:
    report.refresh_from_db(fields=["state"])
    if report.state == ReportState.QUEUED:
        return _(
            "Report “%(title)s”, version %(version)s, is queued: it is compiled as soon as a worker is free. "
            "Reload this page to see it."
        ) % {"title": report.title, "version": report.version}
    return _("Report “%(title)s”, version %(version)s: %(state)s.") % {
        "title": report.title,
        "version": report.version,
        "state": report.get_state_display(),
    }


class ReportAgainView(ReportReaderMixin, View):
    """Compile a report again: a new version of the same request, the old versions kept."""

    def post(self, request, pk):
        report = get_object_or_404(reports_visible_to(user=request.user), pk=pk)
        if not may_request_reports(request.user):
            raise PermissionDenied
        # The same request: its period, or its range when it had none.
        scope = (
            {"period": report.period}
            if report.period_id
            else {"date_from": report.date_from, "date_to": report.date_to}
        )
        try:
            again = report_request(**scope, plan=report.plan, by=request.user, again=True)
        except ValidationError as error:
            # The plan went back to draft, for instance: say why instead of failing.
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _queued_message(again))
        return redirect("reports:report_list")


class ReportPreviewView(ReportReaderMixin, DetailView):
    """The report's content as the Word file shows it, drawn from the same structure."""

    template_name = "reports/report_preview.html"
    context_object_name = "report"

    def get_queryset(self):
        return reports_visible_to(user=self.request.user).defer(None).filter(state=ReportState.DONE)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The preview shows what the files say: the specialist's text where they wrote one.
        context["content"] = _first_rows(edited_content(self.object.content, self.object.edits))
        context["may_request"] = may_request_reports(self.request.user)
        return context


# The page shows each table's first rows; the files hold them all (20,000 tasks make 13 MB of HTML).
PREVIEW_ROWS = 200


def _first_rows(content: dict) -> dict:
    """The content with each table of the phụ lục cut to its first PREVIEW_ROWS rows, the others counted."""
    annex = []
    for section in content.get("annex") or []:
        blocks = [
            {**block, "rows": block["rows"][:PREVIEW_ROWS], "more": len(block["rows"]) - PREVIEW_ROWS}
            if block["type"] == "table" and len(block["rows"]) > PREVIEW_ROWS
            else block
            for block in section["blocks"]
        ]
        annex.append({**section, "blocks": blocks})
    return {**content, "annex": annex}


class ReportDownloadView(ReportReaderMixin, View):
    """Stream the Word report or its Excel annex to those who may read reports."""

    def get(self, request, pk, file_type):
        if file_type not in FILE_TYPES:
            raise Http404
        report = get_object_or_404(reports_visible_to(user=request.user), pk=pk, state=ReportState.DONE)
        field, content_type = FILE_TYPES[file_type]
        stored = getattr(report, field)
        if not stored:
            raise Http404
        name = f"bao-cao-{report.pk}-v{report.version}.{file_type}"
        # The PDF opens in the browser, for leadership to read; the others download.
        response = FileResponse(stored.open("rb"), as_attachment=file_type != "pdf", filename=name)
        response["Content-Type"] = content_type
        response["X-Content-Type-Options"] = "nosniff"
        return response


class ReportDraftView(ReportReaderMixin, TemplateView):
    """The report's body as plain text to edit before signing, beside the text the data gives; finalise."""

    template_name = "reports/report_draft.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and may_read_reports(request.user) and not may_request_reports(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_report(self) -> CompiledReport:
        reports = reports_visible_to(user=self.request.user).defer(None).filter(state=ReportState.DONE)
        return get_object_or_404(reports, pk=self.kwargs["pk"])

    def form_for(self, report: CompiledReport, data=None) -> ReportDraftForm:
        data_texts = body_texts(report.content)
        texts = {key: report.edits.get(key, {}).get("text", text) for key, text in data_texts.items()}
        labels = {"opening": _("Opening")} | {
            section["number"]: f"{section['number']}. {section['title']}" for section in report.content["sections"]
        }
        initial = {"signed_number": report.signed_number, "signed_on": report.signed_on}
        return ReportDraftForm(data, texts=texts, labels=labels, initial=initial)

    def get(self, request, *args, **kwargs):
        report = self.get_report()
        return self.render_to_response(self.context_for(report, self.form_for(report)))

    def post(self, request, *args, **kwargs):
        report = self.get_report()
        form = self.form_for(report, request.POST)
        if not form.is_valid():
            return self.render_to_response(self.context_for(report, form), status=400)
        data = form.cleaned_data
        report = report_draft_save(
            report=report,
            texts=form.texts(),
            signed_number=data["signed_number"],
            signed_on=data["signed_on"],
            by=request.user,
        )
        if request.POST.get("action") == "finalise":
            report_finalise(report=report, by=request.user)
            messages.success(request, _("The report was finalised: its Word, Excel and PDF files hold your text."))
            return redirect("reports:report_preview", pk=report.pk)
        messages.success(request, _("Your text was saved; the files are made when you finalise."))
        return redirect("reports:report_draft", pk=report.pk)

    def context_for(self, report: CompiledReport, form: ReportDraftForm) -> dict:
        data_texts = body_texts(report.content)
        changed = changed_since_edit(report.content, report.edits)
        sections = [
            {"field": form[f"text_{key}"], "data": text, "edited": key in report.edits, "changed": key in changed}
            for key, text in data_texts.items()
        ]
        return self.get_context_data(report=report, form=form, sections=sections)
