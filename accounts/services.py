"""Writes of the accounts app that carry a rule: the focal point's terms."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import FocalPoint


def _term_ended_by(focal_point: FocalPoint) -> FocalPoint | None:
    """The open term a new one ends (the function moves on the new term's first day)."""
    if focal_point.pk is not None or focal_point.valid_from is None:
        return None
    return FocalPoint.objects.filter(valid_to__isnull=True, valid_from__lt=focal_point.valid_from).first()


def focal_point_check(*, focal_point: FocalPoint) -> None:
    """Refuse a term that overlaps another (after ending the open term a new one replaces). Raises ValidationError."""
    ended = _term_ended_by(focal_point)
    others = FocalPoint.objects.exclude(pk__in=[pk for pk in (focal_point.pk, ended and ended.pk) if pk])
    end = focal_point.valid_to or datetime.date.max
    clash = others.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=focal_point.valid_from), valid_from__lte=end)
    first = clash.order_by("valid_from").first()
    if first is not None:
        day = f"{first.valid_from:%d/%m/%Y}"
        raise ValidationError(
            {"valid_from": _("This term overlaps the focal point in charge from %(day)s.") % {"day": day}}
        )


@transaction.atomic
def focal_point_save(*, focal_point: FocalPoint) -> FocalPoint:
    """Store a focal point's term; a new term that starts after the open one ends it the day before.

    That is how the function moves, e.g. from the Sở Ngoại vụ to the Văn phòng UBND tỉnh on 01/03/2025:
    one new record, and earlier reports keep the earlier header. Raises ValidationError on overlaps.
    """
    list(FocalPoint.objects.select_for_update())  # terms change one at a time
    focal_point_check(focal_point=focal_point)
    ended = _term_ended_by(focal_point)
    if ended is not None:
        ended.valid_to = focal_point.valid_from - datetime.timedelta(days=1)
        ended.full_clean()
        ended.save(update_fields=["valid_to"])
    focal_point.full_clean()
    focal_point.save()
    return focal_point
