"""A plan's file or text read into a draft: header, areas, tasks with bodies and timing, and warnings."""

import datetime
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext as _

from .departments import Mention, Register
from .header import read_header
from .sources import Block, read_blocks, text_blocks
from .structure import APPENDIX_POINTER, RawTask, organisation_lead, read_structure
from .text import fold
from .timing import read_timing


@dataclass
class TaskDraft:
    number: str
    content: str
    lead: str | None
    lead_id: int | None
    coordinating: list[str]
    coordinating_ids: list[int]
    timing: str
    deadline: datetime.date | None
    output: str | None
    notes: list[str] = field(default_factory=list)  # the guesses and unmatched names of this task


@dataclass
class AreaDraft:
    number: str
    title: str
    tasks: list[TaskDraft] = field(default_factory=list)


@dataclass
class PlanDraft:
    document_number: str | None
    issuer: str | None
    issue_date: datetime.date | None
    title: str | None
    areas: list[AreaDraft]
    warnings: list[str]
    source: list[str] = field(default_factory=list)  # the document's text, line by line, for review

    def as_json(self) -> dict:
        data = asdict(self)
        del data["source"]
        data["issue_date"] = self.issue_date.isoformat() if self.issue_date else None
        for area in data["areas"]:
            for task in area["tasks"]:
                del task["notes"]
                task["deadline"] = task["deadline"].isoformat() if task["deadline"] else None
                task["timing"] = str(task["timing"])
        return data


def read_plan_file(data: bytes, *, name: str, register: Register) -> PlanDraft:
    """Read a .docx, .pdf or .txt plan. Raises IngestError for a file that cannot be read."""
    return read_plan_blocks(read_blocks(data, name=name), register=register)


def read_plan_text(text: str, *, register: Register) -> PlanDraft:
    return read_plan_blocks(text_blocks(text), register=register)


def read_plan_blocks(blocks: list[Block], *, register: Register) -> PlanDraft:
    header = read_header(blocks)
    structure = read_structure(blocks[header.body_start :])
    warnings: list[str] = []
    for label, value in ((_("number"), header.document_number), (_("issuer"), header.issuer)):
        if value is None:
            warnings.append(_("The %(field)s was not found in the header.") % {"field": label})
    year = header.issue_date.year if header.issue_date else None
    default_lead = organisation_lead(structure.organisation)
    areas = []
    for raw_area in structure.areas:
        area = AreaDraft(raw_area.number, raw_area.title)
        for raw in raw_area.tasks:
            reference = f"{raw_area.number}.{raw.number}" if raw_area.number else raw.number
            notes: list[str] = []
            if not raw.fields.get("lead") and default_lead:
                raw.fields["lead"] = default_lead
                notes.append(_("lead taken from “Tổ chức thực hiện”: %(name)s") % {"name": default_lead})
            task = _task(raw, register, year, notes)
            task.notes = notes
            area.tasks.append(task)
            warnings += [f"{reference}: {note}" for note in notes]
        areas.append(area)
    if not any(area.tasks for area in areas):
        warnings.append(_("No task was found."))
        if any(APPENDIX_POINTER.search(fold(block)) for block in blocks if isinstance(block, str)):
            warnings.append(
                _("The tasks are in an appendix table that could not be read: give the Word file or paste it.")
            )
    areas = [area for area in areas if area.tasks]
    source = [block if isinstance(block, str) else " | ".join(row) for block in blocks for row in _rows(block)]
    return PlanDraft(header.document_number, header.issuer, header.issue_date, header.title, areas, warnings, source)


def _rows(block: Block) -> list:
    """A paragraph as itself, a table as its rows."""
    return [block] if isinstance(block, str) else block.rows


def _task(raw: RawTask, register: Register, year: int | None, notes: list[str]) -> TaskDraft:
    lead, lead_id, extra = _lead(register.mentions(raw.fields.get("lead")), notes)
    coordinating, coordinating_ids = _coordinating(extra + register.mentions(raw.fields.get("coordinating")), notes)
    if lead_id in coordinating_ids:
        index = coordinating_ids.index(lead_id)
        coordinating_ids.pop(index)
        coordinating.remove(lead or "")
    timing = read_timing(raw.fields.get("timing"), default_year=year)
    if timing.guess:
        notes.append(timing.guess)
    return TaskDraft(
        raw.number,
        raw.content,
        lead,
        lead_id,
        coordinating,
        coordinating_ids,
        timing.timing,
        timing.deadline,
        raw.fields.get("output") or None,
    )


def _lead(mentions: list[Mention], notes: list[str]) -> tuple[str | None, int | None, list[Mention]]:
    if not mentions:
        notes.append(_("no lead body found"))
        return None, None, []
    first, rest = mentions[0], mentions[1:]
    if rest:
        notes.append(_("several bodies named as lead; the first leads, the others coordinate"))
    if first.kind == "body":
        return first.bodies[0].name, first.bodies[0].id, rest
    notes.append(_("lead “%(name)s” is not one registered body") % {"name": first.text})
    return first.text, None, rest


def _coordinating(mentions: list[Mention], notes: list[str]) -> tuple[list[str], list[int]]:
    names: list[str] = []
    ids: list[int] = []
    for mention in mentions:
        if mention.kind == "group" and mention.bodies:
            notes.append(
                _("“%(name)s” read as %(count)d bodies") % {"name": mention.text, "count": len(mention.bodies)}
            )
        elif mention.kind != "body":
            notes.append(_("“%(name)s” is not a registered body; kept as text") % {"name": mention.text})
            names.append(mention.text)
            continue
        for body in mention.bodies:
            if body.id not in ids:
                names.append(body.name)
                ids.append(body.id)
    return names, ids
