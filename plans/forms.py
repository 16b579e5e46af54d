from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import style_widgets

from .attachments import ALLOWED_EXTENSIONS, attachment_check
from .choices import PeriodKind, WorkflowState
from .models import TaskProgress
from .selectors import ReviewFilters


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked for size and real type."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(MultipleFileField, self).clean(upload, initial) for upload in uploads]
        for upload in cleaned:
            attachment_check(upload)
        return cleaned


class ReportingRatesForm(forms.Form):
    """Which year and kind of period the reporting-rate grid shows."""

    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    kind = forms.ChoiceField(label=_("Kind of period"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (kind, label) for kind, label in PeriodKind.choices if kind in settings.PROGRESS_COLLECTED_PERIOD_KINDS
        ]
        style_widgets(self)


class ReviewFilterForm(forms.Form):
    """What the review list shows: one department, plan, area or state, or only overdue rows.

    The choices come from the caller (the departments that owe in the period, the plans in force in
    it, the standard areas), so that the form itself reads nothing from the database.
    """

    department = forms.TypedChoiceField(label=_("Department"), coerce=int, required=False, empty_value=None)
    plan = forms.TypedChoiceField(label=_("Plan"), coerce=int, required=False, empty_value=None)
    area = forms.TypedChoiceField(label=_("Area"), coerce=int, required=False, empty_value=None)
    state = forms.ChoiceField(label=_("State"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, departments=(), plans=(), areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("All"))]
        self.fields["department"].choices = everything + [(d.pk, str(d)) for d in departments]
        self.fields["plan"].choices = everything + [(p.pk, p.document_number) for p in plans]
        self.fields["area"].choices = everything + [(a.pk, a.name) for a in areas]
        self.fields["state"].choices = everything + [("missing", _("Not reported")), *WorkflowState.choices]
        style_widgets(self)

    def filters(self) -> ReviewFilters:
        """The filters chosen; none when the form is not valid."""
        if not self.is_valid():
            return ReviewFilters()
        data = self.cleaned_data
        return ReviewFilters(
            department_id=data["department"],
            plan_id=data["plan"],
            standard_area_id=data["area"],
            state=data["state"] or None,
            overdue=data["overdue"],
        )


class TaskProgressForm(forms.ModelForm):
    """One department's progress on one task for one period, with its achieved values and files."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    attachments = MultipleFileField(
        label=_("Attachments"),
        required=False,
        help_text=_("PDF, Word, Excel or images (PNG, JPG)."),
    )

    class Meta:
        model = TaskProgress
        fields = ["status", "percent_done", "results", "difficulties", "proposals"]
        widgets = {
            "results": forms.Textarea(attrs={"rows": 5}),
            "difficulties": forms.Textarea(attrs={"rows": 3}),
            "proposals": forms.Textarea(attrs={"rows": 3}),
            "percent_done": forms.NumberInput(attrs={"min": 0, "max": 100}),
        }

    # The earlier entry the form was filled from, sent back so that the save records it.
    carried_from = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, task, carried=None, **kwargs):
        """`carried`: the department's earlier entry, which fills a form for an entry not created yet."""
        super().__init__(*args, **kwargs)
        self.targets = list(task.targets.all())
        achieved = {}
        if self.instance.pk:
            achieved = {value.target_id: value.achieved_value for value in self.instance.target_values.all()}
        elif carried is not None:
            achieved = {value.target_id: value.achieved_value for value in carried.target_values.all()}
            for field in TaskProgress.CARRIED_FIELDS:
                self.initial[field] = getattr(carried, field)
            self.fields["carried_from"].initial = carried.pk
        for target in self.targets:
            self.fields[self.target_field(target)] = forms.DecimalField(
                label=f"{target.name} ({target.unit})",
                help_text=_("Target: %(value)s") % {"value": f"{target.target_value.normalize():f}"},
                required=False,
                min_value=0,
                max_digits=14,
                decimal_places=2,
                initial=achieved.get(target.pk),
            )
        # Achieved values belong with the figures above the attachments.
        self.order_fields([*self._meta.fields, *(self.target_field(t) for t in self.targets), "attachments"])
        self.fields["version"].initial = self.instance.version if self.instance.pk else 0
        style_widgets(self, small=False)

    @staticmethod
    def target_field(target) -> str:
        return f"target_{target.pk}"

    def target_values(self) -> dict:
        return {target.pk: self.cleaned_data.get(self.target_field(target)) for target in self.targets}

    def started_from(self, carried):
        """The earlier entry this new entry was filled from, if the form says it was."""
        if carried is not None and self.cleaned_data.get("carried_from") == carried.pk:
            return carried
        return None

    def progress_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ReviewCommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
