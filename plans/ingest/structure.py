"""The areas and tasks of a plan: from its appendix table when it has one, else from its numbered sections.

Tables: a task table has a header naming the content and the lead body ("Nội dung nhiệm vụ", "Cơ
quan chủ trì"; names vary, a header may span two rows); a Roman-numbered row opens an area.
Sections: I., II. are sections; a section whose title speaks of tasks ("NHIỆM VỤ, GIẢI PHÁP") and
whose items have items of their own holds the areas (1., 2.) and their tasks (a), -); any other
section is an area whose highest items are its tasks. Sections of aims, funding and reporting hold
no tasks; "Tổ chức thực hiện" says which body leads the tasks that do not name one. Labelled
lines ("Cơ quan chủ trì: …", "Thời gian: …") and a closing parenthesis "(Chủ trì: …; phối hợp: …)"
give a task's bodies, time and output.
"""

import re
from dataclasses import dataclass, field

from .sources import Block, Table
from .text import fold, roman_value

_MARKERS = (
    (0, re.compile(r"^(?:PHẦN\s+|Phần\s+)?([IVXL]+)[.\-–:]\s*(.+)$")),
    (2, re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$")),
    (1, re.compile(r"^(\d{1,2})[.)]\s+(.+)$")),
    (3, re.compile(r"^([a-zđ])[).]\s+(.+)$")),
    (4, re.compile(r"^([-–—])\s*(.+)$")),
    (5, re.compile(r"^([+•*])\s*(.+)$")),
)
_FIELD_LABELS = (
    ("lead", r"(?:co quan|don vi)?\s*chu tri"),
    ("coordinating", r"(?:co quan|don vi)?\s*phoi hop"),
    ("timing", r"thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do"),
    ("output", r"san pham(?: dau ra)?|ket qua(?: dau ra)?"),
)
_FIELD_LINE = re.compile(r"^\s*(" + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _FIELD_LABELS) + r")\s*:\s*")
_CLOSING_FIELDS = re.compile(r"\s*\(([^()]*\b(?:chu tri|phoi hop|thoi gian|san pham)\b[^()]*)\)\s*[.;]?\s*$")
_NO_TASKS = re.compile(
    r"^(?:muc dich|yeu cau|muc tieu|quan diem|kinh phi|che do bao cao|danh gia|ket qua|tinh hinh|can cu|phu luc)"
)
ORGANISATION = re.compile(r"^to chuc thuc hien\b|^trach nhiem thuc hien\b")
_CONTAINER = re.compile(r"nhiem vu|giai phap|noi dung")


@dataclass
class RawTask:
    number: str
    content: str
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class RawArea:
    number: str
    title: str
    tasks: list[RawTask] = field(default_factory=list)


@dataclass
class Item:
    level: int
    number: str
    text: str
    marker: str = ""
    children: list["Item"] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)


@dataclass
class Structure:
    areas: list[RawArea]
    organisation: list[str]  # the paragraphs of "Tổ chức thực hiện"
    from_table: bool


def field_line(text: str) -> tuple[str, str] | None:
    """("lead", "Sở Ngoại vụ") for "Cơ quan chủ trì: Sở Ngoại vụ", else None."""
    match = _FIELD_LINE.match(fold(text))
    if not match:
        return None
    kind = next(name for name, _pattern in _FIELD_LABELS if match[name])
    return kind, text[match.end() :].strip().rstrip(".;")


def closing_fields(text: str) -> tuple[str, dict[str, str]]:
    """The text without its closing "(Chủ trì: …; phối hợp: …; thời gian: …)", and those fields."""
    match = _CLOSING_FIELDS.search(fold(text))
    if not match:
        return text, {}
    fields: dict[str, str] = {}
    for part in text[match.start(1) : match.end(1)].split(";"):
        found = field_line(part)
        if found and found[0] not in fields:
            fields[found[0]] = found[1]
    return (text[: match.start()].rstrip() + ("." if text.rstrip().endswith(".") else "")), fields


def parse_item(text: str) -> Item | None:
    for level, pattern in _MARKERS:
        match = pattern.match(text)
        if match and (level != 0 or roman_value(match[1])):
            return Item(level, match[1], match[2].strip(), marker=match[1])
    return None


def read_structure(blocks: list[Block]) -> Structure:
    """The areas and raw tasks of the body of a plan (the blocks after its title)."""
    tables = [table for block in blocks if isinstance(block, Table) and (table := TaskTable.find(block))]
    root = _tree([block for block in blocks if isinstance(block, str)])
    sections = _sections(root)
    organisation = [text for section in sections if ORGANISATION.search(fold(section.text)) for text in _texts(section)]
    if tables:
        areas: list[RawArea] = []
        for table in tables:
            table.read_into(areas)
        return Structure(areas, organisation, from_table=True)
    areas = [area for section in sections for area in _section_areas(section)]
    return Structure(areas, organisation, from_table=False)


