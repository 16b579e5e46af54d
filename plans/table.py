"""A plan as a table, areas in order each with its tasks in order, and its one write path.

The plan editor, the Excel import and the plan reader's draft all arrive as a list of `AreaRow`s and
are written by `plan_table_save`, so a plan is checked and stored the same way however it came in.
Bodies are typed as text ("Sở NgV", "Sở Tài chính; Công an tỉnh") and matched by the reader's
register (names, short names, codes, common spellings, without diacritics); every problem is named
by the row the user saw and its column, and nothing is written unless every row is right.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Department, User
from accounts.selectors import departments_offered, present_bodies

from .choices import TaskTiming
from .ingest.departments import Body, Register
from .ingest.text import fold
from .models import Plan, Task, TaskArea, TaskTarget
from .services import PlanPartInUse, plan_part_delete, plan_part_save
from .standard_areas import standard_area_code_for

# Positions are unique per plan and per area: rows are first moved out of the way by this much.
POSITION_SHIFT = 10_000
TARGET_LINE = re.compile(r"^(?P<name>.+?)\s*:\s*(?P<value>[\d.,]+)\s*(?P<unit>.*)$")

COLUMNS = {
    "title": gettext_lazy("Area"),
    "content": gettext_lazy("Task"),
    "lead": gettext_lazy("Lead department"),
    "coordinating": gettext_lazy("Coordinating departments"),
    "timing": gettext_lazy("Timing"),
    "deadline": gettext_lazy("Deadline"),
    "expected_output": gettext_lazy("Expected output"),
    "targets": gettext_lazy("Targets"),
    "row": gettext_lazy("Row"),
}


@dataclass
class TaskRow:
    line: int  # the row's number as the user saw it: the editor's row or the spreadsheet's
    id: int | None
    content: str
    lead: str
    coordinating: str = ""
    timing: str = TaskTiming.CONTINUOUS
    deadline: object = None  # a date, or None
    expected_output: str = ""
    targets: str = ""  # one per line: "Lớp tiếng Việt: 3 lớp"


@dataclass
class AreaRow:
    line: int
    id: int | None
    title: str
    standard_area_id: int | None = None
    tasks: list[TaskRow] = field(default_factory=list)
    # A source without the column (a spreadsheet) keeps an area's standard area as it is.
    keep_standard_area: bool = False
    number: str = ""  # as the source wrote it ("II"); the saved position comes from the order


@dataclass(frozen=True)
class RowError:
    line: int
    column: str  # a key of COLUMNS
    message: str

    def __str__(self) -> str:
        if not self.line:  # about the plan as a whole
            return self.message
        if self.column == "row":
            return _("Row %(line)s: %(message)s") % {"line": self.line, "message": self.message}
        return _("Row %(line)s, column “%(column)s”: %(message)s") % {
            "line": self.line,
            "column": COLUMNS.get(self.column, self.column),
            "message": self.message,
        }


class PlanTableError(ValidationError):
    """What is wrong with a plan's table, row by row; nothing was saved."""

    def __init__(self, errors: list[RowError]):
        self.row_errors = errors
        super().__init__([str(error) for error in errors])


# --- reading a plan into rows --------------------------------------------------------------------


def plan_table_rows(*, plan: Plan) -> list[AreaRow]:
    """The plan's areas and tasks as rows, in order, with bodies and targets written as text; four queries."""
    if plan.pk is None:
        return []
    tasks = (
        Task.objects.filter(area__plan=plan)
        .select_related("lead_department")
        .prefetch_related("coordinating_departments", "targets")
        .order_by("area__position", "position")
    )
    by_area: dict[int, list[Task]] = defaultdict(list)
    for task in tasks:
        by_area[task.area_id].append(task)
    rows, line = [], 0
    for area in plan.areas.order_by("position"):
        line += 1
        area_row = AreaRow(line, area.pk, area.title, area.standard_area_id)
        for task in by_area[area.pk]:
            line += 1
            area_row.tasks.append(_task_row(task, line))
        rows.append(area_row)
    return rows


