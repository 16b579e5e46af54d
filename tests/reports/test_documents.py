"""The Word report read back with python-docx and the Excel annex with openpyxl."""

import datetime

import pytest
from docx import Document
from docx.shared import Pt
from openpyxl import load_workbook

from reports.choices import ReportState
from reports.services import report_request, report_run

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def compiled(province, delegations, settings):
    settings.PROVINCE_NAME = "Sơn La"
    settings.REPORT_PLACE = "Sơn La"
    settings.REPORT_PARENT_BODY = "UBND TỈNH SƠN LA"
    report = report_request(date_from=D(2017, 12, 15), date_to=D(2018, 3, 14), by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()
    return report


def cell_lines(cell) -> list[str]:
    return [paragraph.text for paragraph in cell.paragraphs if paragraph.text]


def run_of(paragraph):
    return next(run for run in paragraph.runs if run.text)


def test_docx_has_the_decree_30_header_number_place_and_date(compiled):
    document = Document(compiled.docx_file.path)

    left, right = document.tables[0].rows[0].cells
    assert cell_lines(left) == ["UBND TỈNH SƠN LA", "SỞ NGOẠI VỤ", "Số: …/BC-SNgV"]
    assert cell_lines(right)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cell_lines(right)[2].startswith("Sơn La, ngày ")
    parent, issuer = (p for p in left.paragraphs if p.text in ("UBND TỈNH SƠN LA", "SỞ NGOẠI VỤ"))
    assert not run_of(parent).bold and run_of(issuer).bold
    motto_line = next(p for p in right.paragraphs if p.text.startswith("Độc lập"))
    assert run_of(motto_line).bold and run_of(motto_line).font.size == Pt(13)
    national = next(p for p in right.paragraphs if p.text.startswith("CỘNG HÒA"))
    assert run_of(national).font.size == Pt(12)
    place = next(p for p in right.paragraphs if p.text.startswith("Sơn La,"))
    assert run_of(place).italic


def test_docx_page_is_a4_with_the_decree_margins_and_times_new_roman(compiled):
    document = Document(compiled.docx_file.path)

    section = document.sections[0]
    # Word stores twentieths of a point: compare in whole millimetres.
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25 and 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35 and 15 <= round(section.right_margin.mm) <= 20
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size == Pt(14)


def test_docx_has_the_title_sections_and_the_delegation_sentence(compiled):
    paragraphs = [p for p in Document(compiled.docx_file.path).paragraphs if p.text]
    lines = [p.text for p in paragraphs]

    title = lines.index("BÁO CÁO")
    assert run_of(paragraphs[title]).bold
    assert lines[title + 1] == "Kết quả công tác đối ngoại tỉnh Sơn La từ ngày 15/12/2017 đến ngày 14/03/2018"
    assert [line for line in lines if line[:3] in ("I. ", "II.", "III", "IV.")] == [
        "I. KẾT QUẢ THỰC HIỆN",
        "II. ĐÁNH GIÁ CHUNG",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
        # the phụ lục's sections, after "PHỤ LỤC"
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA KẾ HOẠCH",
        "II. CÔNG TÁC ĐOÀN RA, ĐOÀN VÀO",
        "III. CÁC CHỈ TIÊU ĐỊNH LƯỢNG",
    ]
    assert (
        "Công tác đoàn vào: Tỉnh đã đón tiếp và làm việc với 2 đoàn với 2.030 lượt khách quốc tế; "
        "trong đó có 1 đoàn với 2.024 lượt khách đến từ nước CHDCND Lào." in lines
    )
    assert (
        "Chi tiết kết quả thực hiện từng nhiệm vụ, số liệu đoàn ra, đoàn vào và các chỉ tiêu "
        "tại Phụ lục kèm theo Báo cáo này." in lines
    )
    assert lines.index("PHỤ LỤC") > lines.index("IV. ĐỀ XUẤT, KIẾN NGHỊ")
    assert lines[lines.index("PHỤ LỤC") - 1].endswith("./.")
    body = next(p for p in paragraphs if p.text.startswith("Công tác đoàn vào"))
    assert body.alignment == 3  # WD_ALIGN_PARAGRAPH.JUSTIFY


def test_docx_tables_hold_the_figures_written_the_vietnamese_way(compiled):
    tables = Document(compiled.docx_file.path).tables
    texts = [[[cell.text for cell in row.cells] for row in table.rows] for table in tables]

    delegations = next(rows for rows in texts if rows[0] == ["Loại đoàn", "Số đoàn", "Số lượt người"])
    assert delegations[1:] == [["Đoàn vào", "2", "2.030"], ["Đoàn ra", "1", "8"]]
    progress = next(rows for rows in texts if rows[0][:4] == ["Kế hoạch", "Lĩnh vực", "STT", "Nhiệm vụ"])
    assert progress[1][2:] == [
        "I.1",
        "Mở lớp bồi dưỡng tiếng Việt cho cán bộ Lào",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Hoàn thành",
        "100%",
        "Đã mở 3 lớp cho 113 cán bộ",
    ]
    targets = next(rows for rows in texts if rows[0][1] == "Chỉ tiêu")
    assert targets[1] == ["I.1", "Lớp tiếng Việt", "lớp", "3", "3", "100%"]


def footer_of(document):
    return next(table for table in document.tables if table.rows[0].cells[0].text.startswith("Nơi nhận:"))


def test_docx_ends_with_recipients_and_the_signature_block(compiled, settings):
    footer = footer_of(Document(compiled.docx_file.path))
    left, right = footer.rows[0].cells

    lines = cell_lines(left)
    assert lines[0] == "Nơi nhận:"
    heading = run_of(left.paragraphs[0])
    assert heading.bold and heading.italic and heading.font.size == Pt(12)
    assert lines[-1] == "- Lưu: VT, NV."
    assert run_of(left.paragraphs[1]).font.size == Pt(11)
    assert cell_lines(right)[:2] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]


