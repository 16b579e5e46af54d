"""The day rollup of delegations (DelegationDayRollup): kept exact by every write, read by the statistics.

Writes. A rollup row is a function of the delegations with its key (start_date, department): after
a write, the rows of the keys it touched (before and after) are recomputed from the delegations in
the same transaction (a DELETE and an INSERT … SELECT). Saves and deletes of Delegation and
DelegationCountry mark their keys through signals; a service wraps its writes in
`rollup_deferred()` so the keys are recomputed once, after the countries are written too. Bulk
writes send no signals: their callers call `rollup_touch` or `rollup_rebuild` themselves.

Reads. The rollup partitions delegations by (start_date, direction, department, status) and, in the
rows with a country, by country too. A WHERE clause that reads only those columns therefore picks
whole rollup rows, and the same clause evaluated on the rollup picks the same delegations:
`rollup_plan` moves it over, or answers None when the rollup cannot answer (a search, an end date…).
"""

import contextlib
import contextvars
import dataclasses
import datetime
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import Case, ExpressionWrapper, Func, Lookup, QuerySet, Value, When
from django.db.models.aggregates import Aggregate
from django.db.models.expressions import Col
from django.db.models.lookups import (
    Exact,
    GreaterThan,
    GreaterThanOrEqual,
    In,
    LessThan,
    LessThanOrEqual,
    Range,
    YearLookup,
)
from django.db.models.sql.where import AND, WhereNode

from .models import (
    Delegation,
    DelegationCountry,
    DelegationDayRollup,
    DelegationMonthRollup,
    DelegationProvinceDayRollup,
    DelegationProvinceMonthRollup,
    RollupMeasures,
)

Key = tuple[datetime.date, int]  # (start_date, department_id)

# Keys per statement: the OR of pairs stays far below SQLite's expression depth and variable limits.
BATCH = 200


@dataclasses.dataclass
class _Pending:
    depth: int = 0
    keys: set[Key] = dataclasses.field(default_factory=set)
    delegation_ids: set[int] = dataclasses.field(default_factory=set)


_pending: contextvars.ContextVar[_Pending | None] = contextvars.ContextVar("delegation_rollup_pending", default=None)


@contextlib.contextmanager
def rollup_deferred() -> Iterator[None]:
    """Collect the keys written inside and recompute them once on leaving the outermost block.

    Use it inside the transaction of the writes. On an exception nothing is recomputed: the
    transaction the writes belong to is being rolled back.
    """
    pending = _pending.get()
    if pending is not None:
        pending.depth += 1
        try:
            yield
        finally:
            pending.depth -= 1
        return
    pending = _Pending(depth=1)
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    rollup_refresh(pending.keys | _keys_of(pending.delegation_ids))


def rollup_touch(*, keys: Iterable[Key] = (), delegation_ids: Iterable[int] = ()) -> None:
    """Recompute the rollup rows of these keys and of these delegations' present keys (now, or when deferred)."""
    pending = _pending.get()
    if pending is not None:
        pending.keys.update(keys)
        pending.delegation_ids.update(delegation_ids)
        return
    rollup_refresh(set(keys) | _keys_of(set(delegation_ids)))


def _keys_of(delegation_ids: set[int]) -> set[Key]:
    if not delegation_ids:
        return set()
    return set(Delegation.objects.filter(pk__in=delegation_ids).values_list("start_date", "department_id"))


# The rollups' key columns besides the country; each rollup row sums the delegations sharing them.
LEVELS: dict[type[RollupMeasures], tuple[str, ...]] = {
    DelegationDayRollup: ("start_date", "direction", "status", "department_id"),
    DelegationMonthRollup: ("start_date", "direction", "status", "department_id"),
    DelegationProvinceDayRollup: ("start_date", "direction", "status"),
    DelegationProvinceMonthRollup: ("start_date", "direction", "status"),
}
# Each month rollup and the day rollup it sums (LEVELS lists the day rollups first).
MONTHLY: dict[type[RollupMeasures], type[RollupMeasures]] = {
    DelegationMonthRollup: DelegationDayRollup,
    DelegationProvinceMonthRollup: DelegationProvinceDayRollup,
}

