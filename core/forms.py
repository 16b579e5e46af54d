"""Form pieces shared by every app: Bootstrap styling and the Vietnamese date input."""

from django import forms
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
