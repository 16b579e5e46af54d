"""A plan's tasks as an Excel workbook, one row per task, and the same workbook read back.

The columns carry the area's and the task's ids, so that rows moved, added or removed in Excel
change the right tasks; a row without ids is new. An exported file imports back unchanged. Reading
goes through core.spreadsheets (size, zip-bomb, row, column and formula guards); every problem is
named by its row and column, and plans.table saves all rows or none.
"""

import copy
import datetime
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import asdict, astuple, dataclass, field
from typing import IO, Any

from django.core import signing
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from accounts.models import User
from core.formatting import to_roman
from core.sanitize import xlsx_cell
from core.spreadsheets import SpreadsheetError, xlsx_rows

from .choices import TaskTiming
from .ingest.text import fold
from .models import Plan, Task, TaskArea
from .standard_areas import standard_area_code_for
from .table import AreaRow, RowError, TaskRow, plan_table_rows, plan_table_save

SPREADSHEET_LANGUAGE = "vi"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# (key, header, width in characters)
COLUMNS = [
    ("area_id", gettext_lazy("Area id"), 8),
    ("area_number", gettext_lazy("Section"), 7),
    ("area_title", gettext_lazy("Area"), 28),
    ("task_id", gettext_lazy("Task id"), 8),
    ("task_number", gettext_lazy("No."), 6),
    ("content", gettext_lazy("Task"), 60),
    ("lead", gettext_lazy("Lead department"), 24),
    ("coordinating", gettext_lazy("Coordinating departments"), 30),
    ("timing", gettext_lazy("Timing"), 14),
    ("deadline", gettext_lazy("Deadline"), 12),
    ("expected_output", gettext_lazy("Expected output"), 28),
    ("targets", gettext_lazy("Targets"), 28),
]
KEYS = [key for key, _header, _width in COLUMNS]
MAX_TASK_ROWS = 2000
HEADER_ROW = 2  # under the title row
# Rows above the headers a user's file may keep (a title, a note); more and the file is not the template.
MAX_ROWS_ABOVE_HEADERS = 5


class PlanSheetError(Exception):
    """The workbook cannot be read as a plan at all; the message says why."""


def headers() -> list[str]:
    with translation.override(SPREADSHEET_LANGUAGE):
        return [str(header) for _key, header, _width in COLUMNS]


def timing_labels() -> dict[str, str]:
    with translation.override(SPREADSHEET_LANGUAGE):
        return {value: str(label) for value, label in TaskTiming.choices}


# --- writing ---------------------------------------------------------------------------------------


def plan_workbook_bytes(*, plan: Plan | None) -> bytes:
    """The plan's tasks as .xlsx (an empty template when plan is None)."""
    labels = timing_labels()
    rows = list(_plan_rows(plan_table_rows(plan=plan), labels)) if plan else []
    workbook = Workbook()
    sheet = workbook.active
    with translation.override(SPREADSHEET_LANGUAGE):
        sheet.title = (plan.document_number.replace("/", "-") if plan else _("Tasks"))[:31]
        sheet.append([_title_cell(sheet, plan)])
    sheet.append([_header_cell(sheet, text) for text in headers()])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    _lay_out(sheet, len(rows), list(labels.values()))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _plan_rows(areas: list[AreaRow], labels: dict[str, str]) -> Iterable[list]:
    for number, area in enumerate(areas, start=1):
        head = [area.id, to_roman(number), area.title]
        if not area.tasks:
            yield head + [None] * (len(KEYS) - 3)
        for position, task in enumerate(area.tasks, start=1):
            yield head + [
                task.id,
                position,
                task.content,
                task.lead,
                task.coordinating,
                labels.get(task.timing, task.timing),
                task.deadline,
                task.expected_output,
                task.targets,
            ]


def _title_cell(sheet, plan: Plan | None):
    """What the file is, above the headers; the reader skips it (and reads files without it)."""
    if plan is None:
        text = _("The tasks of a plan: fill in one row per task and import it into the plan")
    else:
        text = _("%(plan)s of %(date)s: %(title)s") % {
            "plan": plan,
            "date": plan.issue_date.strftime("%d/%m/%Y"),
            "title": plan.title,
        }
    cell = xlsx_cell(sheet, text)
    cell.font = Font(bold=True, size=13)
    cell.alignment = Alignment(vertical="center")
    return cell


def _header_cell(sheet, text: str):
    cell = xlsx_cell(sheet, text)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor="DDE3EA")
    cell.alignment = Alignment(wrap_text=True, vertical="center")
    return cell


def _cell(sheet, value):
    cell = xlsx_cell(sheet, value)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if isinstance(value, datetime.date):
        cell.number_format = "DD/MM/YYYY"
    return cell


