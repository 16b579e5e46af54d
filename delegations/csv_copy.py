"""The CSV export on PostgreSQL: the database writes the file's lines and COPY streams them to it.

The file is the one csv_write makes of export_rows, byte for byte: the same header, labels, country
names, sanitised text (core.sanitize's rules as SQL regular expressions) and the quoting of
Python's csv module. Per row there is no Python work: reading a million rows back through
csv.reader to label, sanitise and write them again cost three times the COPY itself.

Each line is one value of a COPY in CSV format whose delimiter and quote are control characters,
which no line holds (text that holds one is sanitised): every line comes quoted by the one quote
character, which is taken out of the stream, and its line breaks come out as they are.
"""

import csv
import io
import json
import tempfile

from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.db.models import QuerySet

from core.sanitize import CONTROL_CHARACTERS, FORMULA_PREFIXES

from .models import Delegation, DelegationCountry
from .selectors import country_name_vi
from .spreadsheets import (
    CHOICE_COLUMNS,
    COLUMNS,
    COUNTRY_AT,
    COUNTRY_SEPARATOR,
    EXPORT_TEXT_COLUMNS,
    EXPORT_VALUES,
    choice_labels,
    csv_lines,
    headers,
)

# The quote of the COPY below (its delimiter is \x01): control characters, which no line holds.
_QUOTE = b"\x02"
# What makes Python's csv writer (the excel dialect) quote a field.
_QUOTED_FOR = (",", '"', "\n", "\r")
# The characters csv_value puts an apostrophe before, as code points (ascii() of a text in SQL).
_FORMULA_CODES = ", ".join(str(ord(prefix)) for prefix in FORMULA_PREFIXES)
_CHUNK = 1 << 20

Sql = tuple[str, list]


def copied_csv_write(file, delegations: QuerySet[Delegation]) -> int:
    """Write the delegations' CSV into a binary file as csv_write would; return the rows written."""
    file.write(next(csv_lines(headers(), [])).encode())
    try:
        sql, params = _lines(delegations)
    except EmptyResultSet:  # filters that no delegation can meet: the header only
        return 0
    copy = f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02', FORCE_QUOTE *)"
    # Spooled first: the file gets whole chunks, each with the quotes taken out in one call.
    with tempfile.TemporaryFile() as spool, transaction.atomic(), connection.cursor() as cursor:
        # Compiling the long expressions of a line to machine code (JIT) costs more seconds than it saves.
        cursor.execute("SET LOCAL jit = off")
        cursor.cursor.copy_expert(cursor.cursor.mogrify(copy, params).decode(), spool)
        count = cursor.cursor.rowcount
        spool.seek(0)
        while chunk := spool.read(_CHUNK):
            file.write(chunk.replace(_QUOTE, b""))
    return count


def _lines(delegations: QuerySet[Delegation]) -> Sql:
    """The SELECT of the export's lines (CRLF ended) in the queryset's order, with its parameters."""
    columns = [EXPORT_VALUES.get(key, key) for key, _header in COLUMNS]
    columns[COUNTRY_AT] = "pk"
    rows = delegations.select_related(None).prefetch_related(None).values_list(*columns)
    inner, inner_params = rows.query.sql_with_params()
    names = _country_names_json()
    risky, risky_params = _risky()
    safe, safe_params = _line(sanitised=True, names=names)
    plain, plain_params = _line(sanitised=False, names=names)
    aliases = ", ".join(f"c{at}" for at in range(len(COLUMNS)))
    # The ordered subquery is scanned as it is, so the lines keep its order.
    sql = f"SELECT CASE WHEN {risky} THEN {safe} ELSE {plain} END || E'\\r' FROM ({inner}) AS e({aliases})"
    return sql, [*risky_params, *safe_params, *plain_params, *inner_params]


def _risky() -> Sql:
    """Whether csv_value would change some text of the row: a formula's first character, or a control
    character (the cheap tests first: a million rows pass here)."""
    texts = [f"e.c{at}" for at in EXPORT_TEXT_COLUMNS]
    firsts = " OR ".join(f"ascii({text}) IN ({_FORMULA_CODES})" for text in texts)
    return f"({firsts} OR concat({', '.join(texts)}) ~ %s)", [CONTROL_CHARACTERS]


def _line(*, sanitised: bool, names: str) -> Sql:
    """A line's fields joined by commas; `sanitised` for rows whose text csv_value would change."""
    labels = choice_labels()
    parts, params = [], []
    for at, (key, _header) in enumerate(COLUMNS):
        column = f"e.c{at}"
        if key in CHOICE_COLUMNS:
            sql, more = _label(column, labels[key])
        elif at == COUNTRY_AT:
            sql, more = _country_names(column, names)
        elif at in EXPORT_TEXT_COLUMNS:
            sql, more = _quoted(*(_sanitised(column) if sanitised else (column, [])))
        else:
            sql, more = column, []
        parts.append(sql)
        params += more
    return "concat(" + ", ',', ".join(parts) + ")", params


def _label(column: str, labels: dict[str, str]) -> Sql:
    """The label of a choice as the file shows it (quoted if need be); an unknown value is empty."""
    cases = " ".join("WHEN %s THEN %s" for value in labels if value)
    params = [item for value, label in labels.items() if value for item in (value, _field(label))]
    return f"CASE {column} {cases} ELSE '' END", params


def _field(text: str) -> str:
    """The text as the csv writer writes a field of a row of several (quoted if need be)."""
    line = io.StringIO()
    csv.writer(line).writerow([text, ""])
    return line.getvalue().removesuffix(",\r\n")


def _quoted(sql: str, params: list) -> Sql:
    """The text quoted as the csv writer quotes it: when it holds a comma, a quote or a line break."""
    holds = " OR ".join(f"{sql} LIKE %s" for _character in _QUOTED_FOR)
    holds_params = [item for character in _QUOTED_FOR for item in (*params, f"%{character}%")]
    return (
        f"CASE WHEN {holds} THEN concat('\"', replace({sql}, '\"', '\"\"'), '\"') ELSE {sql} END",
        [*holds_params, *params, *params],
    )


def _sanitised(column: str) -> Sql:
    """csv_value in SQL: control characters dropped, an apostrophe before formula-looking text."""
    cleaned = f"regexp_replace({column}, %s, '', 'g')"
    return (
        f"CASE WHEN ascii({cleaned}) IN ({_FORMULA_CODES}) THEN '''' || {cleaned} ELSE {cleaned} END",
        [CONTROL_CHARACTERS] * 3,
    )


def _country_names_json() -> str:
    """The Vietnamese names of the countries of every delegation, by code, as a JSON object."""
    codes = DelegationCountry.objects.order_by().values_list("country", flat=True).distinct()
    return json.dumps({code: country_name_vi(code) for code in codes if code})


def _country_names(column: str, names: str) -> Sql:
    """The names of the delegation's countries in the order they were recorded, quoted if need be.

    The names are joined once: PostgreSQL computes an aggregate written three times once.
    """
    links = connection.ops.quote_name(DelegationCountry._meta.db_table)
    joined = "string_agg(coalesce(%s::jsonb ->> l.country, ''), %s ORDER BY l.id)"
    quoted, params = _quoted(joined, [names, COUNTRY_SEPARATOR])
    return f"(SELECT {quoted} FROM {links} l WHERE l.delegation_id = {column} AND l.country <> '')", params