def test_xlsx_annex_has_every_table_with_numbers_as_numbers(compiled):
    workbook = load_workbook(compiled.xlsx_file.path, read_only=True)

    assert workbook.sheetnames == [
        "I. Tình trạng",
        "I. Tiến độ",
        "I. Quá hạn",
        "II. Số đoàn",
        "II. Theo quốc gia",
        "III. Chỉ tiêu",
        "Khó khăn và đề xuất",
    ]
    rows = list(workbook["II. Số đoàn"].iter_rows(values_only=True))
    # The title block: body, report, window and table, then a blank line and the header.
    assert rows[0][0] == "UBND TỈNH SƠN LA – SỞ NGOẠI VỤ"
    assert rows[1][0] == "Phụ lục kèm theo báo cáo: " + compiled.content["title"]
    assert rows[2][0] == "Từ ngày 15/12/2017 đến ngày 14/03/2018"
    assert rows[3][0] == "CÔNG TÁC ĐOÀN RA, ĐOÀN VÀO"
    assert rows[5:] == [
        ("Loại đoàn", "Số đoàn", "Số lượt người"),
        ("Đoàn vào", 2, 2030),
        ("Đoàn ra", 1, 8),
    ]
    targets = list(workbook["III. Chỉ tiêu"].iter_rows(values_only=True))
    assert targets[6] == ("I.1", "Lớp tiếng Việt", "lớp", 3, 3, 1)  # 100 % as a fraction
    texts = list(workbook["Khó khăn và đề xuất"].iter_rows(values_only=True))
    assert ("Khó khăn, vướng mắc", "Ngoại giao văn hóa: Thiếu giáo viên tiếng Việt.") in texts
    assert ("Đề xuất, kiến nghị", "Bổ sung kinh phí đào tạo.") in texts


def test_xlsx_annex_prints_and_reads_as_it_comes(compiled):
    workbook = load_workbook(compiled.xlsx_file.path)

    progress = workbook["I. Tiến độ"]
    assert progress.freeze_panes == "A7"
    assert progress.auto_filter.ref.startswith("A6:H")
    assert progress.print_title_rows == "$6:$6"
    assert (progress.page_setup.orientation, int(progress.page_setup.paperSize)) == ("landscape", 9)
    assert progress["A6"].value == "Kế hoạch"  # task numbers repeat across plans
    assert progress["G7"].number_format == "0.0%" and progress["G7"].value == 1
    assert progress["H7"].alignment.wrap_text
    assert progress.column_dimensions["D"].width > progress.column_dimensions["C"].width
    overdue = workbook["I. Quá hạn"]
    assert overdue["G7"].value == datetime.datetime(2018, 2, 1) and overdue["G7"].number_format == "DD/MM/YYYY"


def test_docx_tables_fill_the_text_width_and_give_task_texts_the_widest_column(compiled):
    tables = Document(compiled.docx_file.path).tables
    progress = next(t for t in tables if [c.text for c in t.rows[0].cells][:3] == ["Kế hoạch", "Lĩnh vực", "STT"])
    widths = [column.width.mm for column in progress.columns]

    # The phụ lục is landscape A4 (297 mm) less its 20 mm side margins, shared by the columns.
    assert sum(widths) == pytest.approx(257, abs=1)
    assert max(widths) == widths[3]
    cells = progress.rows[1].cells
    assert all(cell.width.mm == pytest.approx(width, abs=0.5) for cell, width in zip(cells, widths, strict=True))
