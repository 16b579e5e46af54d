"""The Word report laid out per Decree 30/2020/NĐ-CP, Appendix I, drawn from the report's content."""

import datetime
import io
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from core.formatting import cell_text, date_in_words_vi
from core.sanitize import clean_text

from .packages import chunks, package_rewrite

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
BODY_PT = 14
TABLE_PT = 12
PAGE_NUMBER_PT = 13
TEXT_WIDTH_MM = 210 - 30 - 15  # A4 less the left and right margins below
LANDSCAPE_TEXT_WIDTH_MM = 297 - 20 - 20
# Header columns (Decree 30): together exactly the text width, the right one wide enough for the
# Quốc hiệu on one line at 12 pt.
HEADER_LEFT_MM, HEADER_RIGHT_MM = 65, TEXT_WIDTH_MM - 65
# Width of a capital or small letter of Times New Roman per point of size, in millimetres (a
# measured average), to draw the rules under a line at the share of its length the decree asks.
CAPITAL_MM_PER_PT, SMALL_MM_PER_PT = 0.245, 0.18
# Where a table's rows go in the saved document.xml: a comment python-docx keeps, replaced by the rows
# written as text while the file is zipped (user text is escaped, so it can never read like this).
ROWS_MARK = re.compile(rb"<!--report-rows:(\d+)-->")


def docx_render(*, content: dict, document_number: str, issued_on: datetime.date | None) -> bytes:
    """The .docx file of the content, as bytes.

    `issued_on` None leaves the signing date to be written by hand ("ngày … tháng … năm …").
    """
    document = Document()
    tables: list[tuple[dict, list[float]]] = []  # the data tables whose rows are written at saving
    _page_setup(document)
    _page_numbers(document.sections[0])
    issuer = content["issuer"]
    _header(document, issuer, document_number, issued_on)
    _title(document, content["title"])
    _addressee(document, issuer)
    for text in content.get("opening", []):
        _text(document, text)
    last = None
    for section in content["sections"]:
        last = _text(document, f"{section['number']}. {section['title']}", bold=True)
        for block in section["blocks"]:
            last = _block(document, block, tables) or last
    # The text ends with "./." once, on its last paragraph (a table cannot carry it).
    if last is None or document.paragraphs[-1] is not last:
        last = _text(document, "")
    last.add_run("./.")
    _footer(document, issuer)
    if content.get("annex"):
        _annex(document, content, document_number, issued_on, tables)
    stream = io.BytesIO()
    document.save(stream)
    return _with_rows(stream.getvalue(), tables)


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
    run_properties = normal.element.get_or_add_rPr()
    run_properties.get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    # Tag the text Vietnamese, so that Word and LibreOffice check its spelling as Vietnamese.
    language = OxmlElement("w:lang")
    for key in ("w:val", "w:eastAsia", "w:bidi"):
        language.set(qn(key), LANGUAGE)
    run_properties.append(language)
    normal.paragraph_format.space_after = Pt(6)


