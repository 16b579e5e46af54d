"""Form pieces shared by every app: Bootstrap styling, the Vietnamese date input, the date-range rule."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """A date typed day first (14/04/2017), whatever language the browser speaks.

    A native <input type="date"> shows the browser's own order (mm/dd/yyyy on the English
    browsers many offices run), which is not how a Vietnamese official writes a date.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {"placeholder": _("dd/mm/yyyy"), "inputmode": "numeric", "autocomplete": "off"}
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%d/%m/%Y")


def style_widgets(form, *, small: bool = True) -> None:
    """Give each widget its Bootstrap class, so templates render fields with a plain {{ field }}."""
    size = " form-select-sm" if small else ""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select" + size
        else:
            css = "form-control" + (" form-control-sm" if small else "")
        widget.attrs["class"] = css


class StyledFilterForm(forms.Form):
    """The form class of every FilterSet (Meta.form): filters look like the rest of the portal."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_widgets(self)


# Dates outside these years are typing mistakes; they would also break "the same span last year".
EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class DateRangeMixin:
    """The one date-range rule of the portal's filter forms (statistics, dashboard).

    A chosen reporting period wins over the typed dates (its data window is used); a missing date
    takes the form's default (`default_range`); dates must lie in 1990–2100 and be in order.
    The form names its two date fields in `range_fields` and may have a `period` field.
    """

    range_fields = ("date_from", "date_to")

    def default_range(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        """From 1 January of this year to today; a form may choose otherwise."""
        return datetime.date(today.year, 1, 1), today

    def clean_range(self, data: dict) -> dict:
        start_name, end_name = self.range_fields
        if data.get("period"):
            data[start_name], data[end_name] = data["period"].start_date, data["period"].end_date
        default_start, default_end = self.default_range(timezone.localdate())
        data[start_name] = data.get(start_name) or default_start
        data[end_name] = data.get(end_name) or default_end
        for name in self.range_fields:
            if not EARLIEST <= data[name] <= LATEST:
                self.add_error(name, _("Choose a date between 1990 and 2100."))  # type: ignore[attr-defined]
        if start_name in data and end_name in data and data[end_name] < data[start_name]:
            self.add_error(end_name, _("The end of the period cannot come before its start."))  # type: ignore[attr-defined]
        return data
