"""What the dashboard page shows, arranged from the selectors' figures: sections, charts, links."""

from django.utils.translation import gettext as _

from core.charts import chart
from core.formatting import month_label
from delegations.choices import Direction
from plans.choices import ProgressStatus, ReportTimeliness, TaskStanding

from .links import delegation_list_url, month_span, task_list_url

TIMELINESS_SORTS = ("name", "expected", "on_time", "late", "missing")


def standing_definitions() -> list[tuple[str, str, str]]:
    """Each standing with its label and its definition, shown on the page (plans.selectors.task_standing)."""
    return [
        ("total", _("Tasks in total"), _("Every task of the chosen plan, or of all plans in force.")),
        (
            TaskStanding.COMPLETED,
            _("Completed"),
            _("The latest progress entry says completed (on time or late)."),
        ),
        (
            TaskStanding.ON_TRACK,
            _("On track"),
            _("Not completed, deadline not passed, and not reported behind: no entry yet counts here too."),
        ),
        (
            TaskStanding.BEHIND,
            _("Behind schedule"),
            _("Not completed, deadline not passed, latest entry says behind schedule or not carried out."),
        ),
        (
            TaskStanding.OVERDUE,
            _("Overdue"),
            _("Not completed and its deadline has passed (by the end of the chosen dates)."),
        ),
    ]


# Colours that read as their meaning: green done or on time, amber behind or late, red overdue or missing.
STANDING_COLOURS = {
    TaskStanding.COMPLETED: "#27ae60",
    TaskStanding.ON_TRACK: "#0b5394",
    TaskStanding.BEHIND: "#e67e22",
    TaskStanding.OVERDUE: "#c0392b",
}
TIMELINESS_COLOURS = {
    ReportTimeliness.ON_TIME: "#27ae60",
    ReportTimeliness.LATE: "#e67e22",
    ReportTimeliness.MISSING: "#c0392b",
}


def horizontal(spec: dict, *, stacked: bool = False, colours: list[str] | None = None) -> dict:
    """A chart drawn with horizontal bars (long labels such as area and department names)."""
    datasets = spec["datasets"]
    if colours:
        datasets = [{**dataset, "colour": colour} for dataset, colour in zip(datasets, colours, strict=True)]
    return {**spec, "datasets": datasets, "horizontal": True, "stacked": stacked}


def headline_section(figures: dict, filters) -> dict:
    """The headline figures with their definitions and the task lists they link to."""
    links = {"total": task_list_url(filters)} | {
        standing: task_list_url(filters, standing=standing) for standing in TaskStanding.values
    }
    headline = [
        {"key": key, "label": label, "definition": text, "value": figures["tasks"][key], "link": links[key]}
        for key, label, text in standing_definitions()
    ]
    late_total = figures["tasks"][TaskStanding.OVERDUE] + figures["tasks"][TaskStanding.BEHIND]
    return {"headline": headline, "headline_links": links, "late_total": late_total}


def area_section(figures: dict, filters) -> dict:
    """Completion per area as table rows (with drill-down links) and as a stacked bar chart."""
    param = "standard_area" if figures["areas_grouped_by"] == "standard_area" else "area"
    areas = []
    for row in figures["areas"]:
        links = {
            standing: task_list_url(filters, **{param: row["key"]}, standing=standing)
            for standing in TaskStanding.values
        }
        share = round(100 * row[TaskStanding.COMPLETED] / row["total"]) if row["total"] else 0
        links["total"] = task_list_url(filters, **{param: row["key"]})
        areas.append({**row, "name": row["name"] or _("No standard area"), "share": share, "links": links})
    series = [(label, [row[standing] for row in areas]) for standing, label in TaskStanding.choices]
    spec = chart("bar", [row["name"] for row in areas], series)
    return {"areas": areas, "area_chart": horizontal(spec, stacked=True, colours=list(STANDING_COLOURS.values()))}


