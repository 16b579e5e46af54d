"""Reads of delegations, scoped to the user asking, and their statistics computed in the database."""

import dataclasses
from typing import Any

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncMonth
from django.db.models.sql.where import AND, WhereNode
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as all_countries

from accounts.models import Department
from accounts.selectors import present_bodies, present_body_of
from core.countries import country_report_name

from .choices import DelegationStatus
from .models import (
    Delegation,
    DelegationCountry,
    DelegationDayRollup,
    DelegationMonthRollup,
    DelegationProvinceDayRollup,
    DelegationProvinceMonthRollup,
    DelegationQuerySet,
    RollupMeasures,
)
from .permissions import can_read_all_delegations, can_read_delegation_stats, is_department_member
from .rollup import rollup_conditions, single_country

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


@dataclasses.dataclass(frozen=True)
class _Source:
    """Where the figures are counted: rollup rows (summed) or delegations (counted), and how."""

    rows: QuerySet
    measures: dict
    country_field: str  # the column of a country row: the rollup's own, or the delegation's links


def _rollup_source(delegations: QuerySet[Delegation], group_by: str, countries: list[str] | None):
    """The rollup rows that hold the figures of these delegations, or None if it cannot answer.

    A country filter reads that country's rows, which hold each trip there once; grouped by country,
    only if the rows asked for are that country's (a trip's other countries are not in its rows).
    Otherwise the trip rows (country "") count each delegation once, and the country rows beside
    them give the grouping by country in the same scan.
    """
    country, rest = single_country(delegations)
    if group_by == "country" and country is not None and countries != [country]:
        return None
    # The smallest rollup that can answer: the province's when no department matters, else the
    # departments'; by month when the period is whole months, else by day.
    levels: list[type[RollupMeasures]] = [DelegationMonthRollup, DelegationDayRollup]
    if group_by != "department":
        levels[:0] = [DelegationProvinceMonthRollup, DelegationProvinceDayRollup]
    for model in levels:
        conditions = rollup_conditions(rest, model)
        if conditions is not None:
            break
    else:
        return None
    rows = model._default_manager.order_by()
    rows.query.where.add(WhereNode(conditions, AND), AND)
    if country is not None:
        rows = rows.filter(country=country)
    elif group_by == "country":
        rows = rows.filter(Q(country="") | Q(country__in=countries) if countries else Q())
    else:
        rows = rows.filter(country="")
    return _Source(rows, {"delegations": Sum("delegations"), "persons": Sum("persons")}, "country")


def _delegation_source(delegations: QuerySet[Delegation], group_by: str, countries: list[str] | None) -> _Source:
    """The delegations themselves, counted with COUNT(*); one country's filter becomes a join.

    The pair (delegation, country) is unique, so joining one country's links, or grouping links by
    country, never counts a delegation twice in a row.
    """
    measures = {"delegations": Count("*"), "persons": Sum("member_count")}
    country, rest = single_country(delegations)
    if country is not None and (group_by != "country" or countries == [country]):
        return _Source(rest.order_by().filter(countries__country=country), measures, "countries__country")
    if group_by == "country":
        links = Q(countries__country__in=countries) if countries else Q(countries__isnull=False)
        return _Source(delegations.order_by().filter(links), measures, "countries__country")
    return _Source(delegations.order_by(), measures, "countries__country")


def _group_rows(source: _Source, group_by: str, bodies: str) -> list[dict]:
    """Rows of {direction, <group key>, delegations, persons}, one query (two by present department)."""
    rows: Any  # a values() queryset whose shape depends on group_by
    measures = source.measures
    if group_by == "country":
        # A delegation to several countries counts once in each country's row.
        rows = (
            source.rows.values("direction", code=F(source.country_field))
            .annotate(**measures)
            .order_by("direction", "-delegations", "code")
        )
        return [
            {
                "direction": row["direction"],
                "country": row["code"],
                "country_name": country_name_vi(row["code"]) if row["code"] else "",
                "delegations": row["delegations"],
                "persons": row["persons"],
            }
            for row in rows
        ]
    if group_by == "department":
        return _department_rows(source, bodies)
    if group_by == "month":
        rows = source.rows.annotate(month=TruncMonth("start_date")).values("direction", "month").annotate(**measures)
        return [{**row, "month": row["month"].strftime("%Y-%m")} for row in rows.order_by("direction", "month")]
    if group_by == "quarter":
        rows = source.rows.annotate(year=ExtractYear("start_date"), quarter=ExtractQuarter("start_date"))
        rows = rows.values("direction", "year", "quarter").annotate(**measures)
        return list(rows.order_by("direction", "year", "quarter"))
    if group_by == "year":
        rows = source.rows.annotate(year=ExtractYear("start_date")).values("direction", "year").annotate(**measures)
        return list(rows.order_by("direction", "year"))
    rows = source.rows.values("direction").annotate(**measures)
    return list(rows.order_by("direction"))


