from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from .selectors import plan_areas_with_tasks, plans_visible_to


class PlanListView(LoginRequiredMixin, ListView):
    template_name = "plans/plan_list.html"
    context_object_name = "plans"

    def get_queryset(self):
        return plans_visible_to(user=self.request.user)


class PlanDetailView(LoginRequiredMixin, DetailView):
    template_name = "plans/plan_detail.html"
    context_object_name = "plan"

    def get_queryset(self):
        return plans_visible_to(user=self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["areas"] = plan_areas_with_tasks(plan=self.object)
        return context
