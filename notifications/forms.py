from django import forms

from .choices import NotificationKind


class NotificationPreferencesForm(forms.Form):
    """One "by e-mail" checkbox per kind of notification that concerns the user."""

    def __init__(self, *args, kinds, current: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds:
            self.fields[kind] = forms.BooleanField(
                label=NotificationKind(kind).label,
                required=False,
                initial=current.get(kind, True),
                widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
            )

    def email_by_kind(self) -> dict[str, bool]:
        return {kind: bool(value) for kind, value in self.cleaned_data.items()}
