"""The columns of delegation spreadsheets, shared by the exports, the import template and the import.

Exported XLSX files import back as they are: the same headers, labels and references.
"""

import csv
import datetime
import io
import itertools
from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from core.sanitize import csv_value, csv_values_in_place, xlsx_cell, xlsx_value

from .choices import DelegationStatus, Direction, FundingSource, PartnerKind
from .models import DelegationCountry
from .selectors import country_name_vi

# (key, header): the key is the API field name (or the model field the import also fills).
COLUMNS = [
    ("reference", gettext_lazy("Reference")),
    ("direction", gettext_lazy("Direction")),
    ("title", gettext_lazy("Title")),
    ("purpose", gettext_lazy("Purpose")),
    ("department", gettext_lazy("Host or sending department")),
    ("leader_name", gettext_lazy("Head of delegation")),
    ("leader_position", gettext_lazy("Position of the head")),
    ("member_count", gettext_lazy("Number of persons")),
    ("countries", gettext_lazy("Countries")),
    ("partner_kind", gettext_lazy("Kind of partner")),
    ("partner", gettext_lazy("Partner locality or organisation")),
    ("start_date", gettext_lazy("Start date")),
    ("end_date", gettext_lazy("End date")),
    ("funding_source", gettext_lazy("Funding source")),
    ("cost_vnd", gettext_lazy("Cost (VND)")),
    ("approval_document", gettext_lazy("Approving document")),
    ("approval_date", gettext_lazy("Approval date")),
    ("status", gettext_lazy("Status")),
]
REQUIRED_COLUMNS = {
    "reference",
    "direction",
    "title",
    "department",
    "leader_name",
    "member_count",
    "countries",
    "start_date",
    "end_date",
}
DATE_COLUMNS = {"start_date", "end_date", "approval_date"}
CHOICE_COLUMNS = {
    "direction": Direction,
    "partner_kind": PartnerKind,
    "funding_source": FundingSource,
    "status": DelegationStatus,
}
SPREADSHEET_LANGUAGE = "vi"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
COUNTRY_SEPARATOR = "; "


def headers() -> list[str]:
    """The column headers, always in Vietnamese: the files go into Vietnamese reports."""
    with translation.override(SPREADSHEET_LANGUAGE):
        return [str(header) for _key, header in COLUMNS]


def choice_label(choices, value: str) -> str:
    with translation.override(SPREADSHEET_LANGUAGE):
        return str(choices(value).label) if value else ""


# What each export column reads from the database; labels and names are looked up once per export.
EXPORT_VALUES = {"department": "department__name"}
EXPORT_BATCH = 2000
# The export columns that hold what users typed: the only ones the CSV sanitiser must read.
EXPORT_TEXT_COLUMNS = [
    at
    for at, (key, _header) in enumerate(COLUMNS)
    if key
    in {"reference", "title", "purpose", "department", "leader_name", "leader_position", "partner", "approval_document"}
]
# Country codes of a delegation in one text, in the order they were recorded: "LA;TH".
CODES_SEPARATOR = ";"


COUNTRY_AT = [key for key, _header in COLUMNS].index("countries")


def export_rows(delegations: QuerySet) -> Iterator[list]:
    """The delegations as spreadsheet rows in COLUMNS order, in the queryset's order.

    Rows come from values_list (a server-side cursor on PostgreSQL); labels and the Vietnamese names
    of each set of countries are looked up once per export, not once per row, so the cost stays
    close to the database's own COPY. A delegation's country codes come in the row itself on
    PostgreSQL (string_agg, as COPY would), elsewhere by one query per batch of rows.
    """
    in_row = connection.vendor == "postgresql"
    labelled = _Labeller()
    for batch in _batches(_export_values(delegations).iterator(chunk_size=EXPORT_BATCH), EXPORT_BATCH):
        codes = None if in_row else _country_codes([row[COUNTRY_AT] for row in batch])
        for values in batch:
            row = list(values)
            row[COUNTRY_AT] = (row[COUNTRY_AT] if codes is None else codes.get(row[COUNTRY_AT])) or ""
            yield labelled(row)


def _export_values(delegations: QuerySet) -> QuerySet:
    """The values_list of the export's columns, the countries' codes as "LA;TH" on PostgreSQL, else the pk."""
    rows = delegations.select_related(None).prefetch_related(None)
    columns = [EXPORT_VALUES.get(key, key) for key, _header in COLUMNS]
    if connection.vendor == "postgresql":
        rows = rows.annotate(export_country_codes=_country_codes_in_row())
        columns[COUNTRY_AT] = "export_country_codes"
    else:
        columns[COUNTRY_AT] = "pk"
    return rows.values_list(*columns)


class _Labeller:
    """Turns a row's codes into what the file shows: choice labels and country names, each looked up once."""

    def __init__(self):
        labels = choice_labels()
        keys = [key for key, _header in COLUMNS]
        self.label_at = [(keys.index(key), labels[key]) for key in CHOICE_COLUMNS]
        self.country_names = _CountryNames()

    def __call__(self, row: list) -> list:
        row[COUNTRY_AT] = self.country_names[row[COUNTRY_AT] or ""]
        for at, choice_labels in self.label_at:
            row[at] = choice_labels.get(row[at], "")  # the empty value is a key too
        return row


def _country_codes_in_row() -> Subquery:
    from django.contrib.postgres.aggregates import StringAgg  # PostgreSQL only

    links = DelegationCountry.objects.filter(delegation=OuterRef("pk")).order_by().values("delegation")
    return Subquery(links.annotate(codes=StringAgg("country", CODES_SEPARATOR, order_by="id")).values("codes"))


