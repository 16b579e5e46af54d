"""Floors for `benchmarks/national.py`: the same answer by the best direct SQL, timed on a cursor.

A floor is a function of a psycopg2 cursor that runs the SQL and fetches every row, so the ratio
printed beside a page says how much the portal adds to what the database must do anyway.
"""

import datetime
import io
from collections.abc import Callable

GROUP_KEYS = {
    "direction": "",
    "country": ", c.country",
    "department": ", d.department_id",
    "month": ", date_trunc('month', d.start_date)",
    "quarter": ", extract(year FROM d.start_date), extract(quarter FROM d.start_date)",
    "year": ", extract(year FROM d.start_date)",
}


def _dates(query: str) -> tuple[str, str]:
    values = dict(part.split("=") for part in query.split("&"))
    return values["start_date_after"], values["start_date_before"]


def stats_floor(group_by: str, query: str) -> Callable:
    """Rows and totals of the statistics straight from the base table, one GROUPING SETS scan."""
    first, last = _dates(query)
    keys = GROUP_KEYS[group_by]
    join = "JOIN delegations_delegationcountry c ON c.delegation_id = d.id" if group_by == "country" else ""
    counted = "count(DISTINCT d.id)" if group_by == "country" else "count(*)"
    sql = (
        f"SELECT d.direction{keys}, {counted}, sum(d.member_count) FROM delegations_delegation d {join} "
        "WHERE d.start_date BETWEEN %s AND %s AND d.status <> 'cancelled' "
        f"GROUP BY d.direction{keys}"
    )
    totals = (
        "SELECT direction, count(*), sum(member_count) FROM delegations_delegation "
        "WHERE start_date BETWEEN %s AND %s AND status <> 'cancelled' GROUP BY direction"
    )

    def run(cursor) -> None:
        cursor.execute(sql, [first, last])
        cursor.fetchall()
        cursor.execute(totals, [first, last])
        cursor.fetchall()

    return run


ROLLUP_KEYS = {
    "direction": "",
    "country": ", country",
    "department": ", department_id",
    "month": ", date_trunc('month', start_date)",
    "quarter": ", extract(year FROM start_date), extract(quarter FROM start_date)",
    "year": ", extract(year FROM start_date)",
}


def rollup_floor_sql(group_by: str, first: str, last: str) -> tuple[str, list]:
    """The statistics' rows and totals by hand from the rollups (delegations.rollup), one query.

    The province's rollup unless the rows are per department; by month for a period of whole
    months. Grouped by country, the trip rows (country '') come out as one more group: the totals.
    Otherwise the totals are the rows' sums.
    """
    keys = ROLLUP_KEYS[group_by]
    end = datetime.date.fromisoformat(last)
    months = first.endswith("-01") and (end + datetime.timedelta(days=1)).day == 1
    level = ("" if group_by == "department" else "province") + ("month" if months else "day")
    table = f"delegations_delegation{level}rollup"
    trips = "" if group_by == "country" else "AND country = '' "
    sql = (
        f"SELECT direction{keys}, sum(delegations), sum(persons) FROM {table} "
        f"WHERE start_date BETWEEN %s AND %s AND status <> 'cancelled' {trips}GROUP BY direction{keys}"
    )
    if group_by == "department":
        sql = (
            f"SELECT g.*, b.name FROM ({sql}) g LEFT JOIN accounts_department b ON b.id = g.department_id "
            "ORDER BY g.direction, b.sort_order, b.name"
        )
    return sql, [first, last]


def stats_rollup_floor(group_by: str, query: str) -> Callable:
    """The statistics from the rollup query alone: what the endpoint adds to it is the portal's cost."""
    sql, params = rollup_floor_sql(group_by, *_dates(query))

    def run(cursor) -> None:
        cursor.execute(sql, params)
        cursor.fetchall()

    return run


EXPORT_COLUMNS = (
    "d.reference, d.direction, d.title, d.leader_name, d.leader_position, d.member_count, d.partner, "
    "d.start_date, d.end_date, d.status, dep.name, "
    "(SELECT string_agg(c.country, ', ') FROM delegations_delegationcountry c WHERE c.delegation_id = d.id)"
)


def csv_copy_floor(cursor) -> None:
    """Every delegation as CSV by PostgreSQL's COPY: what no Python export can beat."""
    sink = io.StringIO()
    cursor.copy_expert(
        f"COPY (SELECT {EXPORT_COLUMNS} FROM delegations_delegation d "
        "JOIN accounts_department dep ON dep.id = d.department_id ORDER BY d.start_date DESC, d.id DESC) "
        "TO STDOUT WITH (FORMAT csv, HEADER)",
        sink,
    )
