"""Figures of the leadership dashboard, computed in the database from the rules of plans and delegations.

Nothing here decides what "overdue" or "a delegation" means: task standing and report timeliness come
from plans.selectors, delegation counting from delegations.selectors.delegation_stats. This module
only chooses the rows (the user's scope and the filters) and gathers the figures, in a fixed number
of queries whatever the amount of data.
"""

import datetime

from django.conf import settings
from django.db.models import Case, F, QuerySet, When

from accounts.permissions import reads_all_progress
from core.typing import AnnotatedQuerySet
from delegations.choices import Direction
from delegations.selectors import delegation_stats, delegations_visible_to
from plans.choices import TaskStanding
from plans.models import Plan, ReportingPeriod, StandardArea, Task, TaskArea
from plans.selectors import (
    department_tasks_by_timeliness,
    department_timeliness,
    last_closed_period,
    reporting_periods_begun,
    reporting_rates,
    tasks_visible_to,
    tasks_with_standing,
)

from .filters import DashboardFilters
from .permissions import may_see_department

# How many overdue or behind tasks the page lists before pointing to the full list.
LATE_TASKS_SHOWN = 50
# How many partner countries the chart shows.
TOP_COUNTRIES = 10
# Tasks without a standard area are grouped under this key (and reached with standard_area=0).
NO_STANDARD_AREA = 0


def dashboard_tasks(*, user, filters: DashboardFilters) -> QuerySet[Task]:
    """Tasks the user may see in the chosen plan, or in every plan in force when none is chosen."""
    tasks = tasks_visible_to(user=user)
    if filters.plan:
        return tasks.filter(area__plan=filters.plan)
    in_force = Plan.objects.in_force_during(filters.date_from, filters.as_of)
    return tasks.filter(area__plan__in=in_force.values("pk"))


def dashboard_tasks_with_standing(*, user, filters: DashboardFilters) -> AnnotatedQuerySet:
    """The dashboard's tasks, each with its latest entry as of filters.as_of and its standing."""
    return tasks_with_standing(user=user, tasks=dashboard_tasks(user=user, filters=filters), as_of=filters.as_of)


# What a late task's row shows; read for late tasks only, so that the province's texts are not.
LATE = [TaskStanding.OVERDUE, TaskStanding.BEHIND]
STANDING_ROW = {
    "plan_number": F("area__plan__document_number"),
    "late_content": Case(When(task_standing__in=LATE, then=F("content")), default=None),
    "late_lead_name": Case(When(task_standing__in=LATE, then=F("lead_department__name")), default=None),
}
STANDING_COLUMNS = (
    "pk",
    "task_standing",
    "area_key",
    "deadline",
    "plan_number",
    "area__position",
    "position",
    "progress_status",
    "lead_department",
    "late_content",
    "late_lead_name",
)


def standing_figures(tasks: AnnotatedQuerySet, *, plan: Plan | None) -> dict:
    """Tasks in total and per standing, per area, and the late tasks, from one read of the standings.

    Ranking every task's latest entry is the costly part (a window over the province's entries), so
    it is done once: the counts are summed here from one row per task (the late ones with their
    text). Two queries: the tasks and their areas' names.
    """
    key = F("area__standard_area") if plan is None else F("area")
    rows = tasks.order_by().annotate(area_key=key, **STANDING_ROW).values_list(*STANDING_COLUMNS, named=True)
    rows = list(rows)
    return {
        "tasks": _standing_totals(row.task_standing for row in rows),
        "areas": _area_rows(rows, names=_area_names(plan=plan)),
        "late_tasks": _late_task_rows(rows),
    }


def _standing_totals(standings) -> dict:
    counts = dict.fromkeys(TaskStanding.values, 0)
    for standing in standings:
        counts[standing] += 1
    return {"total": sum(counts.values()), **counts}


def _area_names(*, plan: Plan | None) -> dict:
    """Area key → (name, sort key): the plan's own areas, or the standard areas when no plan is chosen."""
    if plan is None:
        return {area.pk: (area.name, (area.sort_order, area.name)) for area in StandardArea.objects.all()}
    return {area.pk: (area.title, (area.position, "")) for area in TaskArea.objects.filter(plan=plan)}


def _area_rows(rows: list, *, names: dict) -> list[dict]:
    """Tasks per area, in the areas' order."""
    standings: dict = {}
    for row in rows:
        standings.setdefault(row.area_key, []).append(row.task_standing)
    # Tasks without a standard area come last, as NULL sorts last on PostgreSQL.
    last = (float("inf"), "")
    ordered = sorted(standings, key=lambda key: (*names.get(key, (None, last))[1], key or NO_STANDARD_AREA))
    return [
        {"key": key or NO_STANDARD_AREA, "name": names.get(key, (None,))[0], **_standing_totals(standings[key])}
        for key in ordered
    ]


