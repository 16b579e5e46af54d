"""Text written into files: control characters gone, formulas kept as text."""

import pytest
from openpyxl import Workbook

from core.sanitize import clean_text, csv_value, csv_values_in_place, xlsx_cell

ATTACKS = ["=1+1", "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3", "\t=1", "\r=1"]


def test_clean_text_drops_control_characters_and_keeps_line_breaks():
    assert clean_text("Đoàn\x0b Lào\x1b\x00\n\tvề\r") == "Đoàn Lào\n\tvề\r"


@pytest.mark.parametrize("attack", ATTACKS)
def test_csv_value_writes_formula_looking_text_as_text(attack):
    assert csv_value(attack).startswith("'")


def test_csv_value_leaves_plain_values_alone():
    assert [csv_value(v) for v in ("Hủa Phăn", 12, None)] == ["Hủa Phăn", 12, ""]


@pytest.mark.parametrize("attack", ATTACKS)
def test_xlsx_cell_keeps_formula_looking_text_as_a_string_cell(attack):
    sheet = Workbook(write_only=True).create_sheet()
    cell = xlsx_cell(sheet, attack + "\x1b")
    assert (cell.data_type, cell.value) == ("s", clean_text(attack))


@pytest.mark.parametrize(
    "values",
    [
        ["Đoàn Lào", "", None, 12],
        ["=1+2", "ok"],
        ["ok", "-5"],
        ["a\x1bb", "c"],
        ["dòng 1\n=SUM(A1)", "x"],
        ["\ttab", "@mention", "+84", "plain"],
    ],
)
def test_csv_values_in_place_equals_csv_value_on_each(values):
    row = ["key", *values]
    expected = ["key", *[csv_value(value) for value in values]]
    positions = list(range(1, len(row)))

    assert [csv_value(v) if v is None else v for v in csv_values_in_place(list(row), positions)] == expected
