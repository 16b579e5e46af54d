from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.selectors import departments_offered
from core.forms import DateInput, style_widgets

from .attachments import ALLOWED_EXTENSIONS, attachment_check
from .choices import PeriodKind, PlanStatus, TaskTiming, WorkflowState
from .ingest import IngestError, read_plan_file, read_plan_text
from .models import Plan, TaskProgress
from .selectors import ReviewFilters
from .table import AreaRow, TaskRow


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
        self.fields["kind"].choices = [(kind, label) for kind, label in PeriodKind.choices if kind in self.kinds()]
        style_widgets(self)

    @staticmethod
    def kinds() -> list[str]:
        """The kinds of period whose rates can be shown: those collected from departments."""
        return list(settings.PROGRESS_COLLECTED_PERIOD_KINDS)


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

    # What the focal point opens the list for: entries the heads approved, waiting for acceptance.
    NEEDS_ACTION = {"state": WorkflowState.APPROVED}

    @classmethod
    def for_query(cls, query, **choices) -> "ReviewFilterForm":
        """The form for the page's query; a query that names no filter shows what needs action.

        `state=` (every state) shows every row.
        """
        if not any(name in query for name in cls.base_fields):
            query = query.copy()
            query.update(cls.NEEDS_ACTION)
        return cls(query, **choices)

    @property
    def shows_needs_action(self) -> bool:
        """True when the list shows only what needs action, as it does by default."""
        return self.is_valid() and self.filters() == ReviewFilters(state=self.NEEDS_ACTION["state"])

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


# --- the plan editor ------------------------------------------------------------------------------

ROW_AREA, ROW_TASK = "area", "task"
# Which form field shows each column of plans.table's row errors.
ROW_ERROR_FIELDS = {
    "title": "text",
    "content": "text",
    "lead": "lead",
    "coordinating": "coordinating",
    "timing": "timing",
    "deadline": "deadline",
    "expected_output": "expected_output",
    "targets": "targets",
}