def choice_labels() -> dict[str, dict[str, str]]:
    with translation.override(SPREADSHEET_LANGUAGE):
        return {
            key: {"": "", **{value: str(label) for value, label in choices.choices}}
            for key, choices in CHOICE_COLUMNS.items()
        }


class _CountryNames(dict):
    """The Vietnamese names of a delegation's countries ("LA;TH" → "Lào; Thái Lan"), each set looked up
    the first time it is met."""

    def __missing__(self, codes: str) -> str:
        self[codes] = COUNTRY_SEPARATOR.join(country_name_vi(code) for code in codes.split(CODES_SEPARATOR) if code)
        return self[codes]


def _country_codes(delegation_ids: list[int]) -> dict[int, str]:
    codes: dict[int, list[str]] = {}
    links = DelegationCountry.objects.filter(delegation_id__in=delegation_ids).order_by("delegation_id", "id")
    for delegation_id, code in links.values_list("delegation_id", "country"):
        codes.setdefault(delegation_id, []).append(code)
    return {delegation_id: CODES_SEPARATOR.join(linked) for delegation_id, linked in codes.items()}


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """CSV lines with a byte order mark first, so that Excel opens the Vietnamese text as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_write(file, header: list[str], rows: Iterable[list], *, text_columns: Iterable[int] | None = None) -> int:
    """Write the CSV (byte order mark first, as csv_lines) into a text file; return the rows written.

    `text_columns` (positions) limits the sanitiser to the columns that hold what users typed; the
    others hold numbers, dates, our own labels and country names, which it leaves as they are.
    """
    file.write("\ufeff")
    writer = csv.writer(file)
    writer.writerow(header)
    count = 0
    for batch in _batches(rows, EXPORT_BATCH):
        if text_columns is None:
            batch = [[csv_value(value) for value in row] for row in batch]
        else:
            positions = list(text_columns)
            for row in batch:
                csv_values_in_place(row, positions)
        writer.writerows(batch)
        count += len(batch)
    return count


def xlsx_write(file, title: str, header: list[str], rows: Iterable[list], validations: dict | None = None) -> int:
    """Write an XLSX workbook row by row into a file (path or binary file); return the rows written.

    openpyxl's write-only mode keeps rows in a temporary file until it zips them into `file`, so
    memory stays flat however many rows there are.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for column, values in (validations or {}).items():
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        rule.add(f"{column}2:{column}5000")
        sheet.data_validations.append(rule)
    sheet.append([_bold(sheet, text) for text in header])
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
        count += 1
    workbook.save(file)
    return count


def xlsx_bytes(title: str, header: list[str], rows: Iterable[list], validations: dict | None = None) -> bytes:
    """A small XLSX workbook as bytes (template, statistics, exports under the immediate threshold)."""
    buffer = io.BytesIO()
    xlsx_write(buffer, title, header, rows, validations)
    return buffer.getvalue()


def _bold(sheet, text):
    cell = xlsx_cell(sheet, text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value):
    if not isinstance(value, datetime.date):
        return xlsx_value(sheet, value)
    cell = xlsx_cell(sheet, value)
    cell.number_format = "DD/MM/YYYY"
    return cell


def template_validations() -> dict:
    """Drop-down lists for direction and status in the import template, by column letter."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    keys = [key for key, _header in COLUMNS]
    with translation.override(SPREADSHEET_LANGUAGE):
        return {
            letters[keys.index(key)]: [str(label) for label in CHOICE_COLUMNS[key].labels]
            for key in ("direction", "status")
        }


def template_example_row() -> list:
    """The example row of the import template: an inbound delegation from Laos."""
    values = {
        "reference": "D-2018-001",
        "direction": choice_label(Direction, Direction.INBOUND),
        "title": "Đoàn đại biểu tỉnh Luông Pha Băng thăm và làm việc",
        "purpose": "Trao đổi kinh nghiệm, ký kết biên bản hợp tác năm 2018",
        "department": "Sở Ngoại vụ",
        "leader_name": "Bun-thoong Chít-ma-ny",
        "leader_position": "Phó Bí thư Tỉnh ủy",
        "member_count": 12,
        "countries": country_name_vi("LA"),
        "partner_kind": choice_label(PartnerKind, PartnerKind.LOCALITY),
        "partner": "tỉnh Luông Pha Băng",
        "start_date": datetime.date(2018, 3, 12),
        "end_date": datetime.date(2018, 3, 15),
        "funding_source": choice_label(FundingSource, FundingSource.PROVINCIAL_BUDGET),
        "cost_vnd": 150000000,
        "approval_document": "495/QĐ-UBND",
        "approval_date": datetime.date(2018, 3, 1),
        "status": choice_label(DelegationStatus, DelegationStatus.COMPLETED),
    }
    return [values[key] for key, _header in COLUMNS]


def stats_table(stats: dict) -> tuple[list[str], list[list]]:
    """The statistics as a header and rows: the group rows, then the totals per direction."""
    group_by = stats["group_by"]
    key_columns = {
        "direction": [],
        "country": [("country", _("Country code")), ("country_name", _("Country"))],
        "department": [("department_name", _("Department"))],
        "month": [("month", _("Month"))],
        "quarter": [("year", _("Year")), ("quarter", _("Quarter"))],
        "year": [("year", _("Year"))],
    }[group_by]
    header = [_("Direction"), *[label for _key, label in key_columns], _("Number of delegations"), _("Persons")]
    rows = [
        [
            choice_label(Direction, row["direction"]),
            *[row[key] for key, _label in key_columns],
            row["delegations"],
            row["persons"],
        ]
        for row in stats["rows"]
    ]
    blanks = [""] * len(key_columns)
    rows += [
        [_("Total") + " – " + choice_label(Direction, row["direction"]), *blanks, row["delegations"], row["persons"]]
        for row in stats["totals"]
    ]
    return header, rows