def _late_task_rows(rows: list) -> list[dict]:
    """The first overdue or behind-schedule tasks, earliest deadline first (none last), in the plans' order."""
    late = [row for row in rows if row.task_standing in LATE]
    late.sort(
        key=lambda row: (
            row.deadline is None,
            row.deadline or datetime.date.min,
            row.plan_number,
            row.area__position,
            row.position,
        )
    )
    return [
        {
            "pk": row.pk,
            "content": row.late_content,
            "deadline": row.deadline,
            "task_standing": row.task_standing,
            "progress_status": row.progress_status,
            "lead_department": row.lead_department,
            "plan_number": row.plan_number,
            "lead_department_name": row.late_lead_name,
        }
        for row in late[:LATE_TASKS_SHOWN]
    ]


def timeliness_period(*, filters: DashboardFilters) -> ReportingPeriod | None:
    """The chosen period, or else the last one of the usual kind whose deadline has passed."""
    return filters.period or last_closed_period(as_of=filters.as_of)


def timeliness_rows(*, user, filters: DashboardFilters, period: ReportingPeriod | None) -> list[dict]:
    """On time, late and missing entries per department for the period; staff see their department only."""
    if period is None:
        return []
    rows = department_timeliness(period=period, tasks=dashboard_tasks(user=user, filters=filters))
    if not reads_all_progress(user):
        rows = [row for row in rows if row["pk"] == user.department_id]
    return rows


def timeliness_tasks(*, user, filters: DashboardFilters, department_id: int, timeliness: str) -> QuerySet[Task]:
    """The tasks behind one cell of the timeliness table (drill-down)."""
    period = timeliness_period(filters=filters)
    if period is None or not may_see_department(user, department_id):
        return Task.objects.none()
    tasks = dashboard_tasks(user=user, filters=filters)
    return department_tasks_by_timeliness(
        period=period, tasks=tasks, department_id=department_id, timeliness=timeliness
    )


def timeliness_summary(rows: list[dict]) -> dict:
    """How many departments sent every entry on time, of how many owed entries (share in percent)."""
    on_time = sum(1 for row in rows if row["on_time"] == row["expected"])
    share = round(100 * on_time / len(rows), 1) if rows else None
    return {"department_count": len(rows), "on_time_departments": on_time, "on_time_share": share}


def same_span_last_year(day: datetime.date) -> datetime.date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def delegation_figures(*, user, filters: DashboardFilters) -> dict:
    """Delegations and persons this span and the same span last year, per month and per country (three queries)."""
    visible = delegations_visible_to(user=user)
    last_from, last_to = same_span_last_year(filters.date_from), same_span_last_year(filters.date_to)
    span = visible.filter(start_date__gte=filters.date_from, start_date__lte=filters.date_to)
    last_span = visible.filter(start_date__gte=last_from, start_date__lte=last_to)
    months = delegation_stats(delegations=span, group_by="month")
    # The span's totals come with the months: the country grouping need not count them again.
    countries = delegation_stats(delegations=span, group_by="country", with_totals=False)
    last_year = delegation_stats(delegations=last_span, group_by="direction")
    return {
        "last_year_from": last_from,
        "last_year_to": last_to,
        "this_year": _by_direction(months["totals"]),
        "last_year": _by_direction(last_year["totals"]),
        "months": months["rows"],
        "countries": _top_countries(countries["rows"]),
        "counting": months["counting"],
    }


def _by_direction(totals: list[dict]) -> dict:
    found = {row["direction"]: row for row in totals}
    return {
        direction: {
            "delegations": found.get(direction, {}).get("delegations", 0),
            "persons": found.get(direction, {}).get("persons") or 0,
        }
        for direction in Direction.values
    }


def _top_countries(rows: list[dict]) -> list[dict]:
    """The countries with most delegations, both directions side by side (rows are already aggregates)."""
    countries: dict[str, dict] = {}
    for row in rows:
        country = countries.setdefault(
            row["country"],
            {"country": row["country"], "country_name": row["country_name"], "total": 0}
            | {direction: {"delegations": 0, "persons": 0} for direction in Direction.values},
        )
        country[row["direction"]] = {"delegations": row["delegations"], "persons": row["persons"]}
        country["total"] += row["delegations"]
    ranked = sorted(countries.values(), key=lambda country: (-country["total"], country["country_name"]))
    return ranked[:TOP_COUNTRIES]