def _page_numbers(section) -> None:
    """The page number at the top centre from page 2 (Decree 30): a PAGE field, the first page without."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(PAGE_NUMBER_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _line(container, text: str, *, size=13, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.CENTER):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.bold, run.italic = Pt(size), bold, italic
    return paragraph


def line_length_mm(text: str, size: float) -> float:
    """The printed length of a line of Times New Roman at `size` points, estimated from its letters."""
    capitals = sum(1 for char in text if char.isupper() or char.isdigit())
    return (capitals * CAPITAL_MM_PER_PT + (len(text) - capitals) * SMALL_MM_PER_PT) * size


def _rule(container, width_mm: float, *, within_mm: float, space_after: int = 0) -> None:
    """A centred rule under a line (a top border on an indented empty paragraph of a cell or the body)."""
    paragraph = container.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(space_after)
    side = Mm(max((within_mm - width_mm) / 2, 0))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    _top_border(paragraph)


def _header(document, issuer: dict, document_number: str, issued_on: datetime.date | None) -> None:
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_cell_margins(table)
    left, right = table.rows[0].cells
    for column, cell, width in zip(table.columns, (left, right), (HEADER_LEFT_MM, HEADER_RIGHT_MM), strict=True):
        column.width = cell.width = Mm(width)
    left.paragraphs[0].text = ""
    issuing_body = issuer["printed_name"].upper()
    _line(left, issuer["parent_body"].upper(), size=13)
    _line(left, issuing_body, size=13, bold=True)
    # The rule under the issuing body: between a third and a half of its line (here 40 %).
    _rule(left, 0.4 * line_length_mm(issuing_body, 13), within_mm=HEADER_LEFT_MM)
    _line(left, f"Số: {document_number}", size=13)
    _line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
    motto = "Độc lập - Tự do - Hạnh phúc"
    _line(right, motto, size=13, bold=True)
    # The rule under the motto runs as long as the motto.
    _rule(right, line_length_mm(motto, 13), within_mm=HEADER_RIGHT_MM)
    _line(right, f"{issuer['place_name']}, {_signing_date(issued_on)}", size=14, italic=True)
    # The first paragraph of a new cell is empty; drop it so both columns start on the same line.
    for cell in (left, right):
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            first._p.getparent().remove(first._p)


def _signing_date(issued_on: datetime.date | None) -> str:
    """The date in words, or blanks to fill at signing with the year of today."""
    if issued_on is not None:
        return date_in_words_vi(issued_on)
    return f"ngày      tháng      năm {datetime.date.today().year}"


def _no_cell_margins(table) -> None:
    """Cells without inner margins, so the header's columns hold their full width of text."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), "0")
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def _title(document, summary: str) -> None:
    document.add_paragraph()
    _line(document, "BÁO CÁO", size=14, bold=True)
    _line(document, summary, size=14, bold=True)
    # Under the summary line, a rule a third to a half of its length (40 %, at most the text width).
    length = min(line_length_mm(summary, 14), TEXT_WIDTH_MM)
    _rule(document, 0.4 * length, within_mm=TEXT_WIDTH_MM, space_after=6)


def _top_border(paragraph) -> None:
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in {"w:val": "single", "w:sz": "6", "w:space": "1", "w:color": "000000"}.items():
        top.set(qn(key), value)
    borders.append(top)
    paragraph._p.get_or_add_pPr().append(borders)


def _addressee(document, issuer: dict) -> None:
    """ "Kính gửi:" the body above the focal point, which the report goes to (Decree 30)."""
    addressee = issuer.get("addressee")
    if addressee:
        _line(document, f"Kính gửi: {addressee}.", size=14)
        document.add_paragraph().paragraph_format.space_after = Pt(0)


def _text(document, text: str, *, bold=False):
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(clean_text(text))
    run.bold = bold
    run.font.size = Pt(BODY_PT)
    return paragraph


def _block(document, block: dict, tables: list):
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
    _table(document, block, tables)
    return None


def _table(document, block: dict, tables: list, *, width_mm: float = TEXT_WIDTH_MM) -> None:
    """The header row now; the data rows when the file is saved (`_with_rows`), never cell by cell."""
    table = document.add_table(rows=1, cols=len(block["columns"]))
    table.style = "Table Grid"
    table.autofit = False
    widths = _column_widths(block, width_mm)
    # Word reads the width of each cell, LibreOffice the table's grid: set both, once per column.
    for column, cell, label, width in zip(table.columns, table.rows[0].cells, block["columns"], widths, strict=True):
        column.width = cell.width = Mm(width)
        _header_cell(cell, label)
    _repeat_as_header(table.rows[0])
    table._tbl.append(etree.Comment(f"report-rows:{len(tables)}"))
    tables.append((block, widths))
    document.add_paragraph()


def _repeat_as_header(row) -> None:
    """The row is repeated at the top of every page the table runs onto."""
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _column_widths(block: dict, width_mm: float) -> list[float]:
    """Share the text width between columns: figures get a narrow column, texts one as long as they run."""
    weights = []
    for index, kind in enumerate(block["kinds"]):
        if kind != "text":
            weights.append(1.8)
            continue
        texts = [str(row[index] or "") for row in block["rows"]] or [""]
        average = sum(len(text) for text in texts) / len(texts)
        # Short names (a department, a status) still need room for two or three words a line; codes
        # ("I.2", "51/KH-UBND") only for themselves.
        floor = 1.2 if max(len(text) for text in texts) <= 12 else 2.2
        weights.append(min(max(average / 15, floor), 5.0))
    total = sum(weights)
    return [width_mm * weight / total for weight in weights]