def _lay_out(sheet, count: int, timing_labels: list[str]) -> None:
    """Widths, a frozen header, ids in grey, timing from a list, A4 landscape fitted to the width."""
    for index, (_key, _header, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=HEADER_ROW, column=index).column_letter].width = width
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(COLUMNS))
    sheet.row_dimensions[1].height = 30
    first = HEADER_ROW + 1
    sheet.freeze_panes = f"A{first}"
    grey = Font(color="808080")
    for row in sheet.iter_rows(min_row=first, max_row=first + count - 1):
        for index in (KEYS.index("area_id"), KEYS.index("task_id")):
            row[index].font = grey
    timing_column = sheet.cell(row=HEADER_ROW, column=KEYS.index("timing") + 1).column_letter
    rule = DataValidation(type="list", formula1='"' + ",".join(timing_labels) + '"', allow_blank=True)
    rule.add(f"{timing_column}{first}:{timing_column}{first + MAX_TASK_ROWS - 1}")
    sheet.add_data_validation(rule)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


# --- reading ---------------------------------------------------------------------------------------


def plan_rows_from_workbook(file: IO[bytes], *, standard_areas: dict[str, int]) -> tuple[list[AreaRow], list[RowError]]:
    """The areas and tasks of an uploaded workbook, and what is wrong in it row by row.

    `standard_areas` maps codes to ids, for new areas whose title names one.

    Raises PlanSheetError when the file is not a safe workbook or its headers are not the template's.
    """
    try:
        lines = xlsx_rows(file)
    except SpreadsheetError as error:
        raise PlanSheetError(str(error)) from error
    start = _header_index(lines)
    keys = _header_keys(lines[start][1] if lines else [])
    records = [(line, dict(zip(keys, values, strict=False))) for line, values in lines[start + 1 :]]
    if len(records) > MAX_TASK_ROWS:
        raise PlanSheetError(_("A plan's file holds at most %(max)d rows.") % {"max": MAX_TASK_ROWS})
    if not records:
        raise PlanSheetError(_("The file has no task rows under the headers."))
    errors: list[RowError] = []
    areas: list[AreaRow] = []
    timings = _timing_lookup()
    for line, record in records:
        _read_record(line, record, areas, timings, errors)
    for area in areas:
        if area.id is None:
            area.standard_area_id = standard_areas.get(standard_area_code_for(fold(area.title)) or "")
    return areas, errors


def _known_headers() -> dict[str, str]:
    known = {}
    for language in ("vi", "en"):
        with translation.override(language):
            known.update({fold(str(text)).strip(): key for key, text, _width in COLUMNS})
    return known


def _header_index(lines: list[tuple[int, list[Any]]]) -> int:
    """The index of the headers' row: the first with the task and lead columns (else the first row)."""
    known = _known_headers()
    for index, (_line, values) in enumerate(lines[: MAX_ROWS_ABOVE_HEADERS + 1]):
        found = {known.get(fold(str(value)).strip()) for value in values if value is not None}
        if {"content", "lead"} <= found:
            return index
    return 0


def _header_keys(header: list[Any]) -> list[str | None]:
    known = _known_headers()
    cells = [fold(str(value)).strip() if value is not None else "" for value in header]
    keys = [known.get(cell) for cell in cells]
    missing = [
        text for key, text in zip(KEYS, headers(), strict=True) if key in ("content", "lead") and key not in keys
    ]
    unknown = [str(value) for value, key in zip(header, keys, strict=False) if value not in (None, "") and key is None]
    if missing or unknown:
        problems = []
        if missing:
            problems.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        if unknown:
            problems.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        raise PlanSheetError(
            _(
                "The headers do not match the plan template (%(problems)s). Download the plan as Excel and edit that file."  # noqa: E501
            )
            % {"problems": "; ".join(problems)}
        )
    return keys


def _timing_lookup() -> dict[str, str]:
    lookup = {fold(value): value for value in TaskTiming.values}
    for language in ("vi", "en"):
        with translation.override(language):
            lookup.update({fold(str(label)): value for value, label in TaskTiming.choices})
    return lookup


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_record(line: int, record: dict, areas: list[AreaRow], timings: dict, errors: list[RowError]) -> None:
    area_id = _id(record.get("area_id"), line, "row", errors)
    number, title = _text(record.get("area_number")), _text(record.get("area_title"))
    starts_area = not areas or (area_id and area_id != areas[-1].id) or (number and number != areas[-1].number)
    if starts_area:
        if not title:
            errors.append(RowError(line, "title", _("Name the area of the first task and of every new section.")))
        areas.append(AreaRow(line, area_id, title, None, keep_standard_area=True, number=number))
    content = _text(record.get("content"))
    if not content:
        return  # an area without tasks, or an empty line inside one
    areas[-1].tasks.append(
        TaskRow(
            line=line,
            id=_id(record.get("task_id"), line, "row", errors),
            content=content,
            lead=_text(record.get("lead")),
            coordinating=_text(record.get("coordinating")),
            timing=_timing(record.get("timing"), line, timings, errors),
            deadline=_date(record.get("deadline"), line, errors),
            expected_output=_text(record.get("expected_output")),
            targets=_text(record.get("targets")),
        )
    )


def _id(value: Any, line: int, column: str, errors: list[RowError]) -> int | None:
    text = _text(value)
    if not text:
        return None
    if text.isdigit():
        return int(text)
    errors.append(RowError(line, column, _("An id is a number written by the export; leave it empty for a new row.")))
    return None


