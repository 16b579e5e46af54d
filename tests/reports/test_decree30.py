"""The Word report against the points of Decree 30/2020, Appendix I, read back with python-docx."""

import pytest
from docx import Document
from docx.oxml.ns import qn

from reports.documents import HEADER_LEFT_MM, TEXT_WIDTH_MM, line_length_mm
from tests.reports.test_documents import cell_lines, compiled, footer_of  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def rule_width_mm(paragraph, within_mm: float) -> float:
    """The length of a rule drawn as the top border of an indented empty paragraph."""
    layout = paragraph.paragraph_format
    return (
        within_mm
        - (layout.left_indent.mm if layout.left_indent else 0)
        - (layout.right_indent.mm if layout.right_indent else 0)
    )


def has_top_border(paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.find(qn("w:pBdr")) is not None


def test_page_numbers_start_on_page_two_at_the_top_centre(compiled):  # noqa: F811
    section = Document(compiled.docx_file.path).sections[0]

    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    assert "PAGE" in "".join(node.text or "" for node in header._p.iter(qn("w:instrText")))
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()


def test_header_columns_fit_the_text_width(compiled):  # noqa: F811
    header = Document(compiled.docx_file.path).tables[0]

    widths = [column.width.mm for column in header.columns]
    assert sum(widths) == pytest.approx(TEXT_WIDTH_MM, abs=0.5)
    # The Quốc hiệu (12 pt bold capitals) fits its column on one line.
    assert line_length_mm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 12) < widths[1]


def test_rules_are_a_third_to_a_half_of_their_line(compiled):  # noqa: F811
    document = Document(compiled.docx_file.path)
    left = document.tables[0].rows[0].cells[0]
    rule = next(p for p in left.paragraphs if has_top_border(p))

    issuing_body = line_length_mm("SỞ NGOẠI VỤ", 13)
    assert 1 / 3 <= rule_width_mm(rule, HEADER_LEFT_MM) / issuing_body <= 1 / 2
    summary = next(p for p in document.paragraphs if p.text.startswith("Kết quả công tác đối ngoại"))
    summary_rule = next(p for p in document.paragraphs if has_top_border(p))
    ratio = rule_width_mm(summary_rule, TEXT_WIDTH_MM) / min(line_length_mm(summary.text, 14), TEXT_WIDTH_MM)
    assert 1 / 3 <= ratio <= 1 / 2


def test_the_report_goes_to_the_higher_body_and_names_it_first_among_recipients(compiled):  # noqa: F811
    document = Document(compiled.docx_file.path)

    assert "Kính gửi: Ủy ban nhân dân tỉnh Sơn La." in [p.text for p in document.paragraphs]
    recipients = cell_lines(footer_of(document).rows[0].cells[0])
    assert recipients[:2] == ["Nơi nhận:", "- Như trên;"]


def test_the_text_ends_once_with_the_closing_mark(compiled):  # noqa: F811
    document = Document(compiled.docx_file.path)
    text = "\n".join(p.text for p in document.paragraphs)

    assert text.count("./.") == 1


def test_the_text_is_tagged_vietnamese(compiled):  # noqa: F811
    styles = Document(compiled.docx_file.path).styles["Normal"].element
    language = styles.rPr.find(qn("w:lang"))

    assert language.get(qn("w:val")) == "vi-VN"


def test_the_date_line_is_left_for_the_signing_day(compiled):  # noqa: F811
    right = Document(compiled.docx_file.path).tables[0].rows[0].cells[1]

    assert any(line.startswith("Sơn La, ngày      tháng      năm ") for line in cell_lines(right))
