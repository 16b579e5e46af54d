"""A plan's file turned into paragraphs and tables in document order; hostile files refused first.

Every upload is hostile until read: the file's size is capped (PLAN_DOCUMENT_MAX_MB), its type is
read from its content, a Word file's zip directory is checked for what it unpacks to before any XML
is parsed (a zip bomb), a PDF's pages and extracted text are capped, and a PDF that pypdf cannot read
(broken, encrypted, or built to crash a parser) is refused with a message, never a traceback.
"""

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from core.spreadsheets import MAX_COMPRESSION_RATIO, MB

from .text import clean, join_wrapped_lines

# A plan of 200 tasks is about 100,000 characters and 40 pages; these leave room for ten times that.
MAX_CHARACTERS = 2_000_000
MAX_PDF_PAGES = 500
KINDS = (".docx", ".pdf", ".txt")


class IngestError(Exception):
    """The file cannot be read as a plan; the message says why, in the user's language."""


@dataclass
class Table:
    rows: list[list[str]]


Block = str | Table


def read_blocks(data: bytes, *, name: str) -> list[Block]:
    """The paragraphs (str) and tables of a .docx, .pdf or .txt file. Raises IngestError."""
    _check_size(len(data))
    extension = Path(name).suffix.lower()
    if extension not in KINDS:
        raise IngestError(
            _("%(name)s cannot be read: give the plan as a Word file (.docx), a PDF with text or a text file (.txt).")
            % {"name": name}
        )
    reader = {".docx": _docx_blocks, ".pdf": _pdf_blocks, ".txt": _txt_blocks}[extension]
    blocks = reader(data, name)
    if sum(len(block) if isinstance(block, str) else 0 for block in blocks) > MAX_CHARACTERS:
        raise IngestError(
            _("%(name)s holds more text than a plan can (%(max)d characters).")
            % {
                "name": name,
                "max": MAX_CHARACTERS,
            }
        )
    return blocks


def text_blocks(text: str) -> list[Block]:
    """The paragraphs of pasted text, broken line wraps mended."""
    if len(text) > MAX_CHARACTERS:
        raise IngestError(_("The text is longer than a plan can be (%(max)d characters).") % {"max": MAX_CHARACTERS})
    return list(join_wrapped_lines(text))


def _check_size(size: int) -> None:
    limit = settings.PLAN_DOCUMENT_MAX_MB * MB
    if not size:
        raise IngestError(_("The file is empty."))
    if size > limit:
        raise IngestError(
            _("The file is %(size)s; a plan's file may be at most %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )


def _not_a(kind: str, name: str) -> IngestError:
    return IngestError(_("The content of %(name)s is not a real %(kind)s file.") % {"name": name, "kind": kind})


def _txt_blocks(data: bytes, name: str) -> list[Block]:
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _not_a(".txt", name)
    try:
        text = data.decode("utf-16") if data.startswith((b"\xff\xfe", b"\xfe\xff")) else data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(_("%(name)s is not UTF-8 text; save it again as UTF-8.") % {"name": name}) from error
    return text_blocks(text)


def _docx_blocks(data: bytes, name: str) -> list[Block]:
    _check_docx_zip(data, name)
    import docx  # imported here: the command's start-up should not pay for python-docx and lxml

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a broken package; all mean "unreadable"
        raise _not_a(".docx", name) from error
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, docx.table.Table):
            blocks.append(Table([[clean(cell.text) for cell in row.cells] for row in item.rows]))
        else:
            blocks += [line for line in (clean(part) for part in item.text.split("\n")) if line]
    return blocks


def _check_docx_zip(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _not_a(".docx", name) from error
    if "word/document.xml" not in {member.filename for member in members}:
        raise _not_a(".docx", name)
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    limit = settings.SPREADSHEET_MAX_UNCOMPRESSED_MB * MB
    if total > limit or total / compressed > MAX_COMPRESSION_RATIO:
        raise IngestError(
            _("%(name)s unpacks to %(size)d MB, more than a plan's Word file can hold (%(max)d MB).")
            % {"name": name, "size": total // MB, "max": limit // MB}
        )


def _pdf_blocks(data: bytes, name: str) -> list[Block]:
    if b"%PDF-" not in data[:1024]:
        raise _not_a(".pdf", name)
    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(_("%(name)s is protected by a password.") % {"name": name})
        if len(reader.pages) > MAX_PDF_PAGES:
            raise IngestError(
                _("%(name)s has %(pages)d pages; a plan may have at most %(max)d.")
                % {"name": name, "pages": len(reader.pages), "max": MAX_PDF_PAGES}
            )
        text = _pdf_text(reader, name)
    except IngestError:
        raise
    except Exception as error:  # a hostile PDF can make pypdf raise anything; all mean "unreadable"
        raise _not_a(".pdf", name) from error
    if not text.strip():
        raise IngestError(
            _("%(name)s has no text layer (a scan?); give the Word file or paste the text.") % {"name": name}
        )
    return text_blocks(text)


def _pdf_text(reader, name: str) -> str:
    pages: list[str] = []
    length = 0
    for page in reader.pages:
        page_text = page.extract_text() or ""
        length += len(page_text)
        if length > MAX_CHARACTERS:
            raise IngestError(
                _("%(name)s holds more text than a plan can (%(max)d characters).")
                % {
                    "name": name,
                    "max": MAX_CHARACTERS,
                }
            )
        pages.append(page_text)
    return "\n".join(pages)
