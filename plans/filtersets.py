"""Filters of task lists, shared by the HTML pages (my work, plan page) and the API."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES
from django_filters.widgets import BooleanWidget
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from accounts.models import Department
from core.forms import StyledFilterForm

from .choices import WorkflowState
from .models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress
from .search import normalise_search_text
from .selectors import areas_visible_to, department_tasks, periods_visible_to, plans_readable_by, tasks_visible_to

MISSING = "missing"


class OverdueWidget(BooleanWidget):
    """Yes/no/any, worded for the overdue filter ("Unknown" would puzzle a reader)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Overdue only")), ("false", _("Not overdue"))]


STATE_CHOICES = [(MISSING, _("Not reported")), *WorkflowState.choices]
# The filters that read a task's latest progress (progress_state, task_overdue).
PROGRESS_FILTERS = ("state", "overdue")


def _plans(request):
    # The choices need no area and task counts: counting joins every task of every plan.
    return plans_readable_by(user=request.user) if request else Plan.objects.none()


def _areas(request):
    return areas_visible_to(user=request.user) if request else TaskArea.objects.none()


class TaskFilterSet(django_filters.FilterSet):
    """Filter tasks annotated with progress_state and task_overdue (see plans.selectors)."""

    q = django_filters.CharFilter(method="filter_search", label=_("Search"))
    # "Tất cả" rather than "---------" for the choice that leaves a filter out.
    plan = django_filters.ModelChoiceFilter(
        field_name="area__plan", queryset=_plans, label=_("Plan"), empty_label=_("All")
    )
    area = django_filters.ModelChoiceFilter(
        field_name="area", queryset=_areas, label=_("Task area"), empty_label=_("All")
    )
    department = django_filters.ModelChoiceFilter(
        method="filter_department", queryset=Department.objects.active(), label=_("Department"), empty_label=_("All")
    )
    state = django_filters.ChoiceFilter(
        choices=STATE_CHOICES, method="filter_state", label=_("Progress state"), empty_label=_("All")
    )
    overdue = django_filters.BooleanFilter(field_name="task_overdue", label=_("Overdue"), widget=OverdueWidget())

    class Meta:
        model = Task
        fields = ["q", "plan", "area", "department", "state", "overdue"]
        form = StyledFilterForm

    def __init__(self, *args, plan=None, period=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            # On a plan's page only its own areas make sense.
            self.filters.pop("plan")
            self.filters["area"].queryset = plan.areas.all()
        elif period is not None and self.request is not None:
            # A period's work lies in the plans in force during it: earlier years' plans and their
            # areas are no choice there (and hundreds of options to render on every page).
            plans = _plans(self.request).in_force_during(period.start_date, period.end_date)
            self.filters["plan"].queryset = plans
            self.filters["area"].queryset = _areas(self.request).filter(plan__in=plans.values("pk"))

    def reads_progress(self) -> bool:
        """Whether a chosen filter reads the progress annotations: the queryset must carry them then."""
        self.is_valid()  # cleans the form: only valid values filter
        chosen = getattr(self.form, "cleaned_data", {})
        return any(chosen.get(name) not in EMPTY_VALUES for name in PROGRESS_FILTERS)

    def filter_search(self, queryset, name, value):
        words = normalise_search_text(value).split()
        for word in words:
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    @extend_schema_field(OpenApiTypes.INT)
    def filter_department(self, queryset, name, value):
        return queryset.filter(pk__in=department_tasks(department_id=value.pk).values("pk"))

    def filter_state(self, queryset, name, value):
        if value == MISSING:
            return queryset.filter(progress_state__isnull=True)
        return queryset.filter(progress_state=value)


class TaskProgressFilterSet(django_filters.FilterSet):
    """Filter progress entries by period, task, department and state (API)."""

    period = django_filters.ModelChoiceFilter(
        queryset=lambda request: periods_visible_to(user=request.user) if request else ReportingPeriod.objects.none()
    )
    task = django_filters.ModelChoiceFilter(
        queryset=lambda request: tasks_visible_to(user=request.user) if request else Task.objects.none()
    )

    class Meta:
        model = TaskProgress
        fields = ["period", "task", "department", "state", "status"]