def _task_row(task: Task, line: int) -> TaskRow:
    coordinating = sorted(task.coordinating_departments.all(), key=lambda body: (body.sort_order, body.name))
    return TaskRow(
        line=line,
        id=task.pk,
        content=task.content,
        lead=task.lead_department.name,
        coordinating="; ".join(body.name for body in coordinating),
        timing=task.timing,
        deadline=task.deadline,
        expected_output=task.expected_output,
        targets="\n".join(targets_text(target) for target in task.targets.all()),
    )


def targets_text(target: TaskTarget) -> str:
    return f"{target.name}: {target.target_value.normalize():f} {target.unit}".strip()


# --- writing rows into a plan ------------------------------------------------------------------


@dataclass
class _Resolved:
    lead_id: int | None
    coordinating_ids: list[int]
    targets: list[tuple[str, str, Decimal]]


def body_register(*, plan: Plan | None) -> Register:
    """The bodies a plan's tasks may name: those existing today, and those its tasks already name."""
    kept: list[int | None] = []
    if plan is not None and plan.pk:
        kept += list(Task.objects.filter(area__plan=plan).values_list("lead_department_id", flat=True))
        through = Task.coordinating_departments.through.objects.filter(task__area__plan=plan)
        kept += list(through.values_list("department_id", flat=True))
    offered = departments_offered(keep=kept).order_by("sort_order", "name")
    return Register([Body(*row) for row in offered.values_list("id", "name", "short_name", "code", "kind")])


def body_names(*, plan: Plan | None) -> list[tuple[str, str]]:
    """(name, short name) of the bodies a plan's tasks may name, for the editor's suggestions."""
    return [(body.name, body.short_name) for body in body_register(plan=plan).bodies]


@transaction.atomic
def plan_table_save(*, plan: Plan, areas: list[AreaRow], by: User | None, register: Register | None = None) -> Plan:
    """Store the plan and make its areas and tasks exactly the rows given, in their order; return the plan.

    Rows with an id change that area or task, rows without one are created, and areas and tasks
    of the plan missing from the rows are deleted. Unchanged rows are not written (no history).
    Raises PlanTableError naming each wrong row and column; on any error nothing is saved.
    """
    register = register or body_register(plan=plan)
    errors: list[RowError] = []
    resolved = {id(row): _resolve(row, register, errors) for area in areas for row in area.tasks}
    _check_ids(plan, areas, errors)
    if errors:
        raise PlanTableError(errors)
    try:
        plan_part_save(instance=plan, by=by)
    except ValidationError as error:
        raise PlanTableError([RowError(0, "row", message) for message in error.messages]) from None
    _shift_positions(plan)
    held = _Held.of(plan)
    kept_areas, kept_tasks = set(), set()
    for position, area_row in enumerate(areas, start=1):
        area = _area_save(plan, area_row, position, by, errors, held)
        if area is None:
            continue
        kept_areas.add(area.pk)
        for task_position, row in enumerate(area_row.tasks, start=1):
            kept_tasks.add(_task_save(area, row, task_position, resolved[id(row)], by, errors, held))
    held.move_back()
    if not errors:
        _delete_missing(plan, kept_areas, kept_tasks, by, errors)
    if errors:
        raise PlanTableError(errors)  # leaving the atomic block rolls every row back
    return plan


def _resolve(row: TaskRow, register: Register, errors: list[RowError]) -> _Resolved:
    lead_ids = _body_ids(row.lead, register, row.line, "lead", errors)
    if not row.lead.strip():
        errors.append(RowError(row.line, "lead", _("Name the lead department.")))
    elif len(lead_ids) > 1:
        errors.append(RowError(row.line, "lead", _("Name one lead department; put the others under coordinating.")))
    coordinating = _body_ids(row.coordinating, register, row.line, "coordinating", errors)
    lead_id = lead_ids[0] if len(lead_ids) == 1 else None
    if lead_id is not None and lead_id in coordinating:
        coordinating.remove(lead_id)  # the lead reports once, as the lead
    return _Resolved(lead_id, list(dict.fromkeys(coordinating)), _targets(row, errors))


