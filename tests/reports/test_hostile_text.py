"""Text typed by users never breaks a file nor turns into a formula: exports and the report survive it.

A control character (ESC, vertical tab) used to make the XLSX export answer 500 and every report
compile fail ("All strings must be XML compatible"); formula-looking text went out as live formulas.
"""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from delegations.models import Delegation
from plans.models import Task, TaskProgress
from reports.choices import ReportState
from reports.services import report_request, report_run

pytestmark = pytest.mark.django_db
D = datetime.date
# No NUL: PostgreSQL refuses it in text, and forms and serializers refuse it on input.
CONTROL = "\x0b\x1b"
FORMULAS = ["=1+1", "@SUM(1)", "+cmd|' /C calc'!A0"]
FREE_TEXT = {
    Delegation: ["title", "purpose", "leader_name", "leader_position", "partner", "approval_document"],
    TaskProgress: ["results", "difficulties", "proposals", "review_comment"],
    Task: ["content", "expected_output"],
}


@pytest.fixture
def hostile(province, delegations):
    """Every free-text field of the report's records gets control characters and a formula."""
    for model, fields in FREE_TEXT.items():
        for number, row in enumerate(model.objects.all()):
            formula = FORMULAS[number % len(FORMULAS)]
            model.objects.filter(pk=row.pk).update(**dict.fromkeys(fields, f"{formula} Đoàn{CONTROL} Lào"))
    return province


def rows_of_xlsx(content: bytes):
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    return [list(row) for row in sheet.iter_rows()]


def test_delegation_csv_export_writes_formulas_as_text_without_control_characters(client_as, hostile):
    response = client_as("specialist").get(reverse("delegations:delegation_export", args=["csv"]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "\x1b" not in text and "\x0b" not in text
    titles = [row[2] for row in list(csv.reader(io.StringIO(text)))[1:]]
    assert titles and all(title.startswith("'") for title in titles)
    assert {title.split(" ")[0] for title in titles} <= {"'" + formula.split(" ")[0] for formula in FORMULAS}


def test_delegation_xlsx_export_keeps_formulas_as_text_cells(client_as, hostile):
    response = client_as("specialist").get(reverse("delegations:delegation_export", args=["xlsx"]))
    assert response.status_code == 200
    body = response.content if not response.streaming else b"".join(response.streaming_content)
    cells = [cell for row in rows_of_xlsx(body)[1:] for cell in row if isinstance(cell.value, str)]
    formula_cells = [cell for cell in cells if cell.value.startswith(("=", "@", "+"))]
    assert formula_cells and all(cell.data_type == "s" for cell in formula_cells)
    assert not any("\x1b" in cell.value for cell in cells)


def test_report_compiles_with_hostile_text_and_its_annex_holds_text_not_formulas(hostile):
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=hostile.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    document = Document(report.docx_file.open("rb"))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("=1+1 Đoàn Lào" in text for text in texts)
    workbook = load_workbook(report.xlsx_file.open("rb"))
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    formula_looking = [cell for cell in cells if isinstance(cell.value, str) and cell.value[:1] in "=@+"]
    assert formula_looking and all(cell.data_type == "s" for cell in formula_looking)


def test_report_tables_keep_markup_characters_tabs_and_line_breaks_as_typed(province):
    typed = "Hội nghị <b>A & B</b>\tđợt 1\nđợt 2"
    TaskProgress.objects.filter(task=province.tasks[0], department=province.departments["a"]).update(results=typed)
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()

    document = Document(report.docx_file.open("rb"))
    assert typed in [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    workbook = load_workbook(report.xlsx_file.open("rb"))
    assert typed in [cell.value for row in workbook["I. Tiến độ"].iter_rows() for cell in row]