class PlanHeaderForm(forms.ModelForm):
    """The plan itself, as the editor shows it above its areas and tasks."""

    class Meta:
        model = Plan
        fields = [
            "kind",
            "document_number",
            "issuing_body",
            "issuer",
            "issue_date",
            "title",
            "start_year",
            "end_year",
            "continues_after",
            "legal_bases",
            "signed_document",
        ]
        widgets = {
            "issue_date": DateInput(),
            "title": forms.Textarea(attrs={"rows": 2}),
            "legal_bases": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keep = [self.instance.issuing_body_id] if self.instance.pk else []
        self.fields["issuing_body"].queryset = departments_offered(keep=keep).order_by("sort_order", "name")
        style_widgets(self, small=False)


class PlanRowForm(forms.Form):
    """One row of the editor's table: an area heading, or a task under the area above it."""

    notes: list[str] | tuple = ()  # the plan reader's guesses on this row, set by the view

    kind = forms.ChoiceField(choices=[(ROW_AREA, _("Area")), (ROW_TASK, _("Task"))], widget=forms.HiddenInput)
    id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    text = forms.CharField(label=_("Content"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    standard_area = forms.TypedChoiceField(label=_("Standard area"), coerce=int, required=False, empty_value=None)
    lead = forms.CharField(
        label=_("Lead department"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 1})
    )
    coordinating = forms.CharField(
        label=_("Coordinating departments"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 2})
    )
    timing = forms.ChoiceField(
        label=_("Timing"), choices=TaskTiming.choices, initial=TaskTiming.CONTINUOUS, required=False
    )
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    expected_output = forms.CharField(
        label=_("Expected output"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line: indicator: value unit, e.g. “Lớp tiếng Việt: 3 lớp”."),
    )

    def __init__(self, *args, standard_areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard_area"].choices = [("", "—"), *((area.pk, area.name) for area in standard_areas)]
        for name in ("lead", "coordinating"):
            self.fields[name].widget.attrs.update({"data-suggest": "bodies", "autocomplete": "off"})
        self.fields["coordinating"].widget.attrs["data-suggest-many"] = "1"
        style_widgets(self)

    @property
    def is_area(self) -> bool:
        return (self["kind"].value() or ROW_TASK) == ROW_AREA


class BasePlanRowFormSet(forms.BaseFormSet):
    """The editor's rows in the order the user put them (ORDER), deleted rows left out."""

    def __init__(self, *args, standard_areas=(), **kwargs):
        self.standard_areas = standard_areas
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "standard_areas": self.standard_areas}

    def clean(self):
        if any(self.errors):
            return
        rows = self.ordered_forms
        if not rows:
            raise ValidationError(_("Add at least one area and one task."))
        if rows[0].cleaned_data["kind"] != ROW_AREA:
            raise ValidationError(_("The first row must be an area: tasks belong to the area above them."))

    def area_rows(self) -> list[AreaRow]:
        """The cleaned rows as plans.table rows; line numbers are the rows' places in the table."""
        areas: list[AreaRow] = []
        for line, form in enumerate(self.ordered_forms, start=1):
            data = form.cleaned_data
            if data["kind"] == ROW_AREA:
                areas.append(AreaRow(line, data["id"], data["text"], data["standard_area"]))
                continue
            areas[-1].tasks.append(
                TaskRow(
                    line=line,
                    id=data["id"],
                    content=data["text"],
                    lead=data["lead"],
                    coordinating=data["coordinating"],
                    timing=data["timing"] or TaskTiming.CONTINUOUS,
                    deadline=data["deadline"],
                    expected_output=data["expected_output"],
                    targets=data["targets"],
                )
            )
        return areas

    def add_row_errors(self, errors) -> list:
        """Show plans.table's errors on their rows; return those that belong to no row."""
        by_line = dict(enumerate(self.ordered_forms, start=1))
        unplaced = []
        for error in errors:
            form = by_line.get(error.line)
            field = ROW_ERROR_FIELDS.get(error.column)
            if form is None or field is None:
                unplaced.append(error)
            else:
                form.add_error(field, error.message)
        return unplaced


PlanRowFormSet = forms.formset_factory(
    PlanRowForm,
    formset=BasePlanRowFormSet,
    extra=0,
    can_delete=True,
    can_order=True,
    max_num=2000,
    validate_max=True,
    absolute_max=2000,
)


def plan_row_initial(areas: list[AreaRow]) -> list[dict]:
    """The editor's initial rows for a plan's table (plans.table.plan_table_rows or a reader's draft)."""
    initial = []
    for area in areas:
        initial.append({"kind": ROW_AREA, "id": area.id, "text": area.title, "standard_area": area.standard_area_id})
        for task in area.tasks:
            initial.append(
                {
                    "kind": ROW_TASK,
                    "id": task.id,
                    "text": task.content,
                    "lead": task.lead,
                    "coordinating": task.coordinating,
                    "timing": task.timing,
                    "deadline": task.deadline,
                    "expected_output": task.expected_output,
                    "targets": task.targets,
                }
            )
    for order, row in enumerate(initial, start=1):
        row["ORDER"] = order
    return initial


class PlanReadForm(forms.Form):
    """A plan's signed document, or its text pasted, for the reader to fill the editor from."""

    document = forms.FileField(
        label=_("The signed plan (.docx, or .pdf with text)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.pdf,.txt"}),
    )
    text = forms.CharField(
        label=_("or its text, pasted"), required=False, widget=forms.Textarea(attrs={"rows": 4}), strip=False
    )

    def __init__(self, *args, register=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.register = register
        self.draft = None
        style_widgets(self, small=False)

    def clean(self):
        document, text = self.cleaned_data.get("document"), self.cleaned_data.get("text") or ""
        if not document and not text.strip():
            raise ValidationError(_("Choose the plan's file or paste its text."))
        try:
            if document:
                if document.size > settings.PLAN_DOCUMENT_MAX_MB * 1024 * 1024:
                    raise IngestError(
                        _("A plan's file may be at most %(max)s MB.") % {"max": settings.PLAN_DOCUMENT_MAX_MB}
                    )
                self.draft = read_plan_file(document.read(), name=document.name, register=self.register)
            else:
                self.draft = read_plan_text(text, register=self.register)
        except IngestError as error:
            raise ValidationError(str(error)) from None
        return self.cleaned_data


class PlanImportForm(forms.Form):
    """A plan's tasks as an Excel workbook, edited from the export or the template."""

    file = forms.FileField(label=_("Excel file (.xlsx)"), widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self, small=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PLAN_IMPORT_MAX_MB * 1024 * 1024:
            raise ValidationError(_("The file is larger than %(max)d MB.") % {"max": settings.PLAN_IMPORT_MAX_MB})
        return upload


class PlanStatusForm(forms.Form):
    """Put a plan in force, close it, or mark it replaced, from a day."""

    status = forms.ChoiceField(
        label=_("New status"),
        choices=[
            (PlanStatus.IN_FORCE, PlanStatus.IN_FORCE.label),
            (PlanStatus.CLOSED, PlanStatus.CLOSED.label),
            (PlanStatus.REPLACED, PlanStatus.REPLACED.label),
        ],
    )
    on = forms.DateField(
        label=_("From"), widget=DateInput(), help_text=_("In force from this day, or out of force from it.")
    )
    replaced_by = forms.ModelChoiceField(label=_("Replaced by"), queryset=Plan.objects.none(), required=False)

    def __init__(self, *args, plan, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replaced_by"].queryset = plans.exclude(pk=plan.pk).exclude(status=PlanStatus.DRAFT)
        style_widgets(self)

    def clean(self):
        data = super().clean()
        if data.get("status") == PlanStatus.REPLACED and not data.get("replaced_by"):
            self.add_error("replaced_by", _("Choose the plan that replaces this one."))
        return data
