"""Writes to delegations that carry a business rule."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.history import record_author

from .choices import DelegationStatus, Direction
from .models import Delegation, DelegationCountry
from .permissions import can_change_delegation, can_record_for_department
from .rollup import rollup_deferred

# Fields a form, the API or an import row may set; everything else is kept by the services.
EDITABLE_FIELDS = (
    "reference",
    "direction",
    "title",
    "purpose",
    "department",
    "leader_name",
    "leader_position",
    "member_count",
    "partner_kind",
    "partner",
    "start_date",
    "end_date",
    "funding_source",
    "cost_vnd",
    "approval_document",
    "approval_date",
    "status",
    "result_report_submitted_on",
)


def _check_caps(*, delegation: Delegation, country_count: int) -> None:
    """Apply the province's caps on outbound trips (0 disables a cap). Raises ValidationError."""
    if delegation.direction != Direction.OUTBOUND:
        return
    errors = {}
    max_members = settings.DELEGATION_MAX_OUTBOUND_MEMBERS
    if max_members and delegation.member_count and delegation.member_count > max_members:
        errors["member_count"] = _("An outbound delegation has at most %(max)d persons.") % {"max": max_members}
    max_countries = settings.DELEGATION_MAX_OUTBOUND_COUNTRIES
    if max_countries and country_count > max_countries:
        errors["countries"] = _("An outbound delegation visits at most %(max)d countries.") % {"max": max_countries}
    if errors:
        raise ValidationError(errors)


def _check_countries(countries: list[str]) -> None:
    if not countries:
        raise ValidationError({"countries": _("Give at least one country.")})
    if len(set(countries)) != len(countries):
        raise ValidationError({"countries": _("A country is listed twice.")})


def _check_department_existed(delegation: Delegation) -> None:
    """A delegation is recorded with the body that did the work on its start date. Raises ValidationError."""
    department, start = delegation.department if delegation.department_id else None, delegation.start_date
    if department is None or start is None or department.exists_on(start):
        return
    raise ValidationError(
        {
            "department": _("%(body)s did not exist on %(date)s: choose the body that did the work then.")
            % {"body": department.name, "date": f"{start:%d/%m/%Y}"}
        }
    )


def _check_status_change(*, delegation: Delegation, previous_status: str | None) -> None:
    """Cancelling needs its reason, so only delegation_cancel does it; a plain edit may not.

    Raises ValidationError. Bringing a cancelled delegation back forgets the old reason.
    """
    if delegation.status == previous_status:
        return
    if delegation.status == DelegationStatus.CANCELLED:
        raise ValidationError({"status": _("Cancel a delegation with the cancel action, which records the reason.")})
    if previous_status == DelegationStatus.CANCELLED:
        delegation.cancellation_reason = ""


def _save(*, delegation: Delegation, countries: list[str], localities=None, related_tasks=None) -> Delegation:
    """Validate and store the delegation with its countries.

    `localities` maps a country to its partner locality; without it, kept countries keep theirs.
    """
    # Run every check before raising, so the user sees all problems at once.
    errors: dict = {}
    checks = (
        lambda: _check_countries(countries),
        lambda: _check_caps(delegation=delegation, country_count=len(countries)),
        lambda: _check_department_existed(delegation),
        delegation.full_clean,
    )
    for check in checks:
        try:
            check()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    # The statistics rollup is recomputed once, after the countries are written too.
    with rollup_deferred():
        _write(delegation=delegation, countries=countries, localities=localities, related_tasks=related_tasks)
    return delegation


def _write(*, delegation: Delegation, countries: list[str], localities, related_tasks) -> None:
    delegation.save()
    delegation.countries.exclude(country__in=countries).delete()
    kept = {str(link.country): link for link in delegation.countries.all()}
    localities = localities if localities is not None else {}
    DelegationCountry.objects.bulk_create(
        [
            DelegationCountry(delegation=delegation, country=code, locality=localities.get(code, ""))
            for code in countries
            if code not in kept
        ]
    )
    changed = [link for code, link in kept.items() if code in localities and link.locality != localities[code]]
    for link in changed:
        link.locality = localities[str(link.country)]
    DelegationCountry.objects.bulk_update(changed, ["locality"])
    if related_tasks is not None:
        delegation.related_tasks.set(related_tasks)


@transaction.atomic
def delegation_create(*, by, countries: list[str], localities=None, related_tasks=None, **fields) -> Delegation:
    """Record a delegation of a department the user may record for.

    Raises PermissionDenied for another department, ValidationError on invalid data or a province cap.
    """
    delegation = Delegation(created_by=by, **{name: value for name, value in fields.items() if name in EDITABLE_FIELDS})
    if not can_record_for_department(by, delegation.department_id):
        raise PermissionDenied(_("You may only record delegations of your own department."))
    _check_status_change(delegation=delegation, previous_status=None)
    return _save(delegation=delegation, countries=countries, localities=localities, related_tasks=related_tasks)


@transaction.atomic
def delegation_update(
    *, delegation: Delegation, by, countries: list[str] | None = None, localities=None, related_tasks=None, **fields
):
    """Change a delegation, which must stay with a department the user may record for.

    Raises PermissionDenied otherwise, ValidationError on invalid data or a province cap.
    """
    if not can_change_delegation(by, delegation):
        raise PermissionDenied(_("You may only change delegations of your own department."))
    previous_status = delegation.status
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(delegation, name, value)
    if not can_record_for_department(by, delegation.department_id):
        raise PermissionDenied(_("You may only record delegations of your own department."))
    _check_status_change(delegation=delegation, previous_status=previous_status)
    if countries is None:
        countries = list(delegation.countries.values_list("country", flat=True))
    return _save(delegation=delegation, countries=countries, localities=localities, related_tasks=related_tasks)


@transaction.atomic
def delegation_cancel(*, delegation: Delegation, by, reason: str) -> Delegation:
    """Cancel a delegation with a reason.

    Raises PermissionDenied if the user may not change it, ValidationError if it is already cancelled,
    completed, or the reason is empty.
    """
    if not can_change_delegation(by, delegation):
        raise PermissionDenied(_("You may only change delegations of your own department."))
    if not delegation.is_cancellable:
        raise ValidationError(_("Only a planned or approved delegation can be cancelled."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    delegation.status = DelegationStatus.CANCELLED
    delegation.cancellation_reason = reason.strip()
    delegation.full_clean()
    delegation.save(update_fields=["status", "cancellation_reason", "updated_at"])
    return delegation


def delegations_follow_succession(*, predecessors, successor, effective_date: datetime.date, by=None, **kwargs) -> int:
    """Give the successor the predecessors' delegations that start on or after the effective date.

    Those trips are the successor's work (the predecessors no longer exist on their dates); earlier
    ones keep the body they had. Saved one by one so each keeps a history record. Returns how many
    moved. Called by plans.services.department_succession_record through its signal, in its transaction.
    """
    moving = Delegation.objects.filter(department__in=predecessors, start_date__gte=effective_date).order_by("pk")
    count = 0
    with rollup_deferred():  # the statistics rollup recomputes each day touched once, not once a trip
        for delegation in moving:
            delegation.department = successor
            record_author(delegation, by)
            delegation.save(update_fields=["department", "updated_at"])
            count += 1
    return count