def _header_cell(cell, text: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(clean_text(text))
    run.font.size, run.bold = Pt(TABLE_PT), True


def _footer(document, issuer: dict) -> None:
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = Mm(85), Mm(80)
    first = left.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    run = first.add_run("Nơi nhận:")
    run.font.size, run.bold, run.italic = Pt(12), True, True
    recipients = issuer["recipients"]
    if issuer.get("addressee"):
        recipients = ["Như trên", *recipients]  # the addressee of "Kính gửi", named first
    for recipient in recipients:
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


def _annex(document, content: dict, document_number: str, issued_on: datetime.date | None, tables: list) -> None:
    """The phụ lục: the report's tables on landscape pages, with its heading and what it goes with."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin = section.bottom_margin = Mm(20)
    section.different_first_page_header_footer = False  # the annex's pages carry their numbers too
    issuer = content["issuer"]
    _line(document, "PHỤ LỤC", size=14, bold=True)
    _line(document, content["title"], size=14, bold=True)
    date = _signing_date(issued_on)
    _line(
        document,
        f"(Kèm theo Báo cáo số {document_number} {date} của {issuer['printed_name']})",
        size=14,
        italic=True,
    )
    document.add_paragraph()
    for annex_section in content["annex"]:
        _text(document, f"{annex_section['number']}. {annex_section['title']}", bold=True)
        for block in annex_section["blocks"]:
            if block["type"] == "table":
                _table(document, block, tables, width_mm=LANDSCAPE_TEXT_WIDTH_MM)
            else:
                _block(document, block, tables)


# --- the data rows, written as text into the saved file --------------------------------------------
# One cell as python-docx would make it (12 pt, figures on the right), its width
# given as it is created: a table of 20,000 rows costs one string per row, not a tree of elements.
CELL = (
    '<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/></w:tcPr><w:p><w:pPr><w:jc w:val="{align}"/></w:pPr>'
    '<w:r><w:rPr><w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">'
)
CELL_END = "</w:t></w:r></w:p></w:tc>"
# Inside a run, as python-docx writes them: a tab, and a line break for each CR or LF.
RUN_BREAKS = {"\t": '</w:t><w:tab/><w:t xml:space="preserve">', "\r": '</w:t><w:br/><w:t xml:space="preserve">'}
RUN_BREAKS["\n"] = RUN_BREAKS["\r"]
BREAK = re.compile(r"[\t\r\n]")


def _row_xml(row: list, starts: list[str], kinds: list[str]) -> str:
    cells = []
    for value, start, kind in zip(row, starts, kinds, strict=True):
        text = escape(clean_text(cell_text(value, kind)))
        cells.append(start + BREAK.sub(lambda match: RUN_BREAKS[match[0]], text) + CELL_END)
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def _rows_xml(block: dict, widths: list[float]) -> Iterable[bytes]:
    """The table's data rows as document.xml text."""
    kinds = block["kinds"]
    starts = [
        CELL.format(width=Mm(width).twips, align="left" if kind == "text" else "right", size=TABLE_PT * 2)
        for width, kind in zip(widths, kinds, strict=True)
    ]
    return chunks(block["rows"], lambda _index, row: _row_xml(row, starts, kinds))


def _with_rows(docx: bytes, tables: list[tuple[dict, list[float]]]) -> bytes:
    """The saved file with each table's rows written in place of its mark."""

    def parts(name: str, data: bytes) -> Iterable[bytes] | None:
        if name != "word/document.xml":
            return None
        # split() alternates text and the number of the table whose rows go there.
        pieces = ROWS_MARK.split(data)
        return _interleave(pieces, tables)

    return package_rewrite(docx, parts)


def _interleave(pieces: list[bytes], tables: list[tuple[dict, list[float]]]) -> Iterable[bytes]:
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            yield piece
        else:
            yield from _rows_xml(*tables[int(piece)])
