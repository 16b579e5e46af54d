"""The report's PDF, made by LibreOffice from the Word file: the Quốc hiệu on one line, a sane length."""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from reports.choices import ReportState
from reports.services import report_request, report_run, table_rows

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def with_pdf(province, delegations, settings):
    settings.REPORT_PDF = True
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    return report


def test_the_report_has_a_pdf_that_keeps_the_decree_30_layout(with_pdf):
    assert with_pdf.pdf_file, "LibreOffice (soffice) must be installed: apt-get install libreoffice-writer-nogui"
    reader = PdfReader(io.BytesIO(with_pdf.pdf_file.read()))
    first = reader.pages[0].extract_text().splitlines()

    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in [line.strip() for line in first]
    # A short report: the body and its signature, then the phụ lục's landscape pages.
    assert 2 <= len(reader.pages) <= 8
    landscape = reader.pages[-1].mediabox
    assert landscape.width > landscape.height
    assert reader.pages[1].extract_text().strip().startswith("2")  # the page number, top centre


def test_leadership_reads_the_pdf_in_the_browser(with_pdf, client_as):
    response = client_as("leadership").get(reverse("reports:report_download", args=[with_pdf.pk, "pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")


def test_without_libreoffice_the_report_is_done_without_its_pdf(province, settings):
    settings.REPORT_PDF, settings.LIBREOFFICE_BINARY = True, "no-such-office"
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])

    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    assert report.docx_file and report.xlsx_file and not report.pdf_file


def test_a_report_with_more_table_rows_than_the_cap_gets_no_pdf_and_no_libreoffice(
    province, delegations, settings, monkeypatch
):
    def never(docx):
        raise AssertionError("LibreOffice must not be started for a report past the cap")

    monkeypatch.setattr("reports.services.docx_to_pdf", never)
    settings.REPORT_PDF, settings.REPORT_PDF_MAX_TABLE_ROWS = True, 0
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])

    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    assert table_rows(report.content) > 0
    assert report.docx_file and report.xlsx_file and not report.pdf_file
