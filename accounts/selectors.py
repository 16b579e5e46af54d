"""Reads of departments and users shared by the apps that write to them."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db.models import Case, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from .choices import DEPARTMENT_BOUND_ROLES
from .models import Department, DepartmentSuccession, FocalPoint, User, existing_on


def focal_point_on(day: datetime.date) -> FocalPoint:
    """The focal point in charge on the day, as reports print it.

    Before the first recorded term, the earliest one; with no record at all, an unsaved one from the
    settings that seed it (PROVINCE_NAME, REPORT_*). Two queries at most.
    """
    terms = FocalPoint.objects.select_related("body")
    in_charge = terms.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day), valid_from__lte=day)
    found = in_charge.order_by("-valid_from").first() or terms.order_by("valid_from").first()
    return found or focal_point_from_settings()


def focal_point_from_settings() -> FocalPoint:
    """The focal point the environment describes: the seed of a fresh install and of the admin's add form."""
    return FocalPoint(
        province_name=settings.PROVINCE_NAME,
        printed_name=settings.REPORT_ISSUING_BODY,
        parent_body=settings.REPORT_PARENT_BODY,
        document_symbol=settings.REPORT_DOCUMENT_SYMBOL,
        place_name=settings.REPORT_PLACE,
        signer_authority=settings.REPORT_SIGNER_AUTHORITY,
        signer_title=settings.REPORT_SIGNER_TITLE,
        signer_name=settings.REPORT_SIGNER_NAME,
        recipients="\n".join(settings.REPORT_RECIPIENTS),
        archive_note=settings.REPORT_ARCHIVE_NOTE,
        valid_from=datetime.date(2000, 1, 1),
    )


def focal_point_header(focal_point: FocalPoint) -> dict:
    """What a report prints of its focal point, kept in the report's content so re-downloads agree."""
    return {
        "province": focal_point.province_name,
        "parent_body": focal_point.parent_body,
        "printed_name": focal_point.printed_name,
        "document_symbol": focal_point.document_symbol,
        "place_name": focal_point.place_name,
        "signer_authority": focal_point.signer_authority,
        "signer_title": focal_point.signer_title,
        "signer_name": focal_point.signer_name,
        "recipients": focal_point.recipient_lines,
        "archive_note": focal_point.archive_note.rstrip("."),
        "addressee": report_addressee(focal_point),
    }


def report_addressee(focal_point: FocalPoint) -> str:
    """The higher body a report goes to, written out for "Kính gửi": "Ủy ban nhân dân tỉnh Sơn La"."""
    parent = focal_point.parent_body.strip()
    folded = parent.upper()
    if folded.startswith(("UBND", "ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN")):
        return f"Ủy ban nhân dân tỉnh {focal_point.province_name}"
    return parent[:1].upper() + parent[1:].lower() if parent.isupper() else parent


def department_recipients_prefetch() -> Prefetch:
    """Prefetch a department's active staff and heads that have an e-mail address, for department_recipients."""
    users = User.objects.filter(is_active=True, role__in=DEPARTMENT_BOUND_ROLES).exclude(email="")
    return Prefetch("users", queryset=users)


def department_recipients(department: Department) -> list[str]:
    """Where mail to a department goes: its own address and its active users' (prefetched), sorted, no blanks."""
    addresses = {department.email, *(user.email for user in department.users.all())}
    return sorted(address for address in addresses if address)


def departments_offered(*, keep: Iterable[int | None] = ()) -> QuerySet[Department]:
    """Bodies a new task, user or delegation may be given: active and existing today.

    `keep` names the bodies an existing record already has (e.g. an old task's lead), so that an
    old record keeps showing, and may be saved with, the body it had.
    """
    offered = Q(is_active=True) & existing_on(timezone.localdate())
    kept = [pk for pk in keep if pk]
    return Department.objects.filter(offered | Q(pk__in=kept) if kept else offered)


def succession_links() -> list[tuple[int, int]]:
    """Every (predecessor, successor) pair of the register, earliest recorded first: one query."""
    return list(DepartmentSuccession.objects.order_by("pk").values_list("predecessor_id", "successor_id"))


def department_heirs(links: list[tuple[int, int]]) -> dict[int, int]:
    """Each body that passed its work on → its heir: the successor of its earliest succession.

    plans.services.department_succession_record records the heir's row first and gives it the open
    tasks and users, so in a split the lowest id names the heir.
    """
    heirs: dict[int, int] = {}
    for predecessor, successor in links:
        heirs.setdefault(predecessor, successor)
    return heirs


def present_bodies() -> dict[int, int]:
    """Map every body that passed its work on to the body that holds that work today, in one query.

    Mergers and renamings are followed link by link to a body with no successor. A body that split
    hands on to its heir: the successor of its earliest succession (lowest id), which
    plans.services.department_succession_record records first and gives the open tasks and users.
    """
    heirs = department_heirs(succession_links())
    present = {}
    for body in heirs:
        seen, current = {body}, heirs[body]
        while current in heirs and heirs[current] not in seen:  # the seen set guards against a cycle
            seen.add(current)
            current = heirs[current]
        present[body] = current
    return present


def present_body_of(field: str, mapping: dict[int, int]) -> Case | F:
    """An expression giving, for the body in `field`, the body that holds its work today (see present_bodies)."""
    if not mapping:
        return F(field)
    whens = [When(**{field: old}, then=Value(new)) for old, new in sorted(mapping.items())]
    return Case(*whens, default=F(field), output_field=IntegerField())