def dashboard_figures(*, user, filters: DashboardFilters) -> dict:
    """Every figure of the dashboard for the user's scope and the filters, in a fixed number of queries.

    Raises nothing; a scope without data gives zeros and empty lists.
    """
    tasks = dashboard_tasks_with_standing(user=user, filters=filters)
    period = timeliness_period(filters=filters)
    rows = timeliness_rows(user=user, filters=filters, period=period)
    return {
        "as_of": filters.as_of,
        "date_from": filters.date_from,
        "date_to": filters.date_to,
        "areas_grouped_by": "standard_area" if filters.plan is None else "area",
        **standing_figures(tasks, plan=filters.plan),
        "timeliness": {
            "period": _period_row(period),
            "departments": rows,
            **timeliness_summary(rows),
        },
        "reporting_rates": reporting_rate_figures(user=user, filters=filters),
        "delegations": delegation_figures(user=user, filters=filters),
    }


# How many of the latest periods the reporting-rate grid shows.
RATE_PERIODS_SHOWN = 4


def reporting_rate_figures(*, user, filters: DashboardFilters) -> dict:
    """Departments × the latest periods of the usual kind begun in the as-of year: owed, sent, on time."""
    begun = reporting_periods_begun(year=filters.as_of.year, kind=settings.MY_WORK_PERIOD_KIND, today=filters.as_of)
    periods = begun[-RATE_PERIODS_SHOWN:]
    rows = reporting_rates(periods=periods, user=user, plan_id=filters.plan.pk if filters.plan else None)
    return {
        "periods": [_period_row(period) for period in periods],
        "departments": [
            {
                "pk": row.department.pk,
                "name": row.department.name,
                "cells": [
                    {"period": cell.period.pk, "owed": cell.owed, "sent": cell.sent, "on_time": cell.on_time}
                    | {"rate": cell.rate, "on_time_rate": cell.on_time_rate, "deadline_passed": cell.deadline_passed}
                    for cell in row.cells
                ],
            }
            for row in rows
        ],
    }


def _period_row(period: ReportingPeriod | None) -> dict | None:
    if period is None:
        return None
    return {"id": period.pk, "label": str(period), "deadline": period.deadline}


def drill_down_tasks(*, user, filters: DashboardFilters | None, choice: dict) -> "AnnotatedQuerySet | TasksInOrder":
    """The tasks behind one dashboard figure: a standing, an area, or a department's timeliness cell."""
    if filters is None:
        return Task.objects.none()
    tasks: AnnotatedQuerySet
    if "timeliness" in choice:
        tasks = timeliness_tasks(
            user=user, filters=filters, department_id=choice["department"], timeliness=choice["timeliness"]
        )
    elif "standing" in choice:
        # Ranked once for the ids, then read a page at a time: counting and paging a queryset that
        # filters on a standing would rank every entry twice.
        ranked = dashboard_tasks_with_standing(user=user, filters=filters).filter(task_standing=choice["standing"])
        ids = list(_in_area(ranked, choice).order_by(*DRILL_DOWN_ORDER).values_list("pk", flat=True))
        return TasksInOrder(ids, Task.objects.select_related("area__plan", "lead_department"))
    else:
        # The list shows no standing: ranking every task's latest entry would only slow it.
        tasks = _in_area(dashboard_tasks(user=user, filters=filters), choice)
    tasks = tasks.select_related("area__plan", "lead_department")
    return tasks.order_by(*DRILL_DOWN_ORDER)


DRILL_DOWN_ORDER = ("area__plan__document_number", "area__position", "position", "pk")


def _in_area(tasks: QuerySet[Task], choice: dict) -> QuerySet[Task]:
    if "area" in choice:
        tasks = tasks.filter(area_id=choice["area"])
    if choice.get("standard_area") == NO_STANDARD_AREA:
        return tasks.filter(area__standard_area__isnull=True)
    if "standard_area" in choice:
        return tasks.filter(area__standard_area_id=choice["standard_area"])
    return tasks


class TasksInOrder:
    """Tasks given by their ids in order, counted from the ids and read a page at a time (for a paginator)."""

    def __init__(self, ids: list[int], tasks: QuerySet[Task]) -> None:
        self.ids, self.tasks = ids, tasks

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: slice) -> list[Task]:
        chosen = self.ids[index]
        found = self.tasks.in_bulk(chosen)
        return [found[pk] for pk in chosen if pk in found]
