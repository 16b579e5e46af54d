"""The Excel annex of a report, usable as it comes, written as a stream.

One sheet per table of the phụ lục, and one for the difficulties and proposals. Each sheet opens with
a title block (province and body, the report, its window, the table), then a frozen header row with
filters; numbers, percentages and dates are typed values with Vietnamese formats; columns are sized to
their content and wrap; pages print A4 landscape, fitted to the width, the header row repeated.
"""

import datetime
import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from core.formatting import date_vi
from core.sanitize import clean_text, xlsx_cell

from .packages import chunks, package_rewrite

MAX_SHEET_TITLE = 31  # Excel's limit
HEADER_ROW = 6  # after the four lines of the title block and a blank line
FORMATS = {"number": "#,##0.##", "percent": "0.0%", "date": "DD/MM/YYYY"}
MIN_WIDTH, MAX_WIDTH = 8, 45
A4 = "9"  # openpyxl's paper size code
SHEET = re.compile(r"xl/worksheets/sheet(\d+)\.xml")
EXCEL_EPOCH = datetime.date(1899, 12, 30)  # day 0 of Excel's serial dates (1900 system)


def xlsx_render(*, content: dict) -> bytes:
    """The .xlsx annex of the content, as bytes; numbers stay numbers so the reader can add them up."""
    # Write-only: rows go straight to the file, so a large annex does not build a sheet in memory.
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    sheets: list[tuple[dict, list[int], list[float]]] = []  # each sheet's rows, written at saving
    # A report stored before the phụ lục existed keeps its tables in its sections.
    for section in content.get("annex") or content["sections"]:
        for block in section["blocks"]:
            if block["type"] == "table":
                title = _title(f"{section['number']}. {block['sheet']}", used)
                sheets.append(_sheet(workbook, content, block, title, section["title"]))
    texts = _texts_block(content)
    if texts["rows"]:
        sheets.append(_sheet(workbook, content, texts, _title(texts["sheet"], used), texts["sheet"]))
    stream = io.BytesIO()
    workbook.save(stream)
    return _with_rows(stream.getvalue(), sheets)


def _title(wanted: str, used: set[str]) -> str:
    # Excel refuses these characters in sheet names and names longer than 31 characters.
    title = "".join(" " if char in "[]:*?/\\" else char for char in clean_text(wanted))[:MAX_SHEET_TITLE]
    candidate, number = title, 2
    while candidate in used:
        suffix = f" ({number})"
        candidate, number = title[: MAX_SHEET_TITLE - len(suffix)] + suffix, number + 1
    used.add(candidate)
    return candidate


def _title_block(content: dict, caption: str) -> list[str]:
    issuer = content.get("issuer", {})
    body = " – ".join(part for part in (issuer.get("parent_body"), issuer.get("printed_name")) if part)
    window = _("From %(from)s to %(to)s") % {
        "from": date_vi(datetime.date.fromisoformat(content["date_from"])),
        "to": date_vi(datetime.date.fromisoformat(content["date_to"])),
    }
    return [body, _("Annex to the report: %(title)s") % {"title": content["title"]}, window, caption]


def _sheet(workbook, content: dict, block: dict, title: str, caption: str) -> tuple[dict, list[int], list[float]]:
    """The sheet with its title block and header; returns what `_with_rows` needs to write its rows."""
    sheet = workbook.create_sheet(title)
    columns = len(block["columns"])
    last = get_column_letter(columns)
    widths = _widths(block)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + max(len(block['rows']), 1)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _print_setup(sheet)
    for number, line in enumerate(_title_block(content, caption)):
        cell = xlsx_cell(sheet, line)
        cell.font = Font(bold=number in (1, 3), size=12 if number == 1 else 11)
        sheet.append([cell])
    sheet.append([])
    sheet.row_dimensions[HEADER_ROW].height = _height(block["columns"], widths)
    sheet.append([_header_cell(sheet, label) for label in block["columns"]])
    # Each column's style is registered once; its cells name it by number.
    return block, [_cell(sheet, None, kind).style_id for kind in block["kinds"]], widths


