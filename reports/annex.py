"""The Excel annex of a report: every table of its content, one sheet each, written as a stream."""

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from core.sanitize import clean_text, xlsx_cell

MAX_SHEET_TITLE = 31  # Excel's limit


def xlsx_render(*, content: dict) -> bytes:
    """The .xlsx annex of the content, as bytes; numbers stay numbers so the reader can add them up."""
    # Write-only: rows go straight to the file, so a large annex does not build a sheet in memory.
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    # The tables are the phụ lục's; a report stored before the phụ lục existed keeps them in its sections.
    for section in content.get("annex") or content["sections"]:
        for block in section["blocks"]:
            if block["type"] == "table":
                _sheet(workbook, block, _title(f"{section['number']}. {block['sheet']}", used), section["title"])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _title(wanted: str, used: set[str]) -> str:
    # Excel refuses these characters in sheet names and names longer than 31 characters.
    title = "".join(" " if char in "[]:*?/\\" else char for char in clean_text(wanted))[:MAX_SHEET_TITLE]
    candidate, number = title, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = title[: MAX_SHEET_TITLE - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def _sheet(workbook, block: dict, title: str, caption: str) -> None:
    sheet = workbook.create_sheet(title)
    bold = Font(bold=True)
    heading = xlsx_cell(sheet, caption)
    heading.font = bold
    sheet.append([heading])
    header = []
    for label in block["columns"]:
        cell = xlsx_cell(sheet, label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in block["rows"]:
        sheet.append([xlsx_cell(sheet, _value(value, kind)) for value, kind in zip(row, block["kinds"], strict=True)])


def _value(value, kind: str):
    # Percent columns hold 0–100 as their header says; round what a division left long.
    if isinstance(value, float):
        return round(value, 2)
    return value