def _tree(paragraphs: list[str]) -> Item:
    root = Item(-1, "", "")
    stack = [root]
    for text in paragraphs:
        item = parse_item(text)
        labelled = field_line(text if item is None or item.level < 4 else item.text)
        if labelled and (item is None or item.level >= 4):
            stack[-1].fields.setdefault(*labelled)
            continue
        if item is None:
            stack[-1].body.append(text)
            continue
        while stack[-1].level >= item.level:
            stack.pop()
        stack[-1].children.append(item)
        stack.append(item)
    return root


def _sections(root: Item) -> list[Item]:
    if any(child.level == 0 for child in root.children):
        return [child for child in root.children if child.level == 0]
    return [Item(0, "", "nhiem vu", children=root.children)]


def _section_areas(section: Item) -> list[RawArea]:
    title = fold(section.text).strip()
    if ORGANISATION.search(title) or _NO_TASKS.search(title):
        return []
    if _CONTAINER.search(title) and any(child.children or child.body for child in section.children):
        return [_area(child) for child in section.children if child.level == min(c.level for c in section.children)]
    return [_area(section)]


# "Các nhiệm vụ cụ thể tại Phụ lục kèm theo": a pointer to the appendix, not a task.
APPENDIX_POINTER = re.compile(r"\b(?:tai|theo|o) phu luc\b")


def _area(item: Item) -> RawArea:
    area = RawArea(item.number, item.text.rstrip(":. "))
    if item.children:
        top = min(child.level for child in item.children)
        tasks = [child for child in item.children if child.level == top]
    else:
        tasks = [Item(9, "", text) for text in item.body]
    tasks = [task for task in tasks if not (len(task.text) < 200 and APPENDIX_POINTER.search(fold(task.text)))]
    area.tasks = [_task(child, position) for position, child in enumerate(tasks, start=1)]
    return area


# "Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính (thực hiện)": who leads and who helps, in a sentence.
_ASSIGNMENT = re.compile(
    r"^(?:giao\s+|de nghi\s+|do\s+)?(?P<lead>.+?)\s+(?:la co quan\s+|lam\s+)?chu tri\b"
    r"(?:\s*,?\s*phoi hop voi\s+(?P<coordinating>.+?))?"
    r"(?P<rest>\s+(?:thuc hien|trien khai|to chuc|tham muu|theo doi)\b.*)?$"
)
# "thời gian: Quý III/2026" or "sản phẩm: báo cáo" written inside the task's sentence.
_INLINE_FIELD = re.compile(
    r"^(?P<label>thoi gian(?: thuc hien| hoan thanh)?|thoi han(?: hoan thanh)?|tien do|san pham(?: dau ra)?)"
    r"\s*:\s*(?P<value>.+)$"
)
# "Sở Công Thương chủ trì thực hiện, Sở Ngoại vụ phối hợp."
_ASSIGNMENT_AFTER = re.compile(
    r"^(?:giao\s+)?(?P<lead>.+?)\s+chu tri(?:\s+thuc hien)?\s*,\s*(?P<coordinating>.+?)\s+phoi hop(?:\s+thuc hien)?$"
)
# How the name of a body begins, so that "vai trò chủ trì của …" is not read as a body leading a task.
_BODY_START = re.compile(
    r"^(?:cac\s+)?(?:so|ubnd|uy ban|ban|cong an|bo chi huy|bch|bdbp|van phong|lien hiep|hoi|dai|bao|truong|"
    r"co quan|tinh doan|mat tran|thanh tra|kho bac|cuc|chi cuc|ngan hang|trung tam|vien|dang uy|tinh uy|"
    r"hdnd|doan|bo doi|quan su|toa an|vien kiem sat)\b"
)
# Sentences end at "." or ";", but not inside a date or number written with dots (15.10.2026).
_SENTENCE = re.compile(r"(?:[^.;]|[.;](?=\d))+(?:[.;]|$)")


def inline_fields(text: str) -> tuple[str, dict[str, str]]:
    """The task's text without its assignment and time sentences, and what they say.

    "Tổ chức đoàn xúc tiến đầu tư. Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính; thời gian: Quý
    III/2026." → ("Tổ chức đoàn xúc tiến đầu tư.", {lead, coordinating, timing}). A sentence that
    assigns the work and also says what to do ("Giao Sở X chủ trì, tổ chức …") stays in the text.
    """
    kept, fields = [], {}
    for match in _SENTENCE.finditer(text):
        sentence = match[0]
        bare = sentence.strip().rstrip(".;").strip()
        folded = fold(bare)
        found = _INLINE_FIELD.match(folded)
        if found:
            kind = "output" if found["label"].startswith("san pham") else "timing"
            fields.setdefault(kind, bare[found.start("value") :].strip())
            continue
        assignment = _ASSIGNMENT_AFTER.match(folded) or _ASSIGNMENT.match(folded)
        if assignment and len(assignment["lead"].split()) <= 12 and _BODY_START.match(assignment["lead"]):
            for kind in ("lead", "coordinating"):
                if assignment[kind]:
                    fields.setdefault(kind, bare[assignment.start(kind) : assignment.end(kind)].strip(" ,"))
            # A sentence that only assigns the work leaves the text; the task's own first sentence stays.
            if kept and not assignment.groupdict().get("rest"):
                continue
        kept.append(sentence)
    content = "".join(kept).strip()
    if content and content[-1] == ";":
        content = content[:-1] + "."
    return content or text, fields


