from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, style_widgets
from plans.choices import PlanStatus
from plans.models import Plan, ReportingPeriod


class ReportRequestForm(forms.Form):
    """Compile a report for a reporting period, or for a date range, and one plan or all plans in force.

    The range rule (a period or both dates, in order) is report_request's; the view shows its message.
    """

    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.order_by("-end_date", "kind", "sequence"),
        required=False,
        empty_label=_("— a date range instead —"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.exclude(status=PlanStatus.DRAFT).order_by("-issue_date"),
        required=False,
        empty_label=_("All plans in force"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)
