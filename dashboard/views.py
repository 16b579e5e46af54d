"""The leadership dashboard page and the task list each of its figures links to."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.views.generic import ListView, TemplateView

from accounts.permissions import reads_all_progress

from .cache import served_dashboard_figures
from .forms import DashboardFilterForm, TaskDrillDownForm
from .permissions import can_open_dashboard, may_see_department
from .presenters import area_section, delegations_section, headline_section, late_section, timeliness_section
from .selectors import drill_down_tasks


class DashboardAccessMixin(LoginRequiredMixin):
    """Signed-in users who may open the dashboard; the statistics reader gets 404 as on every plan page."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can_open_dashboard(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class DashboardView(DashboardAccessMixin, TemplateView):
    template_name = "dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = DashboardFilterForm(self.request.GET, user=self.request.user)
        context["form"] = form
        if not form.is_valid():
            if form.names_unreachable_object():
                raise Http404
            return context
        filters = form.filters
        served = served_dashboard_figures(user=self.request.user, filters=filters)
        figures = served.figures
        context.update(figures=figures, filters=filters, only_own=not reads_all_progress(self.request.user))
        context.update(computed_at=served.computed_at, figures_current=served.current)
        context.update(headline_section(figures, filters), **area_section(figures, filters))
        context.update(late_section(figures), **timeliness_section(figures, filters, self.request))
        context.update(delegations_section(figures, filters))
        return context


class DashboardTaskListView(DashboardAccessMixin, ListView):
    """The tasks behind a dashboard figure, filtered by the same plan, period and dates."""

    template_name = "dashboard/task_list.html"
    context_object_name = "tasks"
    paginate_by = 50

    def get_queryset(self):
        user = self.request.user
        self.form = TaskDrillDownForm(self.request.GET, user=user)
        if not self.form.is_valid():
            if self.form.names_unreachable_object():
                raise Http404
            return drill_down_tasks(user=user, filters=None, choice={})
        choice = self.form.choice
        if "department" in choice and not may_see_department(user, choice["department"]):
            raise Http404
        return drill_down_tasks(user=user, filters=self.form.filters, choice=choice)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query"] = query.urlencode()
        return context
