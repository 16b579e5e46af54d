"""Reads of delegations, scoped to the user asking, and their statistics computed in the database."""

from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncMonth
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as all_countries

from accounts.models import Department
from accounts.selectors import present_bodies, present_body_of
from core.countries import country_report_name

from .choices import DelegationStatus
from .models import Delegation, DelegationCountry, DelegationQuerySet
from .permissions import can_read_all_delegations, can_read_delegation_stats, is_department_member

GROUP_BY_CHOICES = ("direction", "country", "department", "month", "quarter", "year")
# Department rows by the body recorded on the delegation (as it was) or by its present successor.
AS_OF, CURRENT = "as_of", "current"
BODIES = [
    (AS_OF, gettext_lazy("As they were (recorded body)")),
    (CURRENT, gettext_lazy("As they are now (present successor)")),
]
BODIES_CHOICES = (AS_OF, CURRENT)


def delegations_visible_to(*, user) -> DelegationQuerySet:
    """Delegations the user may open: all for managers and leadership, their department's for staff."""
    delegations = Delegation.objects.all()
    if can_read_all_delegations(user):
        return delegations
    if is_department_member(user):
        return delegations.filter(department_id=user.department_id)
    return delegations.none()


def delegations_for_list(*, user) -> QuerySet[Delegation]:
    """The visible delegations with what a list row shows, in a fixed number of queries."""
    return (
        delegations_visible_to(user=user)
        .select_related("department")
        .prefetch_related(Prefetch("countries", queryset=DelegationCountry.objects.order_by("id")))
        .with_report_overdue()
    )


def delegations_for_stats(*, user) -> QuerySet[Delegation]:
    """Delegations whose figures the user may read: every department's for any reading role."""
    if not can_read_delegation_stats(user):
        return Delegation.objects.none()
    return Delegation.objects.all()


def country_name_vi(code: str) -> str:
    """The country's Vietnamese name, whatever language the request speaks (reports are in Vietnamese)."""
    with translation.override("vi"):
        return str(all_countries.name(code))


def _group_rows(
    delegations: QuerySet[Delegation], group_by: str, countries: list[str] | None, bodies: str = AS_OF
) -> list[dict]:
    """Rows of {direction, <group key>, delegations, persons}, one query (two by present department)."""
    measures = {"delegations": Count("id", distinct=True), "persons": Sum("member_count")}
    rows: Any  # a values() queryset whose shape depends on group_by
    delegations = delegations.order_by()
    if group_by == "country":
        # Through DelegationCountry: a delegation to several countries counts once in each row. The
        # pair (delegation, country) is unique, so summing member_count per country cannot double a row.
        links = DelegationCountry.objects.filter(delegation__in=delegations.values("pk"))
        if countries:
            links = links.filter(country__in=countries)
        rows = (
            links.order_by()
            .values("delegation__direction", "country")
            .annotate(delegations=Count("delegation_id", distinct=True), persons=Sum("delegation__member_count"))
            .order_by("delegation__direction", "-delegations", "country")
        )
        return [
            {
                "direction": row["delegation__direction"],
                "country": row["country"],
                "country_name": country_name_vi(row["country"]),
                "delegations": row["delegations"],
                "persons": row["persons"],
            }
            for row in rows
        ]
    if group_by == "department":
        return _department_rows(delegations, bodies)
    if group_by == "month":
        rows = delegations.annotate(month=TruncMonth("start_date")).values("direction", "month").annotate(**measures)
        return [{**row, "month": row["month"].strftime("%Y-%m")} for row in rows.order_by("direction", "month")]
    if group_by == "quarter":
        rows = delegations.annotate(year=ExtractYear("start_date"), quarter=ExtractQuarter("start_date"))
        rows = rows.values("direction", "year", "quarter").annotate(**measures)
        return list(rows.order_by("direction", "year", "quarter"))
    if group_by == "year":
        rows = delegations.annotate(year=ExtractYear("start_date")).values("direction", "year").annotate(**measures)
        return list(rows.order_by("direction", "year"))
    rows = delegations.values("direction").annotate(**measures)
    return list(rows.order_by("direction"))