def _body_ids(text: str, register: Register, line: int, column: str, errors: list[RowError]) -> list[int]:
    ids = []
    for mention in register.mentions(text):
        if mention.kind in ("body", "group") and mention.bodies:
            ids += [body.id for body in mention.bodies]
        elif mention.kind == "vague":
            message = _("“%(name)s” names no body: list the bodies.") % {"name": mention.text}
            errors.append(RowError(line, column, message))
        else:
            errors.append(RowError(line, column, _("No body is called “%(name)s”.") % {"name": mention.text}))
    return ids


def _targets(row: TaskRow, errors: list[RowError]) -> list[tuple[str, str, Decimal]]:
    targets = []
    for text in filter(None, (line.strip() for line in row.targets.splitlines())):
        match = TARGET_LINE.match(text)
        value = _decimal(match["value"]) if match else None
        if match is None or value is None or value <= 0:
            errors.append(
                RowError(
                    row.line,
                    "targets",
                    _("Write each target as “indicator: value unit”, e.g. “Lớp tiếng Việt: 3 lớp”; not “%(text)s”.")
                    % {"text": text[:80]},
                )
            )
            continue
        targets.append((match["name"].strip()[:255], match["unit"].strip()[:50], value))
    names = [name for name, _unit, _value in targets]
    if len(names) != len(set(names)):
        errors.append(RowError(row.line, "targets", _("Two targets of the task have the same indicator.")))
    return targets


def _decimal(text: str) -> Decimal | None:
    # Vietnamese writes 1.500 for fifteen hundred and 2,5 for two and a half.
    text = text.replace(".", "").replace(",", ".") if "," in text or text.count(".") > 1 else text
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _check_ids(plan: Plan, areas: list[AreaRow], errors: list[RowError]) -> None:
    """Rows may only name areas and tasks of this plan, each once."""
    own_areas = set(plan.areas.values_list("pk", flat=True)) if plan.pk else set()
    own_tasks = set(Task.objects.filter(area__plan=plan).values_list("pk", flat=True)) if plan.pk else set()
    seen: set[tuple[str, int]] = set()
    for area in areas:
        rows: list[tuple[str, AreaRow | TaskRow, set[int]]] = [("area", area, own_areas)]
        rows += [("task", task, own_tasks) for task in area.tasks]
        for kind, row, own in rows:
            if row.id is None:
                continue
            if row.id not in own or (kind, row.id) in seen:
                errors.append(RowError(row.line, "row", _("This row refers to an area or task of another plan.")))
            seen.add((kind, row.id))


def _shift_positions(plan: Plan) -> None:
    TaskArea.objects.filter(plan=plan).update(position=F("position") + POSITION_SHIFT)
    Task.objects.filter(area__plan=plan).update(position=F("position") + POSITION_SHIFT)


@dataclass
class _Held:
    """The plan's areas and tasks as they stand, read once; rows that only move back are updated together."""

    areas: dict[int, TaskArea]
    tasks: dict[int, Task]
    moved_areas: list[TaskArea] = field(default_factory=list)
    moved_tasks: list[Task] = field(default_factory=list)

    @classmethod
    def of(cls, plan: Plan) -> "_Held":
        tasks = Task.objects.filter(area__plan=plan).prefetch_related("coordinating_departments", "targets")
        return cls(areas=TaskArea.objects.filter(plan=plan).in_bulk(), tasks=tasks.in_bulk())

    def move_back(self) -> None:
        """Give unchanged rows their place again, in two queries and without a history record."""
        TaskArea.objects.bulk_update(self.moved_areas, ["position"])
        Task.objects.bulk_update(self.moved_tasks, ["position"])


def _area_save(plan: Plan, row: AreaRow, position: int, by, errors: list[RowError], held: _Held) -> TaskArea | None:
    area = held.areas[row.id] if row.id else TaskArea(plan=plan)
    before = (area.position - POSITION_SHIFT, area.title, area.standard_area_id) if row.id else None
    area.position, area.title = position, row.title.strip()
    if not (row.keep_standard_area and row.id):
        area.standard_area_id = row.standard_area_id
    if before == (area.position, area.title, area.standard_area_id):
        held.moved_areas.append(area)  # only moved back: nothing to record
        return area
    try:
        return plan_part_save(instance=area, by=by)
    except ValidationError as error:
        errors += _row_errors(row.line, error, {"title": "title"})
        return None