def _print_setup(sheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _header_cell(sheet, label: str):
    cell = xlsx_cell(sheet, label)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDE3EA")
    cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    return cell


def _cell(sheet, value, kind: str):
    cell = xlsx_cell(sheet, _value(value, kind))
    if kind in FORMATS:
        cell.number_format = FORMATS[kind]
    cell.alignment = Alignment(wrap_text=kind == "text", vertical="top")
    return cell


def _value(value, kind: str):
    """The typed value: a percent column's 0–100 as a fraction (shown "66,7%"), an ISO date as a date."""
    if value is None or value == "":
        return None
    if kind == "percent":
        return round(float(value) / 100, 4)
    if kind == "date":
        return datetime.date.fromisoformat(str(value))
    if isinstance(value, float):
        return round(value, 2)
    return value


def _height(row, widths: list[float]) -> float:
    """Points for the row's tallest cell: its text's lines at the column's width, 15 pt a line."""
    lines = max(
        (-(-len(str(value or "")) // max(int(width) - 1, 1)) for value, width in zip(row, widths, strict=False)),
        default=1,
    )
    return 15.0 * max(lines, 1)


def _widths(block: dict) -> list[float]:
    """Each column as wide as its longest line of text, within bounds; longer texts wrap."""
    widths = []
    for index, label in enumerate(block["columns"]):
        longest = max([len(str(label)) / 2, *(len(str(row[index] or "")) for row in block["rows"])])
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _texts_block(content: dict) -> dict:
    """The difficulties and proposals, one row each, as a table of their own.

    The content lists them all (`annex_texts`); a report stored before it did takes the lists of its body.
    """
    rows = content.get("annex_texts")
    if rows is None:
        rows = []
        for section in content["sections"]:
            for block in section["blocks"]:
                if block["type"] == "list" and block["rows"] and section.get("texts"):
                    rows += [[section["texts"], text.removeprefix("- ")] for text in block["rows"]]
    return {
        "type": "table",
        "sheet": _("Difficulties and proposals"),
        "columns": [_("Kind"), _("Text")],
        "kinds": ["text", "text"],
        "rows": rows,
    }


def _with_rows(xlsx: bytes, sheets: list[tuple[dict, list[int], list[float]]]) -> bytes:
    """The saved workbook with each sheet's data rows written after its header row."""

    def parts(name: str, data: bytes) -> Iterable[bytes] | None:
        match = SHEET.fullmatch(name)
        if match is None:
            return None
        head, tail = data.split(b"</sheetData>")
        return _sheet_parts(head, sheets[int(match[1]) - 1], tail)

    return package_rewrite(xlsx, parts)


def _sheet_parts(head: bytes, sheet: tuple[dict, list[int], list[float]], tail: bytes) -> Iterable[bytes]:
    block, styles, widths = sheet
    letters = [get_column_letter(index) for index in range(1, len(styles) + 1)]
    columns = list(zip(block["kinds"], styles, letters, strict=True))

    def row_xml(index: int, row: list) -> str:
        number = HEADER_ROW + 1 + index
        cells = "".join(
            _cell_xml(f"{letter}{number}", _value(value, kind), style)
            for value, (kind, style, letter) in zip(row, columns, strict=True)
        )
        # Spreadsheet programs do not grow a row to its wrapped text on opening: give it the height.
        return f'<row r="{number}" ht="{_height(row, widths):g}" customHeight="1">{cells}</row>'

    yield head
    yield from chunks(block["rows"], row_xml)
    yield b"</sheetData>" + tail


def _cell_xml(reference: str, value, style: int) -> str:
    """A cell as openpyxl's write-only mode writes it: text inline (never a formula), numbers and dates as numbers."""
    if value is None:
        return f'<c r="{reference}" s="{style}"/>'
    if isinstance(value, str):
        text = escape(clean_text(value))
        return f'<c r="{reference}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    if isinstance(value, datetime.date):
        value = (value - EXCEL_EPOCH).days
    return f'<c r="{reference}" s="{style}" t="n"><v>{value}</v></c>'
