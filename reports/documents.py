"""The Word report laid out per Decree 30/2020/NĐ-CP, Appendix I, drawn from the report's content."""

import datetime
import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.formatting import cell_text, date_in_words_vi
from core.sanitize import clean_text

FONT = "Times New Roman"
BODY_PT = 14
TABLE_PT = 12
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins below


def docx_render(*, content: dict, document_number: str, issued_on: datetime.date) -> bytes:
    """The .docx file of the content, as bytes."""
    document = Document()
    _page_setup(document)
    issuer = content["issuer"]
    _header(document, issuer, document_number, issued_on)
    _title(document, content["title"])
    last = None
    for section in content["sections"]:
        last = _text(document, f"{section['number']}. {section['title']}", bold=True)
        for block in section["blocks"]:
            last = _block(document, block) or last
    if last is not None:
        last.add_run("./.")
    _footer(document, issuer)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def _page_setup(document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    # Word picks the font of Vietnamese text from the east-Asian slot when one is set: fix it too.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(6)


def _line(container, text: str, *, size=13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def _rule(cell, width_mm: int) -> None:
    """A short centred rule under a header line (a top border on an indented empty paragraph)."""
    paragraph = cell.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    side = Mm((80 - width_mm) / 2)
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _header(document, issuer: dict, document_number: str, issued_on: datetime.date) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    left.width, right.width = Mm(80), Mm(100)
    left.paragraphs[0].text = ""
    _line(left, issuer["parent_body"].upper(), size=13)
    _line(left, issuer["printed_name"].upper(), size=13, bold=True)
    _rule(left, 25)
    _line(left, f"Số: {document_number}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    _line(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True)
    _rule(right, 55)
    _line(right, f"{issuer['place_name']}, {date_in_words_vi(issued_on)}", size=14, italic=True)
    # The first paragraph of a new cell is empty; drop it so both columns start on the same line.
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            first._p.getparent().remove(first._p)


def _title(document, summary: str) -> None:
    document.add_paragraph()
    _line(document, "BÁO CÁO", size=14, bold=True)
    _line(document, summary, size=14, bold=True)
    _rule_paragraph = document.add_paragraph()
    _rule_paragraph.paragraph_format.space_after = Pt(6)


def _text(document, text: str, *, bold=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(clean_text(text))
    run.bold = bold
    run.font.size = Pt(BODY_PT)
    return paragraph


def _block(document, block: dict):
    """Add one content block; return the paragraph the closing "./." may follow, if it is one."""
    if block["type"] == "heading":
        return _text(document, block["text"], bold=True)
    if block["type"] == "paragraph":
        return _text(document, block["text"])
    if block["type"] == "list":
        paragraph = None
        for item in block["rows"] or [block["empty"]]:
            paragraph = _text(document, item)
        return paragraph
    _table(document, block)
    return None


def _table(document, block: dict) -> None:
    table = document.add_table(rows=1, cols=len(block["columns"]))
    table.style = "Table Grid"
    table.autofit = False
    widths = _column_widths(block)
    for cell, label in zip(table.rows[0].cells, block["columns"], strict=True):
        _table_cell(cell, label, bold=True)
    for row in block["rows"]:
        cells = table.add_row().cells
        for cell, value, kind in zip(cells, row, block["kinds"], strict=True):
            _table_cell(cell, cell_text(value, kind), numeric=kind != "text")
    # Word reads the width of each cell, LibreOffice the table's grid: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    for table_row in table.rows:
        for cell, width in zip(table_row.cells, widths, strict=True):
            cell.width = Mm(width)
    document.add_paragraph()


def _column_widths(block: dict) -> list[float]:
    """Share the text width between columns: figures get a narrow column, texts one as long as they run."""
    weights = []
    for index, kind in enumerate(block["kinds"]):
        if kind != "text":
            weights.append(1.8)
            continue
        texts = [str(row[index] or "") for row in block["rows"]] or [""]
        average = sum(len(text) for text in texts) / len(texts)
        # Short names (a department, a status) still need room for two or three words a line.
        weights.append(min(max(average / 15, 2.2), 5.0))
    total = sum(weights)
    return [TEXT_WIDTH_MM * weight / total for weight in weights]


def _table_cell(cell, text: str, *, bold=False, numeric=False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT
    if bold:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.bold = Pt(TABLE_PT), bold


def _footer(document, issuer: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    first = left.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    run = first.add_run("Nơi nhận:")
    run.font.size, run.bold, run.italic = Pt(12), True, True
    for recipient in issuer["recipients"]:
        _line(left, f"- {recipient};", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(left, f"- {issuer['archive_note']}.", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    right.paragraphs[0].text = ""
    if issuer["signer_authority"]:
        _line(right, issuer["signer_authority"], size=14, bold=True)
    _line(right, issuer["signer_title"], size=14, bold=True)
    for _blank in range(4):
        _line(right, "", size=14)
    _line(right, issuer["signer_name"], size=14, bold=True)
    first = right.paragraphs[0]
    first._p.getparent().remove(first._p)
