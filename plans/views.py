import copy

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from accounts.permissions import is_reviewer, reads_all_progress, sees_plans

from .downloads import attachment_response, plan_document_response
from .filtersets import TaskFilterSet
from .forms import (
    PlanHeaderForm,
    PlanReadForm,
    PlanRowFormSet,
    PlanStatusForm,
    ReportingRatesForm,
    ReviewCommentForm,
    ReviewFilterForm,
    TaskProgressForm,
    plan_row_initial,
)
from .models import Plan, ProgressTargetValue, ReportingPeriod, StandardArea, TaskProgress
from .permissions import may_manage_plans
from .selectors import (
    attachments_visible_to,
    carried_entry,
    current_period,
    department_reports_on,
    my_work_tasks,
    period_choices,
    periods_visible_to,
    plan_areas_with_tasks,
    plan_tasks_visible_to,
    plans_readable_by,
    plans_visible_to,
    progress_history,
    progress_visible_to,
    reminder_logs,
    reporting_periods_begun,
    reporting_rates,
    review_counts,
    review_filter_choices,
    review_rows,
    tasks_visible_to,
    tasks_with_latest_progress,
)
from .services import (
    ProgressConflict,
    progress_attachment_delete,
    progress_bulk_accept,
    progress_confirm_unchanged,
    progress_reminders_send,
    progress_save_and_submit,
    progress_save_draft,
    progress_transition,
)
from .table import (
    PlanTableError,
    body_names,
    body_register,
    draft_table,
    plan_table_rows,
    plan_table_save,
)
from .workflow import TRANSITIONS, may_edit_progress, steps_open_to


def conflict_message(conflict: ProgressConflict, *, form: bool = True) -> str:
    """Tell the user who saved the entry after they opened it, and when."""
    if form:
        text = _(
            "%(user)s changed this entry at %(time)s, after you opened it. Your text is kept below; "
            "compare it with the saved version, then save again. Files you chose were not saved: choose them again."
        )
    else:
        text = _("%(user)s changed this entry at %(time)s, after you opened it; look at it again before you go on.")
    return text % conflict.who_and_when()


def chosen_period(request, *, required: bool = False) -> ReportingPeriod | None:
    """The period named by ?period= (404 when unknown or not a number), else the current one."""
    value = request.GET.get("period", "")
    if not value and not required:
        return current_period()
    try:
        pk = int(value) if value.isascii() else None
    except ValueError:
        pk = None
    if pk is None:
        raise Http404
    return get_object_or_404(periods_visible_to(user=request.user), pk=pk)


def error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


# Rows of the work lists per page: enough for a department's quarter, small at any province's size.
MY_WORK_TASKS_PER_PAGE = 50
PLAN_TASKS_PER_PAGE = 100


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get(self, request, *args, **kwargs):
        # The home page of an external statistics reader is the one page it may read.
        if not sees_plans(request.user):
            return redirect("delegations:delegation_stats")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return plans_visible_to(user=self.request.user)