def late_section(figures: dict) -> dict:
    """The overdue and behind tasks with the labels of their standing and reported status."""
    statuses = dict(ProgressStatus.choices)
    rows = [
        {
            **row,
            "standing_label": TaskStanding(row["task_standing"]).label,
            "status_label": statuses.get(row["progress_status"], ""),
        }
        for row in figures["late_tasks"]
    ]
    return {"late_tasks": rows}


def timeliness_section(figures: dict, filters, request) -> dict:
    """Department timeliness rows sorted by ?sort= (a column, "-" for descending) and their chart."""
    sort = request.GET.get("sort", "name")
    field = sort.removeprefix("-")
    if field not in TIMELINESS_SORTS:
        field, sort = "name", "name"
    rows = [
        {
            **row,
            "links": {v: task_list_url(filters, department=row["pk"], timeliness=v) for v in ReportTimeliness.values},
        }
        for row in figures["timeliness"]["departments"]
    ]
    # Sorting a few dozen aggregated rows; the database already did the counting.
    if field != "name":
        rows.sort(key=lambda row: row[field], reverse=sort.startswith("-"))
    labels = [(value, str(label)) for value, label in ReportTimeliness.choices]
    query = request.GET.copy()
    query.pop("sort", None)
    spec = chart("bar", [row["name"] for row in rows], [(label, [row[v] for row in rows]) for v, label in labels])
    return {
        "timeliness_rows": rows,
        "timeliness_sort": sort,
        "timeliness_columns": [("name", _("Department")), ("expected", _("Entries owed")), *labels],
        "timeliness_query": query.urlencode(),
        "timeliness_chart": horizontal(spec, stacked=True, colours=list(TIMELINESS_COLOURS.values())),
    }


def delegation_headline(delegations: dict, filters) -> list[dict]:
    """Delegations and persons per direction, this span and the same span last year, with their lists."""
    last_from, last_to = delegations["last_year_from"], delegations["last_year_to"]
    return [
        {
            "direction": direction,
            "label": label,
            "this_year": delegations["this_year"][direction],
            "last_year": delegations["last_year"][direction],
            "this_link": delegation_list_url(filters.date_from, filters.date_to, direction=direction),
            "last_link": delegation_list_url(last_from, last_to, direction=direction),
        }
        for direction, label in Direction.choices
    ]


def month_rows(delegations: dict, filters) -> list[dict]:
    """One row per month with each direction's figures and the list of that month (within the dates)."""
    counts = {(row["month"], row["direction"]): row for row in delegations["months"]}
    rows = []
    for month in sorted({row["month"] for row in delegations["months"]}):
        first, last = month_span(month)
        span = (max(first, filters.date_from), min(last, filters.date_to))
        cells = [
            {
                "delegations": counts.get((month, direction), {}).get("delegations", 0),
                "persons": counts.get((month, direction), {}).get("persons", 0),
                "link": delegation_list_url(*span, direction=direction),
            }
            for direction in Direction.values
        ]
        rows.append({"month": month_label(month), "cells": cells})
    return rows


def delegations_section(figures: dict, filters) -> dict:
    """Delegation headline, months and partner countries, with charts and links to the delegation list."""
    delegations = figures["delegations"]
    months = month_rows(delegations, filters)
    countries = [
        {
            **row,
            "links": {
                direction: delegation_list_url(
                    filters.date_from, filters.date_to, direction=direction, country=row["country"]
                )
                for direction in Direction.values
            },
        }
        for row in delegations["countries"]
    ]
    directions = [(value, str(label)) for value, label in Direction.choices]
    month_series = [
        (label, [row["cells"][i]["delegations"] for row in months]) for i, (_, label) in enumerate(directions)
    ]
    country_series = [(label, [row[direction]["delegations"] for row in countries]) for direction, label in directions]
    return {
        "directions": directions,
        "delegation_headline": delegation_headline(delegations, filters),
        "month_rows": months,
        "month_chart": chart("bar", [row["month"] for row in months], month_series),
        "countries": countries,
        "country_chart": horizontal(chart("bar", [row["country_name"] for row in countries], country_series)),
    }
