"""The one step every text passes before it is written into a file another program opens.

Two dangers (OWASP "CSV injection"): control characters, which XML-based formats (XLSX, DOCX)
cannot hold, so one stray ESC typed into a title used to break every export and report; and text
that a spreadsheet would run as a formula (=HYPERLINK(…), @SUM(1), +cmd|…). Control characters are
dropped (tab, line feed and carriage return stay where the format allows them); formula-looking
text is written as text: a string cell in XLSX, a leading apostrophe in CSV.
"""

import re
from typing import Any

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES

# What XML 1.0 forbids, as openpyxl checks it, minus nothing: \t \n \r are allowed there.
# The pattern reads the same in PostgreSQL's regular expressions, where the CSV export written by
# COPY (delegations/csv_copy.py) sanitises with it.
CONTROL_CHARACTERS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL_CHARACTERS = re.compile(CONTROL_CHARACTERS)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def clean_text(value: str) -> str:
    """The text without the control characters that XML files (XLSX, DOCX) cannot hold."""
    return _CONTROL_CHARACTERS.sub("", value)


def looks_like_formula(value: str) -> bool:
    return value.startswith(FORMULA_PREFIXES)


def csv_value(value: Any) -> Any:
    """A CSV field: cleaned, and a leading apostrophe before text a spreadsheet would evaluate."""
    # Written inline (no helper calls): a million-row export passes here eighteen million times.
    if value.__class__ is not str:
        return "" if value is None else value
    if _CONTROL_CHARACTERS.search(value) is not None:
        value = _CONTROL_CHARACTERS.sub("", value)
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


# Either a control character anywhere, or a formula prefix at the start of a value (values joined by
# line feeds): what makes csv_value change a value.
_CSV_RISKY = re.compile(CONTROL_CHARACTERS + r"|(?:^|\n)[=+\-@\t\r]")


def csv_values_in_place(row: list, positions: list[int]) -> list:
    """csv_value on the row's values at `positions`, in place; one search when none needs a change."""
    texts = [row[at] for at in positions]
    if _CSV_RISKY.search("\n".join(text for text in texts if text.__class__ is str)) is None:
        return row
    for at in positions:
        row[at] = csv_value(row[at])
    return row


def xlsx_value(sheet, value: Any):
    """What to append to a write-only sheet for the value: the value itself when openpyxl writes it as
    typed (numbers, dates, None, cleaned text that no spreadsheet reads as a formula or an error code),
    else the cell of xlsx_cell. The same file as xlsx_cell everywhere, without a cell object for
    every value: a million-row export spends most of its time there.
    """
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return xlsx_cell(sheet, text) if text.startswith("=") or text in ERROR_CODES else text


def xlsx_cell(sheet, value: Any):
    """A write-only openpyxl cell whose text is cleaned and kept as text, never a formula.

    openpyxl refuses control characters when the cell is made and stores any string starting
    with "=" as a formula; cleaning first and forcing the type to "s" writes the text as typed.
    """
    if isinstance(value, str):
        value = clean_text(value)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell
