"""The dashboard's filters (plan, period, date range), shared by the page, its drill-down lists and the API."""

import datetime
from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, style_widgets
from plans.choices import ReportTimeliness, TaskStanding
from plans.models import Plan, ReportingPeriod
from plans.selectors import periods_visible_to, plans_visible_to

# Dates outside these years are typing mistakes; they would also break "the same span last year".
EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


@dataclass(frozen=True)
class DashboardFilters:
    plan: Plan | None
    period: ReportingPeriod | None
    date_from: datetime.date
    date_to: datetime.date
    # The day the task figures describe: the end of the range, or today while the range runs on.
    as_of: datetime.date

    def key(self) -> dict:
        """What the cached figures depend on (with as_of, so that yesterday's figures expire at midnight)."""
        return {
            "plan": self.plan.pk if self.plan else None,
            "period": self.period.pk if self.period else None,
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
            "as_of": self.as_of.isoformat(),
        }

    def query(self) -> dict:
        """The query parameters that reproduce these filters on a drill-down list."""
        query = {"date_from": self.date_from.isoformat(), "date_to": self.date_to.isoformat()}
        if self.plan:
            query["plan"] = self.plan.pk
        if self.period:
            query["period"] = self.period.pk
        return query


class DashboardFilterForm(forms.Form):
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
        self.fields["plan"].queryset = plans_visible_to(user=user).order_by("-start_year", "document_number")
        self.fields["period"].queryset = periods_visible_to(user=user).order_by("-end_date", "kind", "sequence")
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        today = timezone.localdate()
        if data.get("period"):
            data["date_from"], data["date_to"] = data["period"].start_date, data["period"].end_date
        data["date_from"] = data.get("date_from") or datetime.date(today.year, 1, 1)
        data["date_to"] = data.get("date_to") or today
        date_from, date_to = data["date_from"], data["date_to"]
        for name, value in (("date_from", date_from), ("date_to", date_to)):
            if not EARLIEST <= value <= LATEST:
                self.add_error(name, _("Choose a date between 1990 and 2100."))
        if date_to < date_from:
            self.add_error("date_to", _("The end of the period cannot come before its start."))
        return data

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