def _timing(value: Any, line: int, timings: dict, errors: list[RowError]) -> str:
    text = _text(value)
    if not text:
        return TaskTiming.CONTINUOUS
    found = timings.get(fold(text))
    if found is None:
        choices = ", ".join(timing_labels().values())
        errors.append(
            RowError(line, "timing", _("“%(text)s” is not one of: %(choices)s.") % {"text": text, "choices": choices})
        )
        return TaskTiming.CONTINUOUS
    return found


def _date(value: Any, line: int, errors: list[RowError]) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.datetime.strptime(_text(value), "%d/%m/%Y").date()
    except ValueError:
        errors.append(RowError(line, "deadline", _("Write the date as dd/mm/yyyy, e.g. 30/09/2026.")))
        return None


# --- previewing an import before it is confirmed ---------------------------------------------------

PREVIEW_MAX_AGE = 3600  # seconds a preview may wait for its confirmation


@dataclass
class ImportChanges:
    """What importing a file would do to a plan: the tasks and areas added, changed and removed."""

    tasks_added: list[str] = field(default_factory=list)
    tasks_changed: list[str] = field(default_factory=list)
    tasks_removed: list[str] = field(default_factory=list)
    areas_added: list[str] = field(default_factory=list)
    areas_changed: list[str] = field(default_factory=list)
    areas_removed: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(astuple(self))


class _Rollback(Exception):
    def __init__(self, changes: ImportChanges):
        self.changes = changes


def plan_import_preview(*, plan: Plan, areas: list[AreaRow], by: User | None) -> ImportChanges:
    """What importing the rows would change, found by saving them through the one write path and
    rolling back, so the preview cannot disagree with the import. Raises PlanTableError."""
    marks = (_last_history_id(Task), _last_history_id(TaskArea))
    area_ids = set(plan.areas.values_list("pk", flat=True))
    try:
        with transaction.atomic():
            plan_table_save(plan=Plan.objects.get(pk=plan.pk), areas=copy.deepcopy(areas), by=by)
            area_ids |= set(plan.areas.values_list("pk", flat=True))
            raise _Rollback(_changes_recorded(plan, area_ids, marks))
    except _Rollback as rollback:
        return rollback.changes


def _last_history_id(model) -> int:
    return model.history.order_by("-history_id").values_list("history_id", flat=True).first() or 0


def _changes_recorded(plan: Plan, area_ids: set[int], marks: tuple[int, int]) -> ImportChanges:
    changes = ImportChanges()
    kinds = {"+": "added", "~": "changed", "-": "removed"}
    task_records = Task.history.filter(history_id__gt=marks[0], area_id__in=area_ids).order_by("history_id")
    area_records = TaskArea.history.filter(history_id__gt=marks[1], plan_id=plan.pk).order_by("history_id")
    for prefix, records, text in (("tasks", task_records, "content"), ("areas", area_records, "title")):
        seen: dict[int, str] = {}
        for record in records.values("id", "history_type", text):
            # A row saved twice (created, then given its coordinating bodies) counts once, as first seen.
            seen.setdefault(record["id"], f"{kinds[record['history_type']]}|{record[text]}")
        for kind_and_text in seen.values():
            kind, label = kind_and_text.split("|", 1)
            getattr(changes, f"{prefix}_{kind}").append(label)
    return changes


def rows_signed(*, plan: Plan, areas: list[AreaRow], user: User) -> str:
    """The rows of a previewed file, signed for the confirmation with the plan's state at preview time."""
    payload = {"state": plan_state(plan=plan), "areas": [_area_data(area) for area in areas]}
    return signing.dumps(payload, salt=_salt(plan, user), compress=True)


def rows_unsigned(*, plan: Plan, token: str, user: User) -> list[AreaRow]:
    """The rows signed at preview time. Raises PlanSheetError when the token is forged or old, or
    when the plan changed since the preview (the changes shown would no longer be the ones made)."""
    try:
        payload = signing.loads(token, salt=_salt(plan, user), max_age=PREVIEW_MAX_AGE)
    except signing.BadSignature:
        raise PlanSheetError(_("The preview has expired: upload the file again.")) from None
    if payload["state"] != plan_state(plan=plan):
        raise PlanSheetError(_("The plan was changed after the preview: upload the file again to see the changes."))
    return [_area_row(data) for data in payload["areas"]]


def plan_state(*, plan: Plan) -> str:
    """A digest of the plan's areas and tasks as the table shows them."""
    rows = [_area_data(area) for area in plan_table_rows(plan=plan)]
    return hashlib.sha256(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _salt(plan: Plan, user: User) -> str:
    return f"plans.import:{plan.pk}:{user.pk}"


def _area_data(area: AreaRow) -> dict:
    data = asdict(area)
    for task in data["tasks"]:
        task["deadline"] = task["deadline"].isoformat() if task["deadline"] else None
    return data


def _area_row(data: dict) -> AreaRow:
    tasks = [
        TaskRow(**{**task, "deadline": datetime.date.fromisoformat(task["deadline"]) if task["deadline"] else None})
        for task in data.pop("tasks")
    ]
    return AreaRow(**data, tasks=tasks)
