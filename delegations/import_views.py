"""The Excel import pages: the upload form and the template; the work is in importing.py."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import FormView

from .forms import ImportForm
from .importing import ImportFileError, delegations_import, read_rows
from .permissions import can_create_delegations
from .spreadsheets import XLSX_TYPE, headers, template_example_row, template_validations, xlsx_bytes


class DelegationImportView(LoginRequiredMixin, UserPassesTestMixin, FormView):
    form_class = ImportForm
    template_name = "delegations/delegation_import.html"

    def test_func(self):
        return can_create_delegations(self.request.user)

    def form_valid(self, form):
        try:
            rows = read_rows(form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        result = delegations_import(rows=rows, user=self.request.user)
        if result.errors:
            return self.render_to_response(self.get_context_data(form=form, row_errors=result.errors))
        messages.success(
            self.request,
            ngettext(
                "Imported %(count)d row: %(created)d new, %(updated)d updated.",
                "Imported %(count)d rows: %(created)d new, %(updated)d updated.",
                result.created + result.updated,
            )
            % {"count": result.created + result.updated, "created": result.created, "updated": result.updated},
        )
        return redirect("delegations:delegation_list")


class ImportTemplateView(LoginRequiredMixin, UserPassesTestMixin, View):
    def test_func(self):
        return can_create_delegations(self.request.user)

    def get(self, request):
        content = xlsx_bytes("Đoàn", headers(), [template_example_row()], validations=template_validations())
        response = HttpResponse(content, content_type=XLSX_TYPE)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap-doan.xlsx"'
        return response
