"""Hostile workbooks are refused before they cost time or memory, with a message and nothing read."""

import io
import zipfile

import pytest
from openpyxl import Workbook

from core import spreadsheets
from core.spreadsheets import SpreadsheetError, xlsx_rows


def workbook_bytes(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_part(xlsx: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one of its XML parts replaced, as an attacker would craft it."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item.filename, source.read(item.filename))
        target.writestr(name, content)
    return out.getvalue()


SHEET = "xl/worksheets/sheet1.xml"
SHEET_XML = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
)


def test_xlsx_rows_reads_values_and_row_numbers_skipping_empty_rows():
    rows = xlsx_rows(io.BytesIO(workbook_bytes([["Mã", "Tên"], [None, None], ["D-1", "Đoàn Lào"]])))
    assert rows == [(1, ["Mã", "Tên"]), (3, ["D-1", "Đoàn Lào"])]


def test_xlsx_rows_refuses_the_gap_bomb_without_walking_the_gap(monkeypatch):
    # Given a 5 KB file that claims A1:XFD1048576 and holds one cell in the sheet's last row
    rows_xml = '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã</t></is></c></row>'
    rows_xml += '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    bomb = with_part(
        workbook_bytes([["Mã"]]), SHEET, SHEET_XML.format(dimension="A1:XFD1048576", rows=rows_xml).encode()
    )
    seen = []
    real_value = spreadsheets._cell_value
    monkeypatch.setattr(spreadsheets, "_cell_value", lambda cell, **kw: seen.append(cell) or real_value(cell, **kw))
    # When it is read, then it is refused at the far row, having looked at the two cells it really holds
    with pytest.raises(SpreadsheetError, match="1048576"):
        xlsx_rows(io.BytesIO(bomb))
    assert len(seen) == 1


def test_xlsx_rows_refuses_the_shared_string_bomb_before_parsing(monkeypatch):
    # A 200 MB shared string compresses to a few hundred KB.
    huge = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>'
    huge += b"A" * (200 * 1024 * 1024) + b"</t></si></sst>"
    bomb = with_part(workbook_bytes([["Mã"]]), "xl/sharedStrings.xml", huge)
    assert len(bomb) < 1024 * 1024
    monkeypatch.setattr(spreadsheets, "load_workbook", lambda *a, **k: pytest.fail("parsed a zip bomb"))
    with pytest.raises(SpreadsheetError, match="MB"):
        xlsx_rows(io.BytesIO(bomb))


def test_xlsx_rows_refuses_formulas():
    with pytest.raises(SpreadsheetError, match="formula|công thức"):
        xlsx_rows(io.BytesIO(workbook_bytes([["Mã"], ['=HYPERLINK("http://evil","x")']])))


def test_xlsx_rows_refuses_data_past_the_column_cap(settings):
    settings.SPREADSHEET_MAX_COLUMNS = 3
    with pytest.raises(SpreadsheetError, match="4"):
        xlsx_rows(io.BytesIO(workbook_bytes([["a", "b", "c", "d"]])))


def test_xlsx_rows_refuses_an_overlong_text(settings):
    settings.SPREADSHEET_MAX_CELL_CHARS = 10
    with pytest.raises(SpreadsheetError, match="11"):
        xlsx_rows(io.BytesIO(workbook_bytes([["x" * 11]])))


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04broken", b""])
def test_xlsx_rows_refuses_what_is_not_a_workbook(content):
    with pytest.raises(SpreadsheetError):
        xlsx_rows(io.BytesIO(content))
