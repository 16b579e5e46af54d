"""The columns of delegation spreadsheets, shared by the exports, the import template and the import.

Exported XLSX files import back as they are: the same headers, labels and references.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from core.sanitize import csv_value, xlsx_cell

from .choices import DelegationStatus, Direction, FundingSource, PartnerKind
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


def export_row(delegation) -> list:
    """One delegation as a spreadsheet row, in COLUMNS order; countries from the prefetched rows."""
    with translation.override(SPREADSHEET_LANGUAGE):
        country_names = COUNTRY_SEPARATOR.join(str(link.country.name) for link in delegation.countries.all())
    values = {
        "department": delegation.department.name,
        "countries": country_names,
        **{key: choice_label(choices, getattr(delegation, key)) for key, choices in CHOICE_COLUMNS.items()},
    }
    return [values[key] if key in values else getattr(delegation, key) for key, _header in COLUMNS]


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


def xlsx_bytes(title: str, header: list[str], rows: Iterable[list], validations: dict | None = None) -> bytes:
    """An XLSX workbook written row by row (openpyxl's write-only mode keeps memory flat)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for column, values in (validations or {}).items():
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        rule.add(f"{column}2:{column}5000")
        sheet.data_validations.append(rule)
    sheet.append([_bold(sheet, text) for text in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold(sheet, text):
    cell = xlsx_cell(sheet, text)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet, value):
    cell = xlsx_cell(sheet, value)
    if isinstance(value, datetime.date):
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
