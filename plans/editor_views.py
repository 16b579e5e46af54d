"""Pages that act on a whole plan besides the editor: Excel out and in, copy to next year, status.

They live apart from views.py so that work on the editor and on these pages does not collide.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.permissions import reads_all_progress

from .forms import PlanImportForm, PlanStatusForm
from .models import StandardArea
from .permissions import may_manage_plans
from .selectors import plans_visible_to
from .services import plan_status_change
from .spreadsheets import (
    XLSX_TYPE,
    PlanSheetError,
    plan_import_preview,
    plan_rows_from_workbook,
    plan_workbook_bytes,
    rows_signed,
    rows_unsigned,
)
from .table import PlanTableError, plan_copy_to_next_year, plan_table_save
from .views import PlanManageMixin, _form_errors, error_text


class PlanWorkbookView(LoginRequiredMixin, View):
    """A plan's tasks as an Excel workbook (no plan: the empty template), for specialists and readers of all."""

    def get(self, request, pk=None):
        if not (may_manage_plans(request.user) or reads_all_progress(request.user)):
            raise Http404
        plan = get_object_or_404(plans_visible_to(user=request.user), pk=pk) if pk else None
        name = f"ke-hoach-{plan.document_number.replace('/', '-')}.xlsx" if plan else "mau-ke-hoach.xlsx"
        response = HttpResponse(plan_workbook_bytes(plan=plan), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PlanImportView(PlanManageMixin, TemplateView):
    """Upload a plan's tasks from Excel, see what would change, then confirm: every row saved, or none.

    Each problem is named by row and column. The preview saves the rows and rolls back; the
    confirmation carries the rows signed, and is refused if the plan changed in between.
    """

    template_name = "plans/plan_import.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=PlanImportForm(), plan=self.plan))

    def post(self, request, *args, **kwargs):
        if "rows" in request.POST:
            return self.confirm(request.POST["rows"])
        form = PlanImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.refused(form, [])
        codes = dict(StandardArea.objects.values_list("code", "pk"))
        try:
            areas, errors = plan_rows_from_workbook(form.cleaned_data["file"], standard_areas=codes)
            if errors:
                raise PlanTableError(errors)
            changes = plan_import_preview(plan=self.plan, areas=areas, by=request.user)
        except PlanSheetError as error:
            form.add_error("file", str(error))
            return self.refused(form, [])
        except PlanTableError as error:
            return self.refused(form, error.row_errors)
        rows = rows_signed(plan=self.plan, areas=areas, user=request.user)
        return self.render_to_response(self.get_context_data(form=form, plan=self.plan, changes=changes, rows=rows))

    def confirm(self, token: str):
        form = PlanImportForm()
        try:
            areas = rows_unsigned(plan=self.plan, token=token, user=self.request.user)
            plan_table_save(plan=self.plan, areas=areas, by=self.request.user)
        except PlanSheetError as error:
            return self.refused(form, [], reason=str(error))
        except PlanTableError as error:
            return self.refused(form, error.row_errors)
        count = sum(len(area.tasks) for area in areas)
        messages.success(self.request, _("The plan now holds the %(count)d tasks of the file.") % {"count": count})
        return redirect("plans:plan_detail", pk=self.plan.pk)

    def refused(self, form, errors, *, reason: str = ""):
        messages.error(self.request, reason or _("Nothing was imported: please correct the file and upload it again."))
        context = self.get_context_data(form=form, plan=self.plan, row_errors=errors)
        return self.render_to_response(context, status=400)


class PlanCopyView(PlanManageMixin, View):
    """Copy a plan or programme to the next year, as a draft opened in the editor."""

    def post(self, request, pk):
        try:
            copy = plan_copy_to_next_year(plan=self.plan, by=request.user)
        except PlanTableError as error:
            messages.error(request, " ".join(str(item) for item in error.row_errors))
            return redirect("plans:plan_detail", pk=self.plan.pk)
        messages.success(
            request,
            _("A draft for %(year)s was made from %(plan)s: check its number, date and tasks, then save.")
            % {"year": copy.start_year, "plan": self.plan},
        )
        return redirect("plans:plan_edit", pk=copy.pk)


class PlanStatusView(PlanManageMixin, View):
    """Put the plan in force, close it or mark it replaced, from a day."""

    def post(self, request, pk):
        form = PlanStatusForm(request.POST, plan=self.plan, plans=plans_visible_to(user=request.user))
        if form.is_valid():
            try:
                plan_status_change(plan=self.plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                messages.error(request, error_text(error))
            else:
                messages.success(request, _("The plan's status was changed."))
        else:
            messages.error(request, _form_errors(form))
        return redirect("plans:plan_detail", pk=self.plan.pk)