def organisation_lead(paragraphs: list[str]) -> str | None:
    """The body "Tổ chức thực hiện" puts in charge of the plan, which leads tasks that name no lead.

    "1. Sở Ngoại vụ: chủ trì, phối hợp với các sở, ngành …" or "Giao Sở Ngoại vụ chủ trì, …".
    """
    for text in paragraphs:
        folded = fold(text)
        at = folded.find("chu tri")
        if at < 0:
            continue
        colon = folded.find(":")
        head = text[:colon] if 0 <= colon < at else text[:at]
        head = re.sub(r"^\s*(?:\d{1,2}[.)]|[a-zđ][.)]|[-–+•])?\s*(?:giao\s+)?", "", head, flags=re.IGNORECASE)
        head = head.strip(" ,:")
        if head and _BODY_START.match(fold(head)) and len(head.split()) <= 12:
            return head
    return None


def _task(item: Item, position: int) -> RawTask:
    content, fields = closing_fields(item.text)
    content, inline = inline_fields(content)
    for kind, value in inline.items():
        fields.setdefault(kind, value)
    details = [f"{child.marker} {child.text}".strip() for child in _descendants(item)]
    for child in [item, *_descendants(item)]:
        for kind, value in child.fields.items():
            fields.setdefault(kind, value)
    number = item.number if item.level < 4 and item.number else str(position)
    return RawTask(number, "\n".join([content, *item.body, *details]), fields)


def _descendants(item: Item) -> list[Item]:
    return [found for child in item.children for found in (child, *_descendants(child))]


def _texts(item: Item) -> list[str]:
    return [*item.body, *(text for child in item.children for text in (child.text, *_texts(child)))]


_COLUMNS = (
    ("number", re.compile(r"^(?:stt|tt|so tt|so thu tu)$")),
    ("lead", re.compile(r"chu tri")),
    ("coordinating", re.compile(r"phoi hop")),
    ("timing", re.compile(r"thoi gian|thoi han|tien do")),
    ("output", re.compile(r"san pham|ket qua")),
    ("content", re.compile(r"noi dung|nhiem vu|cong viec|hoat dong")),
)


@dataclass
class TaskTable:
    columns: dict[str, int]
    rows: list[list[str]]

    @classmethod
    def find(cls, table: Table) -> "TaskTable | None":
        """The table as a task table if a header among its first rows names the content and the lead."""
        for start in range(min(3, len(table.rows))):
            header = [fold(cell).strip(" .:") for cell in table.rows[start]]
            if not any(_COLUMNS[0][1].match(cell) for cell in header):
                continue
            end = start + 1
            while end < len(table.rows) and _continues_header(table.rows[end], table.rows[start]):
                header = [f"{top} {fold(cell)}" for top, cell in zip(header, table.rows[end], strict=False)]
                end += 1
            columns = _map_columns(header)
            if "content" in columns and "lead" in columns:
                return cls(columns, [row for row in table.rows[end:] if not _is_numbering_row(row)])
        return None

    def cell(self, row: list[str], column: str) -> str:
        index = self.columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    def read_into(self, areas: list[RawArea]) -> None:
        for row in self.rows:
            number, content = self.cell(row, "number").rstrip("."), self.cell(row, "content")
            area_title = _area_row_title(number, content)
            if area_title is not None:
                areas.append(RawArea(area_title[0], area_title[1]))
                continue
            if not content:
                continue
            if not areas:
                areas.append(RawArea("", ""))
            fields = {kind: self.cell(row, kind) for kind in ("lead", "coordinating", "timing", "output")}
            task_number = number or str(len(areas[-1].tasks) + 1)
            areas[-1].tasks.append(RawTask(task_number, content, {k: v for k, v in fields.items() if v}))


def _continues_header(row: list[str], first: list[str]) -> bool:
    number = fold(row[0]).strip(" .") if row else ""
    return (not number or number == fold(first[0]).strip(" .")) and not _is_numbering_row(row)


def _is_numbering_row(row: list[str]) -> bool:
    cells = [cell.strip("() ") for cell in row if cell.strip()]
    return bool(cells) and all(cell.isdigit() for cell in cells) and len(set(cells)) == len(cells) > 2


def _map_columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        for name, pattern in _COLUMNS:
            if name not in columns and pattern.search(cell):
                columns[name] = index
                break
    return columns


def _area_row_title(number: str, content: str) -> tuple[str, str] | None:
    """("II", "Công tác ngoại giao kinh tế") for a row numbered II, or a row "II. Công tác …"."""
    if roman_value(number):
        return number, content
    for text in (number, content):
        item = parse_item(text)
        if item and item.level == 0:
            return item.number, item.text
    return None
