import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from accounts.models import Department
from accounts.selectors import departments_offered
from core.countries import sorted_choices
from core.forms import DateInput, DateRangeMixin, style_widgets
from plans.models import ReportingPeriod
from plans.selectors import tasks_linkable_by

from .models import Delegation
from .permissions import can_manage_all_delegations
from .selectors import AS_OF, BODIES
from .services import EDITABLE_FIELDS

DATE_INPUT = DateInput()


def country_choices() -> list[tuple[str, str]]:
    """Every country, the province's usual partners (DELEGATION_REPORT_COUNTRIES) first."""
    featured = [(code, str(all_countries.name(code))) for code in settings.DELEGATION_REPORT_COUNTRIES]
    codes = set(settings.DELEGATION_REPORT_COUNTRIES)
    return featured + sorted_choices((code, name) for code, name in all_countries if code not in codes)


class DelegationForm(forms.ModelForm):
    """The browser's form for recording and editing a delegation; the services apply the rules."""

    class Meta:
        model = Delegation
        # What the services let any writer set, less the reference (import files carry it), plus the
        # related tasks, which only this form edits.
        fields = [*(field for field in EDITABLE_FIELDS if field != "reference"), "related_tasks"]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "approval_date": DATE_INPUT,
            "result_report_submitted_on": DATE_INPUT,
            "related_tasks": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Staff and heads record only their own department's delegations: offer nothing else.
        if not can_manage_all_delegations(user):
            self.fields["department"].queryset = Department.objects.filter(pk=user.department_id)
            self.fields["department"].initial = user.department_id
        else:
            # Bodies that exist today; a delegation being changed keeps the body recorded on it.
            self.fields["department"].queryset = departments_offered(keep=[self.instance.department_id])
        linkable = tasks_linkable_by(user=user)
        self.fields["related_tasks"].queryset = linkable.select_related("area__plan").order_by("area__plan", "pk")
        self.fields["related_tasks"].required = False
        # Links to tasks this user may not see (set by a specialist) are neither shown nor dropped.
        self.hidden_related_tasks = (
            list(self.instance.related_tasks.exclude(pk__in=linkable.values("pk"))) if self.instance.pk else []
        )
        style_widgets(self)

    def clean_related_tasks(self):
        return [*self.cleaned_data["related_tasks"], *self.hidden_related_tasks]

    def _post_clean(self):
        # The services run full_clean with the countries and the province's caps; validating the model
        # here too would report the same error twice.
        pass


class CountryRowForm(forms.Form):
    """One country of the delegation and the partner locality there (e.g. Lào: tỉnh Hủa Phăn)."""

    country = forms.ChoiceField(
        label=_("Country"), choices=lambda: [("", "---------"), *country_choices()], required=False
    )
    locality = forms.CharField(label=_("Partner locality"), max_length=255, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("locality") and not data.get("country"):
            self.add_error("country", _("Choose the country of this locality."))
        return data


class BaseCountryFormSet(forms.BaseFormSet):
    def countries(self) -> tuple[list[str], dict[str, str]]:
        """The chosen country codes in order and the locality of each, for the services."""
        rows = [form.cleaned_data for form in self.forms if form.cleaned_data.get("country")]
        return [row["country"] for row in rows], {row["country"]: row.get("locality", "") for row in rows}


CountryFormSet = forms.formset_factory(
    CountryRowForm, formset=BaseCountryFormSet, extra=3, max_num=50, validate_max=True
)


def country_formset(data=None, *, delegation=None) -> BaseCountryFormSet:
    """The country rows of the form, filled from the delegation when editing."""
    initial = []
    if delegation is not None:
        initial = [{"country": link.country.code, "locality": link.locality} for link in delegation.countries.all()]
    return CountryFormSet(data, initial=initial, prefix="countries")


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Excel file (.xlsx)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DELEGATION_IMPORT_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(max)d MB.") % {"max": settings.DELEGATION_IMPORT_MAX_MB}
            )
        return upload


class StatsPeriodForm(DateRangeMixin, forms.Form):
    """The statistics page's period: a reporting period's window, or dates; this whole year by default."""

    range_fields = ("start_date_after", "start_date_before")

    period = forms.ModelChoiceField(
        label=_("Reporting period"),
        queryset=ReportingPeriod.objects.order_by("-end_date", "kind", "sequence"),
        required=False,
        help_text=_("Choosing a period uses its data window instead of the dates."),
    )
    start_date_after = forms.DateField(label=_("From"), required=False, widget=DATE_INPUT)
    start_date_before = forms.DateField(label=_("To"), required=False, widget=DATE_INPUT)
    include_cancelled = forms.BooleanField(label=_("Include cancelled delegations"), required=False)
    bodies = forms.ChoiceField(
        label=_("Departments"),
        choices=BODIES,
        required=False,
        help_text=_("Merged or renamed bodies counted as they were, or under the body that holds their work today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)

    def clean_bodies(self) -> str:
        return self.cleaned_data.get("bodies") or AS_OF

    def default_range(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)

    def clean(self):
        return self.clean_range(super().clean())