# One row per key with country "" for the trips, and one per country visited; written in the order
# of the rollups' unique keys (country, start_date, …), so that a period's trips lie together on disk.
INSERT_SQL = """
INSERT INTO {table} ({columns}, country, delegations, persons)
SELECT {keys}, '', COUNT(*), SUM(d.member_count)
FROM {delegation} d WHERE {where}
GROUP BY {keys}
UNION ALL
SELECT {keys}, c.country, COUNT(*), SUM(d.member_count)
FROM {delegation} d JOIN {link} c ON c.delegation_id = d.id WHERE {where}
GROUP BY {keys}, c.country
ORDER BY {country}, 1
"""


def _month_of(column: str) -> str:
    """SQL for the first day of the month of a date column."""
    if connection.vendor == "postgresql":
        return f"CAST(date_trunc('month', {column}) AS date)"
    return f"date({column}, 'start of month')"


# A month's rows are the sums of its days' rows, recomputed just before in the same transaction.
MONTH_SQL = """
INSERT INTO {table} ({columns}, country, delegations, persons)
SELECT {keys}, d.country, SUM(d.delegations), SUM(d.persons)
FROM {source} d WHERE {where}
GROUP BY {keys}, d.country
ORDER BY {country}, 1
"""


def _insert_sql(model: type[RollupMeasures], where: str) -> tuple[str, int]:
    """The INSERT … SELECT of a rollup's rows matching `where`, and how many times it repeats the parameters."""
    columns = LEVELS[model]
    keys = [f"d.{column}" for column in columns]
    template, repeats, source = INSERT_SQL, 2, Delegation._meta.db_table
    if model in MONTHLY:
        keys[0] = _month_of("d.start_date")
        template, repeats, source = MONTH_SQL, 1, MONTHLY[model]._meta.db_table
    sql = template.format(
        table=model._meta.db_table,
        columns=", ".join(columns),
        keys=", ".join(keys),
        delegation=Delegation._meta.db_table,
        link=DelegationCountry._meta.db_table,
        source=source,
        where=where,
        country=len(columns) + 1,
    )
    return sql, repeats


def rollup_refresh(keys: Iterable[Key]) -> None:
    """Recompute the rollup rows of these (start_date, department_id) keys, their months and days."""
    # A day given as text (Delegation(start_date="2025-05-05").save() keeps the text) becomes a date.
    to_date = Delegation._meta.get_field("start_date").to_python
    ordered = sorted({(to_date(day), int(dep)) for day, dep in keys}, key=lambda key: (key[1], key[0]))
    months = sorted({(day.replace(day=1), department) for day, department in ordered}, key=lambda key: (key[1], key[0]))
    days = sorted({day for day, _department in ordered})
    firsts = sorted({first for first, _department in months})
    with connection.cursor() as cursor:
        # (0, a day) stands for the province's rows of that day, and of that month on its first day.
        province = sorted({day.toordinal() for day in [*days, *firsts]})
        _lock(cursor, [(0, day) for day in province] + [(dep, day.toordinal()) for day, dep in ordered + months])
        for batch in _batches(ordered):
            where = " OR ".join(["(d.start_date = %s AND d.department_id = %s)"] * len(batch))
            params = [value for key in batch for value in key]
            _recompute(cursor, DelegationDayRollup, (f"({where})", params), (f"({where})", params))
        for batch in _batches(months):
            pairs = " OR ".join(["(d.start_date = %s AND d.department_id = %s)"] * len(batch))
            spans = " OR ".join(["(d.start_date BETWEEN %s AND %s AND d.department_id = %s)"] * len(batch))
            params = [value for key in batch for value in key]
            span_params = [value for first, dep in batch for value in (first, _month_end(first), dep)]
            _recompute(cursor, DelegationMonthRollup, (f"({pairs})", params), (f"({spans})", span_params))
        for batch in _batches(days):
            where = f"d.start_date IN ({', '.join(['%s'] * len(batch))})"
            _recompute(cursor, DelegationProvinceDayRollup, (where, batch), (where, batch))
        for batch in _batches(firsts):
            where = f"d.start_date IN ({', '.join(['%s'] * len(batch))})"
            spans = " OR ".join(["(d.start_date BETWEEN %s AND %s)"] * len(batch))
            span_params = [value for first in batch for value in (first, _month_end(first))]
            _recompute(cursor, DelegationProvinceMonthRollup, (where, batch), (f"({spans})", span_params))


