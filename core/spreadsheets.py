"""Reading spreadsheets that users upload, which are hostile until read (every import uses this).

An .xlsx file is a zip of XML parts. Before anything is parsed the zip's directory is checked: the
parts' uncompressed sizes and compression ratio (a 200 KB file may unpack a 200 MB shared string).
Then the first sheet is read row by row from its XML, only the rows the file really holds: openpyxl's
own iterator fills every gap up to the last row, so one cell in row 1,048,576 would cost a million
empty rows. Rows beyond the row cap, cells beyond the column cap, formulas and over-long texts are
refused with a message in the user's language, before any row reaches the caller.
"""

import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet._reader import WorkSheetParser

MB = 1024 * 1024
# Compression ratios of real workbooks stay well under this; zip bombs go far above it.
MAX_COMPRESSION_RATIO = 100


class SpreadsheetError(Exception):
    """The file cannot be accepted as a whole; the message says why, in the user's language."""


def _limits() -> dict[str, int]:
    return {
        "uncompressed": settings.SPREADSHEET_MAX_UNCOMPRESSED_MB * MB,
        "rows": settings.SPREADSHEET_MAX_ROWS,
        "columns": settings.SPREADSHEET_MAX_COLUMNS,
        "cell_chars": settings.SPREADSHEET_MAX_CELL_CHARS,
    }


def check_zip(file: IO[bytes], *, max_uncompressed: int) -> None:
    """Refuse a file that is not a zip, or whose parts unpack too large. Raises SpreadsheetError."""
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx).")) from error
    finally:
        file.seek(0)
    total = sum(member.file_size for member in members)
    compressed = sum(member.compress_size for member in members) or 1
    if total > max_uncompressed or total / compressed > MAX_COMPRESSION_RATIO:
        raise SpreadsheetError(
            _("The workbook unpacks to %(size)d MB, more than a workbook of this kind can hold (%(max)d MB).")
            % {"size": total // MB, "max": max_uncompressed // MB}
        )


def _cell_value(cell: dict[str, Any], *, row: int, max_chars: int) -> Any:
    if cell["data_type"] == "f":
        raise SpreadsheetError(
            _("Row %(row)d, column %(column)d holds a formula; enter values only.")
            % {"row": row, "column": cell["column"]}
        )
    value = cell["value"]
    if isinstance(value, str) and len(value) > max_chars:
        raise SpreadsheetError(
            _("Row %(row)d, column %(column)d holds %(length)d characters; at most %(max)d are allowed.")
            % {"row": row, "column": cell["column"], "length": len(value), "max": max_chars}
        )
    return value


def _sheet_rows(workbook, limits: dict[str, int]) -> Iterator[tuple[int, list[Any]]]:
    sheet = workbook.worksheets[0]
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            workbook.shared_strings,
            data_only=False,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for row_number, cells in parser.parse():
            if row_number > limits["rows"]:
                raise SpreadsheetError(
                    _("The sheet has data in row %(row)d; a file holds at most %(max)d rows.")
                    % {"row": row_number, "max": limits["rows"]}
                )
            values: list[Any] = []
            for cell in cells:
                if cell["column"] > limits["columns"]:
                    raise SpreadsheetError(
                        _("Row %(row)d has data in column %(column)d; a file holds at most %(max)d columns.")
                        % {"row": row_number, "column": cell["column"], "max": limits["columns"]}
                    )
                values += [None] * (cell["column"] - 1 - len(values))
                values.append(_cell_value(cell, row=row_number, max_chars=limits["cell_chars"]))
            if any(value not in (None, "") for value in values):
                yield row_number, values


def xlsx_rows(file: IO[bytes]) -> list[tuple[int, list[Any]]]:
    """The non-empty rows of the first sheet as (row number, values from column A on).

    Raises SpreadsheetError for a file that is not an xlsx workbook, unpacks too large, or holds a
    formula, an over-long text, or data past the row or column caps (settings SPREADSHEET_*).
    """
    limits = _limits()
    check_zip(file, max_uncompressed=limits["uncompressed"])
    try:
        workbook = load_workbook(file, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx).")) from error
    try:
        if not workbook.worksheets:
            raise SpreadsheetError(_("The workbook has no sheet."))
        return list(_sheet_rows(workbook, limits))
    except (KeyError, ValueError, SyntaxError) as error:  # broken XML inside a valid zip
        raise SpreadsheetError(_("The file is not an Excel workbook (.xlsx).")) from error
    finally:
        # A read-only workbook keeps the file open until closed, also when a check refuses it.
        workbook.close()
