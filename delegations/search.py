"""Accent-free search columns of delegations, so that "nhat ban" finds "Nhật Bản" on every database.

Two columns, because not every reader may search by names: `search_text` holds what every reader of
delegations reads (reference, title, purpose, partner), `search_names` the head's name and position.
Model.save keeps both current; `delegation_search_rebuild` refills them after bulk loads (COPY).
"""

from collections.abc import Iterable

from django.db import connection, transaction

from plans.search import normalise_search_text

PUBLIC_FIELDS = ("reference", "title", "purpose", "partner")
NAME_FIELDS = ("leader_name", "leader_position")
# Fields joined by a line break, which no normalised query holds: a phrase never spans two fields.
SEPARATOR = "\n"


def search_columns(values: dict) -> dict[str, str]:
    """The two search columns of a delegation given its field values."""
    return {
        "search_text": normalise_search_text(SEPARATOR.join(values.get(name) or "" for name in PUBLIC_FIELDS)),
        "search_names": normalise_search_text(SEPARATOR.join(values.get(name) or "" for name in NAME_FIELDS)),
    }


def search_query(text: str) -> str:
    """The user's words as they are stored: lower case, no diacritics, single spaces."""
    return " ".join(normalise_search_text(text).split())


def delegation_search_rebuild(*, model, batch_size: int = 5000) -> int:
    """Refill both search columns of every delegation whose columns are out of date; return how many.

    Takes the model, so the migration can pass its historical one. Reads in key order by batches and
    writes only the rows that differ, in one UPDATE … FROM (VALUES …) per batch on PostgreSQL.
    """
    changed = 0
    last_pk = 0
    fields = ("pk", *PUBLIC_FIELDS, *NAME_FIELDS, "search_text", "search_names")
    while True:
        rows = list(model.objects.filter(pk__gt=last_pk).order_by("pk").values(*fields)[:batch_size])
        if not rows:
            return changed
        last_pk = rows[-1]["pk"]
        updates = [
            (row["pk"], columns["search_text"], columns["search_names"])
            for row in rows
            for columns in [search_columns(row)]
            if (columns["search_text"], columns["search_names"]) != (row["search_text"], row["search_names"])
        ]
        _write(model, updates)
        changed += len(updates)


def _write(model, updates: Iterable[tuple[int, str, str]]) -> None:
    updates = list(updates)
    if not updates:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            values = ", ".join(["(%s, %s, %s)"] * len(updates))
            cursor.execute(
                f"UPDATE {table} AS d SET search_text = v.t, search_names = v.n "  # noqa: S608 - names are ours
                f"FROM (VALUES {values}) AS v(id, t, n) WHERE d.id = v.id",
                [value for row in updates for value in row],
            )
        else:
            cursor.executemany(
                f"UPDATE {table} SET search_text = %s, search_names = %s WHERE id = %s",  # noqa: S608
                [(text, names, pk) for pk, text, names in updates],
            )