def _department_rows(delegations: QuerySet[Delegation], bodies: str) -> list[dict]:
    """Rows per department: the one recorded (as_of), or the body that holds its work today (current).

    `current` maps each department in the database (present_bodies' one query, then a CASE on the
    department id), so the rows of merged bodies fold into their successor and the totals stay equal.
    """
    mapping = present_bodies() if bodies == CURRENT else {}
    body = Department.objects.filter(pk=OuterRef("body"))
    rows: Any = (
        delegations.annotate(body=present_body_of("department_id", mapping))
        .values("direction", "body")
        .annotate(
            department_name=Subquery(body.values("name")[:1]),
            sort_order=Subquery(body.values("sort_order")[:1]),
            delegations=Count("id", distinct=True),
            persons=Sum("member_count"),
        )
        .order_by("direction", "sort_order", "department_name")
    )
    return [
        {
            "direction": row["direction"],
            "department": row["body"],
            "department_name": row["department_name"],
            "delegations": row["delegations"],
            "persons": row["persons"],
        }
        for row in rows
    ]


def _totals(delegations: QuerySet[Delegation]) -> list[dict]:
    """Totals per direction counted on delegations themselves, so several countries never count twice."""
    rows: Any = (
        delegations.order_by().values("direction").annotate(delegations=Count("id"), persons=Sum("member_count"))
    )
    return list(rows.order_by("direction"))


def delegation_stats(
    *,
    delegations: QuerySet[Delegation],
    group_by: str = "direction",
    include_cancelled: bool = False,
    countries: list[str] | None = None,
    with_totals: bool = True,
    bodies: str = AS_OF,
) -> dict:
    """Delegations and persons per direction and group, in two queries (one without totals).

    `delegations` is already filtered (period, direction, department…). Cancelled delegations are left
    out unless include_cancelled. `with_totals=False` leaves "totals" empty, for a caller that already
    has them from another grouping of the same delegations. `bodies` decides the department rows: the
    body recorded on each delegation (as_of) or the one that holds its work today (current). Raises
    ValueError for an unknown group_by or bodies.
    """
    if group_by not in GROUP_BY_CHOICES:
        raise ValueError(f"Unknown group_by {group_by!r}")
    if bodies not in BODIES_CHOICES:
        raise ValueError(f"Unknown bodies {bodies!r}")
    if not include_cancelled:
        delegations = delegations.exclude(status=DelegationStatus.CANCELLED)
    return {
        "group_by": group_by,
        "include_cancelled": include_cancelled,
        "bodies": bodies,
        "counting": counting_note(),
        "rows": _group_rows(delegations, group_by, countries, bodies),
        "totals": _totals(delegations) if with_totals else [],
    }


def counting_note() -> str:
    """How the figures are counted, stated with every answer so that nobody adds the rows up wrongly."""
    return _(
        "A delegation counts in the period of its start date. Persons is the sum of the delegations' "
        "number of persons. Cancelled delegations are left out unless include_cancelled is true. A "
        "delegation to several countries counts once in each country's row and once in the totals, so "
        "country rows may add up to more than the totals."
    )


def delegation_stats_sentences(*, by_country: dict) -> dict[str, str]:
    """Report sentences per direction, e.g. "đã đón tiếp … 266 đoàn với 2.024 lượt khách quốc tế; trong đó …".

    `by_country` is delegation_stats(group_by="country"). The sentence names the countries of
    DELEGATION_REPORT_COUNTRIES, or else the one with most delegations. Raises nothing; a direction
    without delegations has no sentence.
    """
    openings = {
        "inbound": _("received and worked with %(delegations)s delegations with %(persons)s foreign visitors"),
        "outbound": _(
            "sent %(delegations)s delegations with %(persons)s officials on missions to foreign countries and "
            "territories"
        ),
    }
    details = {
        "inbound": _("%(delegations)s delegations with %(persons)s visitors from %(country)s"),
        "outbound": _("%(delegations)s delegations with %(persons)s officials on missions to %(country)s"),
    }
    sentences = {}
    for total in by_country["totals"]:
        direction = total["direction"]
        sentence = openings[direction] % _figures(total)
        named = [
            details[direction] % {**_figures(row), "country": country_report_name(row["country"])}
            for row in _named_country_rows(by_country["rows"], direction)
        ]
        if named:
            sentence += _("; of which ") + ", ".join(named)
        sentences[direction] = sentence
    return sentences


def _figures(row: dict) -> dict:
    """Delegations and persons written the Vietnamese way (2.024) in a Vietnamese request."""
    return {"delegations": intcomma(row["delegations"]), "persons": intcomma(row["persons"])}


def _named_country_rows(rows: list[dict], direction: str) -> list[dict]:
    """The rows of the featured partner countries, in the setting's order, or the largest row."""
    rows = [row for row in rows if row["direction"] == direction]
    by_code = {row["country"]: row for row in rows}
    featured = [by_code[code] for code in settings.DELEGATION_REPORT_COUNTRIES if code in by_code]
    if featured or not rows:
        return featured
    return [max(rows, key=lambda row: (row["delegations"], row["persons"]))]
