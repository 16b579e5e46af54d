"""A report edited in the portal before signing: the text survives finalising and recompiling."""

import datetime

import pytest
from django.urls import reverse
from docx import Document

from plans.models import TaskProgress
from reports.choices import ReportState
from reports.models import CompiledReport
from reports.services import report_request, report_run
from tests.reports.test_documents import cell_lines

pytestmark = pytest.mark.django_db
D = datetime.date
EDITED = "Sở Văn hóa, Thể thao và Du lịch đã mở 3 lớp tiếng Việt cho 113 cán bộ các tỉnh Bắc Lào."


@pytest.fixture
def compiled(province, delegations):
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    return report


def draft_data(page, **changes) -> dict:
    form = page.context["form"]
    data = {name: field.value() or "" for name, field in ((f.html_name, f) for f in form)}
    return {**data, **changes}


def paragraphs_of(report) -> list[str]:
    return [paragraph.text for paragraph in Document(report.docx_file.path).paragraphs if paragraph.text]


def test_an_edited_section_survives_finalising_with_the_number_and_date_of_signing(compiled, client_as):
    client = client_as("specialist")
    url = reverse("reports:report_draft", args=[compiled.pk])
    page = client.get(url)
    original = page.context["form"]["text_I"].value()
    assert "Đã mở 3 lớp cho 113 cán bộ" in original
    text = original.replace("Đã mở 3 lớp cho 113 cán bộ (Lớp tiếng Việt: đạt 3/3 lớp, 100%).", EDITED)

    response = client.post(
        url,
        draft_data(page, text_I=text, signed_number="15/BC-SNgV", signed_on="03/05/2018", action="finalise"),
    )

    assert response.status_code == 302
    compiled.refresh_from_db()
    assert compiled.finalised_at is not None and set(compiled.edits) == {"I"}
    lines = paragraphs_of(compiled)
    assert EDITED in lines and not any("Đã mở 3 lớp cho 113 cán bộ (" in line for line in lines)
    header = Document(compiled.docx_file.path).tables[0].rows[0].cells
    assert "Số: 15/BC-SNgV" in cell_lines(header[0])
    assert "Sơn La, ngày 03 tháng 5 năm 2018" in cell_lines(header[1])
    assert EDITED in client.get(reverse("reports:report_preview", args=[compiled.pk])).content.decode()


def test_compiling_again_keeps_the_edit_and_shows_the_data_that_changed(compiled, client_as, province):
    client = client_as("specialist")
    url = reverse("reports:report_draft", args=[compiled.pk])
    page = client.get(url)
    text = page.context["form"]["text_I"].value().replace("Đã mở 3 lớp cho 113 cán bộ", "Đã mở ba lớp")
    client.post(url, draft_data(page, text_I=text, action="save"))
    # the department's words change, and the report is compiled again
    TaskProgress.objects.filter(results="Đã mở 3 lớp cho 113 cán bộ").update(results="Đã mở 4 lớp cho 150 cán bộ")

    again = report_request(
        date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"], again=True
    )
    assert report_run(report_id=again.pk) == ReportState.DONE

    newer = CompiledReport.objects.get(pk=again.pk)
    assert newer.version == 2 and newer.edits["I"]["text"] == text
    page = client.get(reverse("reports:report_draft", args=[newer.pk]))
    section = next(s for s in page.context["sections"] if s["field"].name == "text_I")
    assert section["changed"] and "Đã mở 4 lớp cho 150 cán bộ" in section["data"]
    assert any("Đã mở ba lớp" in line for line in paragraphs_of(newer))


def test_text_is_printed_as_text_never_as_markup(compiled, client_as):
    client = client_as("specialist")
    url = reverse("reports:report_draft", args=[compiled.pk])
    page = client.get(url)

    client.post(
        url, draft_data(page, text_IV="<script>alert(1)</script>\x07 Đề nghị bổ sung kinh phí.", action="finalise")
    )

    compiled.refresh_from_db()
    assert "<script>alert(1)</script> Đề nghị bổ sung kinh phí." in paragraphs_of(compiled)
    preview = client.get(reverse("reports:report_preview", args=[compiled.pk])).content.decode()
    assert "<script>alert(1)</script>" not in preview and "&lt;script&gt;" in preview


@pytest.mark.parametrize(("user", "status"), [("leadership", 403), ("staff", 404)])
def test_only_those_who_compile_reports_edit_them(compiled, client_as, user, status):
    client = client_as(user)
    url = reverse("reports:report_draft", args=[compiled.pk])

    assert client.get(url).status_code == status
    assert client.post(url, {"text_I": "Sửa", "action": "finalise"}).status_code == status
    compiled.refresh_from_db()
    assert compiled.edits == {} and compiled.finalised_at is None