def _task_save(
    area: TaskArea, row: TaskRow, position: int, resolved: _Resolved, by, errors: list[RowError], held: _Held
) -> int | None:
    """Store one task row (unless unchanged); return the task's id."""
    task = held.tasks[row.id] if row.id else Task()
    wanted = {
        "area_id": area.pk,
        "position": position,
        "content": row.content.strip(),
        "lead_department_id": resolved.lead_id,
        "timing": row.timing,
        "deadline": row.deadline,
        "expected_output": row.expected_output.strip(),
    }
    coordinating = set(resolved.coordinating_ids)
    if row.id and _unchanged(task, wanted, coordinating, resolved.targets):
        task.position = position
        held.moved_tasks.append(task)
        return task.pk
    for name, value in wanted.items():
        setattr(task, name, value)
    try:
        plan_part_save(instance=task, by=by, coordinating=list(coordinating))
        _targets_save(task, resolved.targets, by)
    except ValidationError as error:
        columns = {"content": "content", "lead_department": "lead", "coordinating_departments": "coordinating"}
        errors += _row_errors(row.line, error, {**columns, "timing": "timing", "deadline": "deadline"})
    return task.pk


def _unchanged(task: Task, wanted: dict, coordinating: set[int], targets: list) -> bool:
    current = {name: getattr(task, name) for name in wanted}
    current["position"] -= POSITION_SHIFT
    held = {(t.name, t.unit, t.target_value) for t in task.targets.all()}
    return (
        current == wanted
        and {body.pk for body in task.coordinating_departments.all()} == coordinating
        and held == {(name, unit, value) for name, unit, value in targets}
    )


def _targets_save(task: Task, targets: list[tuple[str, str, Decimal]], by) -> None:
    held = {target.name: target for target in task.targets.all()}
    for name, unit, value in targets:
        target = held.pop(name, None) or TaskTarget(task=task, name=name)
        if target.pk is None or (target.unit, target.target_value) != (unit, value):
            target.unit, target.target_value = unit, value
            plan_part_save(instance=target, by=by)
    for target in held.values():
        if target.achieved_values.exists():
            raise ValidationError(
                {"targets": _("The target “%(name)s” has reported values and stays.") % {"name": target.name}}
            )
        plan_part_delete(instance=target, by=by)


def _delete_missing(plan: Plan, kept_areas: set, kept_tasks: set, by, errors: list[RowError]) -> None:
    for task in Task.objects.filter(area__plan=plan).exclude(pk__in=kept_tasks).select_related("area"):
        try:
            plan_part_delete(instance=task, by=by)
        except PlanPartInUse:
            message = _("Departments have reported on the task “%(task)s”: it cannot be removed.") % {
                "task": task.content[:80]
            }
            errors.append(RowError(0, "row", message))
    if errors:
        return  # the task kept keeps its area, whose deletion would fail on the task's progress
    for area in plan.areas.exclude(pk__in=kept_areas):
        plan_part_delete(instance=area, by=by)


def _row_errors(line: int, error: ValidationError, columns: dict[str, str]) -> list[RowError]:
    if not hasattr(error, "error_dict"):
        return [RowError(line, "row", message) for message in error.messages]
    found = []
    for name, messages in error.message_dict.items():
        column = columns.get(name, "targets" if name == "targets" else "row")
        found += [RowError(line, column, message) for message in messages]
    return found


# --- a reader's draft as rows -------------------------------------------------------------------


@dataclass
class DraftTable:
    """What the plan reader found, as the editor's header values and rows, with the notes to review."""

    header: dict
    areas: list[AreaRow]
    notes: dict[int, list[str]]  # line → the reader's guesses and unmatched names on that row
    warnings: list[str]
    source: list[str]