class PlanDetailView(LoginRequiredMixin, DetailView):
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return plans_visible_to(user=self.request.user).select_related("issuing_body", "replaced_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        query = self.request.GET.copy()
        query.pop("page", None)
        tasks = plan_tasks_visible_to(user=user, plan=self.object)
        filterset = TaskFilterSet(query or None, queryset=tasks, request=self.request, plan=self.object)
        if filterset.reads_progress():
            # Only a progress filter needs every task's latest entry to count and order the tasks.
            filterset.queryset = tasks_with_latest_progress(user=user, plan=self.object)
        context["filterset"] = filterset
        # A page of tasks in the plan's order, shown under their areas: the biggest plans hold 2,000.
        ordered = filterset.qs.order_by("area__position", "position", "pk").values_list("pk", flat=True)
        page = Paginator(ordered, PLAN_TASKS_PER_PAGE).get_page(self.request.GET.get("page"))
        shown = tasks_with_latest_progress(user=user, plan=self.object, task_ids=list(page.object_list))
        areas = plan_areas_with_tasks(plan=self.object, tasks=shown)
        # One page: every area, the empty ones saying so; several: the areas of this page's tasks.
        context["areas"] = [area for area in areas if not page.has_other_pages() or area.tasks.all()]
        context["page_obj"] = page
        context["only_own_tasks"] = not reads_all_progress(self.request.user)
        if may_manage_plans(self.request.user):
            # The choices of the plan that replaces this one: without the counts, which join every task.
            plans = plans_readable_by(user=self.request.user)
            context["status_form"] = PlanStatusForm(plan=self.object, plans=plans)
        return context


class PlanDocumentDownloadView(LoginRequiredMixin, View):
    """Serve a plan's signed document to those who may open the plan; everyone else gets 404."""

    def get(self, request, pk):
        plan = get_object_or_404(plans_visible_to(user=request.user).exclude(signed_document=""), pk=pk)
        return plan_document_response(plan)


class MyWorkView(LoginRequiredMixin, TemplateView):
    """Tasks the user's department leads or coordinates, with its entry for one reporting period."""

    template_name = "plans/my_work.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not sees_plans(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_period(self):
        return chosen_period(self.request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = self.get_period()
        context["period"] = period
        context["periods"] = period_choices(user=self.request.user)
        if period is None:
            return context
        tasks = my_work_tasks(user=self.request.user, period=period)
        filterset = TaskFilterSet(self.request.GET, queryset=tasks, request=self.request, period=period)
        page = Paginator(filterset.qs, MY_WORK_TASKS_PER_PAGE).get_page(self.request.GET.get("page"))
        context["filterset"] = filterset
        context["page_obj"] = page
        context["tasks"] = page.object_list
        return context


class TaskDetailView(LoginRequiredMixin, DetailView):
    """A task with the progress entries the user may read, their workflow steps and their history."""

    template_name = "plans/task_detail.html"
    context_object_name = "task"

    def get_queryset(self):
        return (
            tasks_visible_to(user=self.request.user)
            .select_related("area__plan", "lead_department")
            .prefetch_related("coordinating_departments", "targets")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        entries = list(
            progress_visible_to(user=user)
            .filter(task=self.object)
            .select_related("period", "department", "updated_by")
            .prefetch_related(
                "attachments", Prefetch("target_values", queryset=ProgressTargetValue.objects.select_related("target"))
            )
            .order_by("-period__end_date", "department__sort_order", "department__name")
        )
        history = progress_history(entries=entries)
        for entry in entries:
            entry.steps = steps_open_to(user, entry)
            entry.editable = may_edit_progress(user, entry)
            entry.history_rows = history.get(entry.pk, [])
        context["entries"] = entries
        context["reports_on_task"] = department_reports_on(user=user, task=self.object)
        context["period"] = current_period()
        context["periods"] = period_choices(user=user)
        return context


class ProgressEditView(LoginRequiredMixin, TemplateView):
    """The user's department's entry on a task for a period: fill in, save as draft or submit."""

    template_name = "plans/progress_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.task = get_object_or_404(tasks_visible_to(user=request.user), pk=kwargs["task_pk"])
        self.period = get_object_or_404(periods_visible_to(user=request.user), pk=kwargs["period_pk"])
        if not department_reports_on(user=request.user, task=self.task):
            raise PermissionDenied(_("Only the departments working on this task report its progress."))
        self.entry = TaskProgress.objects.filter(
            task=self.task, period=self.period, department_id=request.user.department_id
        ).first()
        self.carried = carried_entry(task=self.task, department_id=request.user.department_id, period=self.period)
        return super().dispatch(request, *args, **kwargs)

    def task_url(self):
        return reverse("plans:task_detail", args=[self.task.pk])

    def get(self, request, *args, **kwargs):
        if self.entry is not None and not may_edit_progress(request.user, self.entry):
            messages.info(request, _("This entry has been sent on and can no longer be changed."))
            return redirect(self.task_url())
        form = TaskProgressForm(instance=self.entry, task=self.task, carried=self.carried)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = TaskProgressForm(request.POST, request.FILES, instance=self.entry, task=self.task, carried=self.carried)
        if not form.is_valid():
            messages.error(request, _("The entry was not saved: please correct the errors below."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        submitted = request.POST.get("action") == "submit"
        save = progress_save_and_submit if submitted else progress_save_draft
        try:
            save(
                task=self.task,
                period=self.period,
                department=request.user.department,
                by=request.user,
                data=form.progress_data(),
                expected_version=form.cleaned_data["version"],
                target_values=form.target_values(),
                files=form.cleaned_data["attachments"],
                carried_from=form.started_from(self.carried),
            )
        except ProgressConflict as conflict:
            return self.conflict(form, conflict)
        except ValidationError as error:
            messages.error(request, error_text(error))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("The entry was submitted.") if submitted else _("The draft was saved."))
        return redirect(self.task_url())

    def conflict(self, form, conflict: ProgressConflict):
        """Keep the user's text, show the saved version, and let a second save overwrite it knowingly."""
        current = conflict.current
        data = form.data.copy()
        data["version"] = current.version
        # The form validates into its instance; give it a copy so the saved version stays as saved.
        form = TaskProgressForm(data, instance=copy.copy(current), task=self.task)
        messages.error(self.request, conflict_message(conflict))
        context = self.get_context_data(form=form, conflict=current)
        return self.render_to_response(context, status=409)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(task=self.task, period=self.period, entry=self.entry, carried=self.carried)
        return context


class ProgressUnchangedView(LoginRequiredMixin, View):
    """ "No change this period": submit the department's entry as its latest earlier entry stands."""

    def post(self, request, task_pk, period_pk):
        task = get_object_or_404(tasks_visible_to(user=request.user), pk=task_pk)
        period = get_object_or_404(periods_visible_to(user=request.user), pk=period_pk)
        if not department_reports_on(user=request.user, task=task):
            raise PermissionDenied(_("Only the departments working on this task report its progress."))
        try:
            progress_confirm_unchanged(task=task, period=period, department=request.user.department, by=request.user)
        except ProgressConflict as conflict:
            messages.error(request, conflict_message(conflict, form=False))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Submitted unchanged from the previous period."))
        return redirect(_safe_next(request, f"{reverse('plans:my_work')}?period={period.pk}"))


class ProgressPeriodChoiceView(LoginRequiredMixin, View):
    """Open the progress form of the period picked on the task page."""

    def get(self, request, task_pk):
        period = chosen_period(request, required=True)
        return redirect("plans:progress_edit", task_pk=task_pk, period_pk=period.pk)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


class ProgressStepView(LoginRequiredMixin, View):
    """Take one workflow step (submit, approve, accept, return) on a progress entry."""

    def post(self, request, pk, step):
        if step not in TRANSITIONS:
            raise Http404
        progress = get_object_or_404(progress_visible_to(user=request.user), pk=pk)
        form = ReviewCommentForm(request.POST)
        form.is_valid()
        try:
            progress_transition(
                progress=progress,
                by=request.user,
                step=step,
                comment=form.cleaned_data.get("comment", ""),
                expected_version=form.cleaned_data.get("version"),
            )
        except ProgressConflict as conflict:
            messages.error(request, conflict_message(conflict, form=False))
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("Done: %(step)s.") % {"step": TRANSITIONS[step].label})
        return redirect(_safe_next(request, reverse("plans:task_detail", args=[progress.task_id])))


class AttachmentDownloadView(LoginRequiredMixin, View):
    """Serve an attachment to those who may read its progress entry; everyone else gets 404."""

    def get(self, request, pk):
        attachment = get_object_or_404(attachments_visible_to(user=request.user), pk=pk)
        return attachment_response(attachment)


class AttachmentDeleteView(LoginRequiredMixin, View):
    """Remove a file from an entry the user's department may still edit."""

    def post(self, request, pk):
        attachment = get_object_or_404(attachments_visible_to(user=request.user).select_related("progress"), pk=pk)
        progress_attachment_delete(attachment=attachment, by=request.user)
        messages.success(request, _("The file %(name)s was removed.") % {"name": attachment.original_name})
        return redirect(
            "plans:progress_edit", task_pk=attachment.progress.task_id, period_pk=attachment.progress.period_id
        )


class ReviewView(LoginRequiredMixin, TemplateView):
    """The focal point's view of a period: every department × task, counts, bulk accept, reminders."""

    template_name = "plans/review.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not reads_all_progress(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = chosen_period(self.request)
        context["period"] = period
        context["periods"] = period_choices(user=self.request.user)
        context["can_review"] = is_reviewer(self.request.user)
        if period is not None:
            context.update(self.period_context(period))
        return context

    def period_context(self, period: ReportingPeriod) -> dict:
        counts = review_counts(period=period)
        form = ReviewFilterForm.for_query(self.request.GET, departments=counts, **review_filter_choices(period=period))
        rows = review_rows(period=period, filters=form.filters(), counts=counts)
        page = Paginator(rows, settings.REVIEW_ROWS_PER_PAGE).get_page(self.request.GET.get("page"))
        return {
            "counts": counts,
            "filter_form": form,
            "page_obj": page,
            "rows": page.object_list,
            "reminder_logs": reminder_logs(period=period),
            "rates_url": self.rates_url(period),
        }

    @staticmethod
    def rates_url(period: ReportingPeriod) -> str | None:
        """The reporting-rate grid of the period's year and kind, which the page loads after it is shown."""
        if period.kind not in ReportingRatesForm.kinds():
            return None
        return f"{reverse('plans:reporting_rates')}?{urlencode({'year': period.year, 'kind': period.kind})}"


class ReportingRatesView(LoginRequiredMixin, TemplateView):
    """Departments × periods of a year: entries owed, sent and sent on time (DHIS2's reporting rates)."""

    template_name = "plans/reporting_rates.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not sees_plans(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        form = ReportingRatesForm(self.request.GET or {"year": today.year, "kind": settings.MY_WORK_PERIOD_KIND})
        context["form"] = form
        if form.is_valid():
            periods = reporting_periods_begun(**form.cleaned_data, today=today)
            context["periods"] = periods
            context["rows"] = reporting_rates(periods=periods, user=self.request.user)
        return context

    def get_template_names(self):
        # The grid alone, for the review page, which loads it after it is shown (portal.js data-fragment).
        if self.request.GET.get("fragment"):
            return ["plans/includes/rate_grid_fragment.html"]
        return super().get_template_names()


class ReviewActionView(LoginRequiredMixin, View):
    """Bulk accept or send reminders for a period: specialists only."""

    action = None

    def post(self, request, period_pk):
        if not reads_all_progress(request.user):
            raise Http404
        if not is_reviewer(request.user):
            raise PermissionDenied
        period = get_object_or_404(periods_visible_to(user=request.user), pk=period_pk)
        if self.action == "accept":
            ids = [int(value) for value in request.POST.getlist("progress") if value.isascii() and value.isdigit()]
            accepted, skipped = progress_bulk_accept(period=period, progress_ids=ids, by=request.user)
            messages.success(
                request,
                _("%(accepted)s entries accepted; %(skipped)s skipped (only approved entries can be accepted).")
                % {"accepted": accepted, "skipped": skipped},
            )
        else:
            sent = progress_reminders_send(period=period, by=request.user)
            messages.success(request, _("Reminders sent to %(count)s departments.") % {"count": sent})
        return redirect(_safe_next(request, f"{reverse('plans:review')}?period={period.pk}"))


class PlanManageMixin(LoginRequiredMixin):
    """Pages and actions on one plan for those who manage plans; 404 for those who do not see plans."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not may_manage_plans(request.user):
            raise Http404 if not sees_plans(request.user) else PermissionDenied
        pk = kwargs.get("pk")
        self.plan = get_object_or_404(plans_visible_to(user=request.user), pk=pk) if pk else None
        return super().dispatch(request, *args, **kwargs)


class PlanEditView(PlanManageMixin, TemplateView):
    """The plan editor: the plan, its areas and its tasks on one page, saved in one transaction.

    A new plan may start from its signed document or pasted text: the reader fills the editor,
    marks what it guessed, and nothing is created until the specialist saves.
    """

    template_name = "plans/plan_edit.html"

    @cached_property
    def standard_areas(self) -> list[StandardArea]:
        return list(StandardArea.objects.order_by("sort_order", "name"))

    def get(self, request, *args, **kwargs):
        rows = plan_row_initial(plan_table_rows(plan=self.plan)) if self.plan else []
        return self.render_editor(PlanHeaderForm(instance=self.plan), self.row_formset(initial=rows))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "read":
            return self.read_document()
        header = PlanHeaderForm(request.POST, request.FILES, instance=self.plan or Plan())
        rows = self.row_formset(data=request.POST)
        if not (header.is_valid() and rows.is_valid()):
            messages.error(request, _("The plan was not saved: please correct the rows marked below."))
            return self.render_editor(header, rows, status=400)
        try:
            plan = plan_table_save(plan=header.save(commit=False), areas=rows.area_rows(), by=request.user)
        except PlanTableError as error:
            unplaced = rows.add_row_errors(error.row_errors)
            messages.error(request, _("The plan was not saved: please correct the rows marked below."))
            return self.render_editor(header, rows, status=400, errors=unplaced)
        messages.success(request, _("The plan %(plan)s was saved.") % {"plan": plan})
        return redirect("plans:plan_detail", pk=plan.pk)

    def read_document(self):
        register = body_register(plan=self.plan)
        form = PlanReadForm(self.request.POST, self.request.FILES, register=register)
        if not form.is_valid():
            messages.error(self.request, _("The document was not read: %(reason)s") % {"reason": _form_errors(form)})
            header = PlanHeaderForm(instance=self.plan)
            return self.render_editor(header, self.row_formset(), read_form=form, status=400)
        codes = {area.code: area.pk for area in self.standard_areas}
        draft = draft_table(form.draft, register=register, standard_areas=codes)
        header = PlanHeaderForm(instance=self.plan, initial=draft.header)
        messages.info(self.request, _("Read: review the rows marked with a note, then save. Nothing is saved yet."))
        return self.render_editor(header, self.row_formset(initial=plan_row_initial(draft.areas)), draft=draft)

    def row_formset(self, **kwargs):
        return PlanRowFormSet(prefix="rows", standard_areas=self.standard_areas, **kwargs)

    def render_editor(self, header, rows, *, status=200, errors=(), draft=None, read_form=None):
        for form in rows.forms:
            form.notes = draft.notes.get(form.initial.get("ORDER"), []) if draft else []
        context = self.get_context_data(
            plan=self.plan,
            header=header,
            rows=rows,
            ordered_rows=sorted(rows.forms, key=_row_order),
            unplaced_errors=errors,
            draft=draft,
            read_form=read_form or PlanReadForm(),
            bodies=[{"name": name, "short": short} for name, short in body_names(plan=self.plan)],
        )
        return self.render_to_response(context, status=status)


def _form_errors(form) -> str:
    return " ".join(str(message) for messages_ in form.errors.values() for message in messages_)


def _row_order(form) -> int:
    """A row's place as the user left it (ORDER), so that a re-shown table keeps the user's order."""
    value = form["ORDER"].value()
    try:
        return int(value)
    except (TypeError, ValueError):
        return 10**6
