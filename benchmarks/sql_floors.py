"""Floors for `benchmarks/national.py`: the same answer by the best direct SQL, timed on a cursor.

A floor is a function of a psycopg2 cursor that runs the SQL and fetches every row, so the ratio
printed beside a page says how much the portal adds to what the database must do anyway.
"""

import datetime
from collections.abc import Callable


def _dates(query: str) -> tuple[str, str]:
    values = dict(part.split("=") for part in query.split("&"))
    return values["start_date_after"], values["start_date_before"]


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