def draft_table(draft, *, register: Register, standard_areas: dict[str, int]) -> DraftTable:
    """Turn a plans.ingest PlanDraft into editor rows; `standard_areas` maps codes to ids."""
    areas, notes, line = [], {}, 0
    for area in draft.areas:
        line += 1
        code = standard_area_code_for(fold(area.title))
        areas.append(AreaRow(line, None, _sentence_case(area.title), standard_areas.get(code or "")))
        if code is None:
            notes[line] = [_("no standard area recognised in the title")]
        for task in area.tasks:
            line += 1
            areas[-1].tasks.append(
                TaskRow(
                    line=line,
                    id=None,
                    content=task.content,
                    lead=task.lead or "",
                    coordinating="; ".join(task.coordinating),
                    timing=task.timing,
                    deadline=task.deadline,
                    expected_output=task.output or "",
                )
            )
            if task.notes:
                notes[line] = list(task.notes)
    return DraftTable(_draft_header(draft, register), areas, notes, draft.warnings, draft.source)


def _sentence_case(title: str) -> str:
    """A heading typed in capitals ("CÔNG TÁC NGOẠI GIAO KINH TẾ") as a title is written in the portal."""
    letters = [char for char in title if char.isalpha()]
    if not letters or not all(char.isupper() for char in letters):
        return title
    lowered = title.lower()
    return lowered[:1].upper() + lowered[1:]


def _draft_header(draft, register: Register) -> dict:
    header = {"document_number": draft.document_number or "", "title": draft.title or ""}
    if draft.issue_date:
        header.update(issue_date=draft.issue_date, start_year=draft.issue_date.year)
    # "… năm 2026" or "… giai đoạn 2026 – 2030" in the title gives the years the plan covers.
    years = [int(year) for year in re.findall(r"\b(20\d\d|19\d\d)\b", draft.title or "")]
    if years:
        header.update(start_year=min(years), end_year=max(years))
    issuers = [mention for mention in register.mentions(draft.issuer) if mention.kind == "body"]
    if len(issuers) == 1 and len(issuers[0].bodies) == 1:
        header["issuing_body"] = issuers[0].bodies[0].id
    elif draft.issuer:
        header["issuer"] = draft.issuer
    return header


# --- a plan copied to the next year --------------------------------------------------------------


@transaction.atomic
def plan_copy_to_next_year(*, plan: Plan, by: User | None) -> Plan:
    """A new draft of the plan for the year after: the same areas, tasks, bodies and targets, every
    deadline and year moved on by one; a body merged, split or renamed since is replaced by the body
    that holds its work today. Raises PlanTableError (e.g. the copy exists already)."""
    heirs = present_bodies()
    copy = Plan(
        kind=plan.kind,
        document_number=plan.document_number,
        issuing_body_id=heirs.get(plan.issuing_body_id, plan.issuing_body_id) if plan.issuing_body_id else None,
        issuer=plan.issuer,
        issue_date=_next_year(plan.issue_date),
        title=_years_moved(plan.title, plan),
        summary=plan.summary,
        start_year=plan.start_year + 1,
        end_year=plan.end_year + 1 if plan.end_year else None,
        continues_after=plan.continues_after,
        legal_bases=plan.legal_bases,
    )
    areas = plan_table_rows(plan=plan)
    for area in areas:
        area.id = None
        for task in area.tasks:
            task.id, task.deadline = None, _next_year(task.deadline) if task.deadline else None
    _bodies_of_today(areas, heirs)
    # The original's register: a body its tasks name stays named in the copy, to be changed in the editor.
    return plan_table_save(plan=copy, areas=areas, by=by, register=body_register(plan=plan))


def _bodies_of_today(areas: list[AreaRow], heirs: dict[int, int]) -> None:
    """Name in the rows, instead of each body that passed its work on, the body holding it today."""
    if not heirs:
        return
    names = dict(Department.objects.filter(pk__in={*heirs, *heirs.values()}).values_list("pk", "name"))
    today = {names[old]: names[new] for old, new in heirs.items()}
    for area in areas:
        for task in area.tasks:
            task.lead = today.get(task.lead, task.lead)
            named = (today.get(name, name) for name in task.coordinating.split("; ") if name)
            task.coordinating = "; ".join(dict.fromkeys(named))


def _next_year(day):
    """The same day a year later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _years_moved(title: str, plan: Plan) -> str:
    covered = set(range(plan.start_year, (plan.end_year or plan.start_year) + 1))
    return re.sub(r"\b(19|20)\d\d\b", lambda match: str(int(match[0]) + (int(match[0]) in covered)), title)
