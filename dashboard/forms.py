"""The dashboard's filters (plan, period, date range), shared by the page, its drill-down lists and the API."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, DateRangeMixin, style_widgets
from plans.choices import ReportTimeliness, TaskStanding
from plans.models import Plan, ReportingPeriod
from plans.selectors import periods_visible_to, plans_readable_by

from .filters import DashboardFilters


class DashboardFilterForm(DateRangeMixin, forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Plan"), queryset=Plan.objects.none(), required=False, empty_label=_("All plans in force")
    )
    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.none(),
        required=False,
        help_text=_("Choosing a period uses its data window instead of the dates."),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices need no area and task counts: counting joins every task of every plan.
        self.fields["plan"].queryset = plans_readable_by(user=user).order_by("-start_year", "document_number")
        self.fields["period"].queryset = periods_visible_to(user=user).order_by("-end_date", "kind", "sequence")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        return self.clean_range(data)

    def names_unreachable_object(self) -> bool:
        """Whether a plan or period in the address is unknown or out of the user's reach (answered with 404)."""
        return any(self.has_error(name, code="invalid_choice") for name in ("plan", "period"))

    @property
    def filters(self) -> DashboardFilters:
        data = self.cleaned_data
        return DashboardFilters(
            plan=data.get("plan"),
            period=data.get("period"),
            date_from=data["date_from"],
            date_to=data["date_to"],
            as_of=min(data["date_to"], timezone.localdate()),
        )


class TaskDrillDownForm(DashboardFilterForm):
    """The dashboard's filters plus the figure a task list stands behind (a standing, an area, a timeliness cell)."""

    standing = forms.ChoiceField(
        label=_("Standing"), choices=[("", "---------"), *TaskStanding.choices], required=False
    )
    area = forms.IntegerField(label=_("Task area"), min_value=1, required=False, widget=forms.HiddenInput)
    standard_area = forms.IntegerField(label=_("Standard area"), min_value=0, required=False, widget=forms.HiddenInput)
    department = forms.IntegerField(label=_("Department"), min_value=1, required=False, widget=forms.HiddenInput)
    timeliness = forms.ChoiceField(
        label=_("Report"), choices=[("", "---------"), *ReportTimeliness.choices], required=False
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("department")) != bool(data.get("timeliness")):
            raise forms.ValidationError(_("A department and how its reports came in go together."))
        return data

    @property
    def choice(self) -> dict:
        """The figure's own filters that were given."""
        names = ("standing", "area", "standard_area", "department", "timeliness")
        return {name: self.cleaned_data[name] for name in names if self.cleaned_data.get(name) not in (None, "")}