def _department_rows(source: _Source, bodies: str) -> list[dict]:
    """Rows per department: the one recorded (as_of), or the body that holds its work today (current).

    `current` maps each department in the database (present_bodies' one query, then a CASE on the
    department id), so the rows of merged bodies fold into their successor and the totals stay equal.
    The names are joined onto the grouped rows, so the database looks them up once per row out,
    not once per delegation.
    """
    mapping = present_bodies() if bodies == CURRENT else {}
    grouped = (
        source.rows.annotate(body=present_body_of("department_id", mapping))
        .values("direction", "body")
        .annotate(**source.measures)
    )
    try:
        sql, params = grouped.query.sql_with_params()
    except EmptyResultSet:  # delegations.none(): the ORM would answer nothing without asking
        return []
    department = Department._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT g.direction, g.body, b.name, g.delegations, g.persons FROM ({sql}) g "
            f"LEFT JOIN {department} b ON b.id = g.body ORDER BY g.direction, b.sort_order, b.name",
            params,
        )
        rows = cursor.fetchall()
    keys = ("direction", "department", "department_name", "delegations", "persons")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def _split_totals(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """The rows and the totals per direction, both out of the one grouped query.

    Rows without a country (the rollup's trip rows, read beside its country rows) count each trip
    once: they are the totals. Otherwise each delegation is in exactly one row (by country, only
    when a single country is asked for), so the totals are the sums of the rows: a handful of
    numbers added here rather than a second scan of the delegations.
    """
    if any(row.get("country") == "" for row in rows):
        totals = [
            {key: row[key] for key in ("direction", "delegations", "persons")} for row in rows if not row["country"]
        ]
        return [row for row in rows if row["country"]], sorted(totals, key=lambda row: row["direction"])
    sums: dict[str, dict] = {}
    for row in rows:
        total = sums.setdefault(row["direction"], {"direction": row["direction"], "delegations": 0, "persons": 0})
        total["delegations"] += row["delegations"]
        total["persons"] += row["persons"]
    return rows, [sums[direction] for direction in sorted(sums)]


def delegation_stats(
    *,
    delegations: QuerySet[Delegation],
    group_by: str = "direction",
    include_cancelled: bool = False,
    countries: list[str] | None = None,
    with_totals: bool = True,
    bodies: str = AS_OF,
) -> dict:
    """Delegations and persons per direction and group, with the totals, in one query.

    `delegations` is already filtered (period, direction, department…). The figures come from the
    day rollup whenever its columns can answer the filters (delegations.rollup), else from the
    delegations themselves (a search, an end date…); both answer the same. Cancelled delegations
    are left out unless include_cancelled. `with_totals=False` leaves "totals" empty. `bodies`
    decides the department rows: the body recorded on each delegation (as_of) or the one that holds
    its work today (current), one query more. Raises ValueError for an unknown group_by or bodies.
    """
    if group_by not in GROUP_BY_CHOICES:
        raise ValueError(f"Unknown group_by {group_by!r}")
    if bodies not in BODIES_CHOICES:
        raise ValueError(f"Unknown bodies {bodies!r}")
    if not include_cancelled:
        delegations = delegations.exclude(status=DelegationStatus.CANCELLED)
    countries = list(countries) if countries else None
    source = _rollup_source(delegations, group_by, countries)
    if source is None:
        source = _delegation_source(delegations, group_by, countries)
        if group_by == "country" and countries != [single_country(delegations)[0]]:
            # Through the links a trip to two countries is two rows: the totals count the delegations apart.
            rows = _group_rows(source, group_by, bodies)
            return _answer(group_by, include_cancelled, bodies, rows, _totals(delegations) if with_totals else [])
    rows, totals = _split_totals(_group_rows(source, group_by, bodies))
    return _answer(group_by, include_cancelled, bodies, rows, totals if with_totals else [])


def _answer(group_by: str, include_cancelled: bool, bodies: str, rows: list[dict], totals: list[dict]) -> dict:
    return {
        "group_by": group_by,
        "include_cancelled": include_cancelled,
        "bodies": bodies,
        "counting": counting_note(),
        "rows": rows,
        "totals": totals,
    }


def _totals(delegations: QuerySet[Delegation]) -> list[dict]:
    """Totals per direction counted on delegations themselves, so several countries never count twice."""
    rows: Any = delegations.order_by().values("direction").annotate(delegations=Count("*"), persons=Sum("member_count"))
    return list(rows.order_by("direction"))


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