def _batches(items: list) -> Iterator[list]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def _month_end(first: datetime.date) -> datetime.date:
    return (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def _recompute(cursor, model: type[RollupMeasures], rows: tuple[str, list], source: tuple[str, list]) -> None:
    """Delete a rollup's `rows` and insert them again from the `source` rows (conditions on alias d)."""
    cursor.execute(f"DELETE FROM {model._meta.db_table} AS d WHERE {rows[0]}", rows[1])
    sql, repeats = _insert_sql(model, source[0])
    cursor.execute(sql, source[1] * repeats)


def _lock(cursor, keys: list[tuple[int, int]]) -> None:
    """Serialise recomputations of the same key until commit (PostgreSQL; SQLite writes one at a time).

    Keys are (department id, day ordinal), and (0, day ordinal) for the province's rows. Without the
    lock, two transactions recomputing one key could each delete only the rows they saw and insert
    their own: a unique violation, or rows that miss the other's delegation. Taken in key order, so
    two writers cannot deadlock on each other's keys.
    """
    if connection.vendor != "postgresql" or not keys:
        return
    values = ", ".join(["(%s, %s)"] * len(keys))
    params = [value for key in sorted(keys) for value in key]
    cursor.execute(f"SELECT pg_advisory_xact_lock(k.a, k.b) FROM (VALUES {values}) AS k(a, b)", params)


def rollup_rebuild() -> int:
    """Build the rollups anew from the delegations, one INSERT … SELECT each; returns their row count."""
    with connection.cursor() as cursor:
        for model in LEVELS:
            if connection.vendor == "postgresql":
                # Writers wait rather than recompute keys into a table being rebuilt under them.
                cursor.execute(f"LOCK TABLE {model._meta.db_table} IN EXCLUSIVE MODE")
            cursor.execute(f"DELETE FROM {model._meta.db_table}")
            cursor.execute(_insert_sql(model, "1 = 1")[0])
    return sum(model._default_manager.count() for model in LEVELS)


def delegation_saving(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    """pre_save: remember the key the delegation had, which its save may leave empty."""
    if instance._state.adding or instance.pk is None:
        return
    if update_fields is not None and not KEY_FIELDS & set(update_fields):
        return
    rows = Delegation.objects.filter(pk=instance.pk).values_list("start_date", "department_id")
    if connection.in_atomic_block:
        rows = rows.select_for_update()  # two edits of one delegation: the second reads the first's key
    instance._rollup_old_key = rows.first()


KEY_FIELDS = frozenset({"start_date", "department", "department_id"})


def delegation_saved(sender, instance, **kwargs) -> None:
    """post_save: recompute the delegation's key, and the one it left."""
    old = instance.__dict__.pop("_rollup_old_key", None)
    rollup_touch(keys=[key for key in (old, (instance.start_date, instance.department_id)) if key])


def delegation_deleted(sender, instance, **kwargs) -> None:
    rollup_touch(keys=[(instance.start_date, instance.department_id)])


def country_changed(sender, instance, **kwargs) -> None:
    """post_save and post_delete of a DelegationCountry: its delegation's country rows change."""
    rollup_touch(delegation_ids=[instance.delegation_id])


# ---------------------------------------------------------------- reads


# Expressions that compute from their inputs alone: safe once every column they read is a rollup column.
PURE = (WhereNode, Lookup, Col, Value, Func, Case, When, ExpressionWrapper)


def rollup_conditions(delegations: QuerySet, model: type[RollupMeasures]) -> list | None:
    """The delegations' conditions moved onto a rollup's table, or None if that rollup cannot answer them.

    It can when the query has no joins, slicing, grouping or distinct, and every condition reads only
    the rollup's key columns (start_date, direction, status, and department for the department
    rollup), through any expression of them. Call it on the queryset that single_country left.
    """
    query = delegations.query
    if query.model is not Delegation or _shaped(query):
        return None
    base = query.base_table
    if _joins(query, base):
        return None
    where, columns = query.where, frozenset(LEVELS[model])
    if where.negated or not all(_reads_only(child, base, columns) for child in where.children):
        return None
    if model in MONTHLY and not _whole_months(where, base):
        return None
    # Only lookups and WhereNodes pass _reads_only, and both relabel.
    return [child.relabeled_clone({base: model._meta.db_table}) for child in where.children]  # type: ignore[union-attr]


def single_country(delegations: QuerySet) -> tuple[str | None, QuerySet]:
    """The one country the delegations must visit, and the queryset without that condition.

    Recognises the condition DelegationFilterSet.filter_country writes for a single country, so that
    the statistics can join on it (or read the rollup's rows of that country) instead of a subquery.
    With no such condition, or several countries, answers (None, the queryset unchanged).
    """
    query = delegations.query
    if query.model is not Delegation or query.where.negated or query.where.connector != AND:
        return None, delegations
    base = query.base_table
    found = [(child, code) for child in query.where.children if (code := _single_country(child, base))]
    if len(found) != 1:
        return None, delegations
    child, code = found[0]
    rest = delegations.all()
    rest.query.where = WhereNode([other for other in query.where.children if other is not child], AND)
    return code, rest


def _shaped(query) -> bool:
    """Whether the query does more than filter rows of one table (then the rollup does not apply)."""
    return bool(
        query.is_sliced
        or query.distinct
        or query.combinator
        or query.extra
        or query.extra_tables
        or query.group_by is not None
        or query.is_empty()
    )


def _parts(node) -> Iterator:
    """The node and every expression under it: WhereNode children, then source expressions."""
    yield node
    children = node.children if isinstance(node, WhereNode) else node.get_source_expressions()
    for child in children:
        if child is not None:
            yield from _parts(child)


# Comparisons of start_date that pick whole months when the bound is the first (f) or last (l) day of one.
MONTH_BOUNDS = {GreaterThanOrEqual: "f", LessThan: "f", LessThanOrEqual: "l", GreaterThan: "l", Range: "fl"}


def _whole_months(node, alias: str) -> bool:
    """Whether the conditions on start_date pick whole months, so that a month rollup answers them.

    Years, and ranges from a month's first day to a month's last: a condition that is true for
    some days of a month and false for others (a single day, the 15th…) needs the day rollups.
    """
    if isinstance(node, YearLookup) and _is_start_date(node.lhs.lhs, alias):
        return isinstance(node.rhs, int)
    if type(node) in MONTH_BOUNDS and _is_start_date(node.lhs, alias):
        bounds = node.rhs if isinstance(node, Range) else [node.rhs]
        edges = MONTH_BOUNDS[type(node)]
        return len(bounds) == len(edges) and all(map(_month_edge, bounds, edges))
    if _is_start_date(node, alias):
        return False  # read in any other way (a day, a month number…)
    children = node.children if isinstance(node, WhereNode) else node.get_source_expressions()
    return all(_whole_months(child, alias) for child in children if child is not None)


def _is_start_date(node, alias: str) -> bool:
    return isinstance(node, Col) and node.alias == alias and node.target.column == "start_date"


def _month_edge(day, edge: str) -> bool:
    if not isinstance(day, datetime.date):
        return False
    return day.day == 1 if edge == "f" else (day + datetime.timedelta(days=1)).day == 1


def _joins(query, base: str) -> bool:
    """Whether the query joins another table (aliases left unused by a values() have no references)."""
    return any(alias != base and query.alias_refcount[alias] for alias in query.alias_map)


def _reads_only(node, alias: str, columns: frozenset[str]) -> bool:
    for part in _parts(node):
        if isinstance(part, Col):
            if part.alias != alias or part.target.column not in columns:
                return False
        elif isinstance(part, Aggregate) or not isinstance(part, PURE):
            return False
    return True


def _single_country(node, alias: str) -> str | None:
    """The code of `pk IN (SELECT delegation_id FROM links WHERE country IN ('XX'))`, else None."""
    if not isinstance(node, In) or not isinstance(node.lhs, Col) or node.lhs.alias != alias:
        return None
    if node.lhs.target != Delegation._meta.pk or not hasattr(node.rhs, "model"):
        return None
    links = node.rhs
    if links.model is not DelegationCountry or _shaped(links) or _joins(links, links.base_table):
        return None
    if tuple(links.values_select) != ("delegation_id",) or len(links.where.children) != 1 or links.where.negated:
        return None
    lookup = links.where.children[0]
    if not isinstance(lookup, (In, Exact)) or not isinstance(lookup.lhs, Col) or lookup.lhs.target.name != "country":
        return None
    values = list(lookup.rhs) if isinstance(lookup, In) else [lookup.rhs]
    if len(values) != 1 or not isinstance(values[0], str):
        return None
    return values[0]
