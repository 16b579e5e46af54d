from django import forms
from django.utils.translation import gettext_lazy as _

from core.choices_scope import restrict_choices
from core.forms import DateInput, style_widgets
from plans.models import Plan, ReportingPeriod
from plans.selectors import periods_visible_to

from .selectors import reportable_plans

# A section of a report runs to a few pages; far more is pasted by mistake.
MAX_SECTION_CHARACTERS = 50_000


class ReportRequestForm(forms.Form):
    """Compile a report for a reporting period, or for a date range, and one plan or all plans in force.

    The range rule (a period or both dates, in order) is report_request's; the view shows its message.
    """

    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.none(),
        required=False,
        empty_label=_("— a date range instead —"),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        required=False,
        empty_label=_("All plans in force"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        restrict_choices(
            self.fields,
            period=periods_visible_to(user=user).order_by("-end_date", "kind", "sequence"),
            plan=reportable_plans(user=user).order_by("-issue_date"),
        )
        style_widgets(self)


class ReportDraftForm(forms.Form):
    """The report's body as the specialist writes it before signing, and the number and date of signing."""

    signed_number = forms.CharField(
        label=_("Number and symbol"),
        required=False,
        max_length=60,
        help_text=_("Leave empty to write it by hand at signing (“Số: …/BC-…”)."),
    )
    signed_on = forms.DateField(
        label=_("Signing date"), required=False, widget=DateInput(), help_text=_("Empty: written by hand.")
    )

    def __init__(self, *args, texts: dict[str, str], labels: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, text in texts.items():
            self.fields[f"text_{key}"] = forms.CharField(
                label=labels[key],
                required=False,
                max_length=MAX_SECTION_CHARACTERS,
                initial=text,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 12}),
            )
        style_widgets(self, small=False)

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix("text_"): value for name, value in self.cleaned_data.items() if name.startswith("text_")
        }
