"""Every choice a user is offered comes from what they may see: one helper for forms and serializers.

A form or serializer field that names another model (a plan, a task, a department) would otherwise
accept, and list, every row of that model; a staff member could link a draft plan's task and then
read its text. Each form and serializer points its related fields at the app's selectors with this.
"""

from typing import Any

from django.db.models import QuerySet


def restrict_choices(fields: dict[str, Any], **querysets: QuerySet) -> None:
    """Point each named related field at its queryset; a value outside it is refused as an invalid choice.

    Works for Django's ModelChoiceField / ModelMultipleChoiceField and DRF's related fields (a
    many=True field keeps its queryset on its child relation). Read-only and absent fields are left alone.
    """
    for name, queryset in querysets.items():
        field = fields.get(name)
        if field is None or getattr(field, "read_only", False):
            continue
        target = getattr(field, "child_relation", field)
        target.queryset = queryset


class ScopedChoicesMixin:
    """For serializers: `scoped_choices(user)` names each related field's queryset for the requesting user.

    Without a request in the context (a nested or internal use), the fields keep their querysets.
    """

    def scoped_choices(self, user) -> dict[str, QuerySet]:
        raise NotImplementedError

    def get_fields(self):
        fields = super().get_fields()  # type: ignore[misc]
        request = self.context.get("request")  # type: ignore[attr-defined]
        user = self.context.get("user") or getattr(request, "user", None)  # type: ignore[attr-defined]
        if user is not None:
            restrict_choices(fields, **self.scoped_choices(user))
        return fields
