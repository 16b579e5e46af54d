"""The statistics as delegations.selectors computed them before the rollup: the oracle of test_rollup.

Counted straight from the delegations (COUNT(DISTINCT id), IN subqueries, a second totals query):
slow at scale, but obviously right. Kept here so the rollup and the fallback are held to it.
"""

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear, TruncMonth

from accounts.models import Department
from accounts.selectors import present_bodies, present_body_of
from delegations.choices import DelegationStatus
from delegations.models import Delegation, DelegationCountry
from delegations.selectors import AS_OF, CURRENT, country_name_vi


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


def oracle_stats(
    *, delegations: QuerySet[Delegation], group_by: str, include_cancelled: bool, countries, bodies: str
) -> dict:
    """The rows and totals the portal answered before the rollup."""
    if not include_cancelled:
        delegations = delegations.exclude(status=DelegationStatus.CANCELLED)
    return {
        "rows": _group_rows(delegations, group_by, countries or None, bodies),
        "totals": _totals(delegations),
    }
