"""The header of a signed plan: its number and symbol, issuer, date and title, and where its body starts.

The Decree 30/2020 layout: the issuer in capitals top left ("ỦY BAN NHÂN DÂN / TỈNH SƠN LA") above
"Số: 51/KH-UBND"; the place and date top right ("Sơn La, ngày 27 tháng 3 năm 2017"); then the kind
in capitals ("KẾ HOẠCH") over the title, which runs until the preamble ("Căn cứ …") or section I.
"""

import datetime
import re
from dataclasses import dataclass

from .sources import Block
from .structure import parse_item
from .text import fold

_NUMBER = re.compile(r"\bso\s*:\s*(\d+[^\s,;]*)")
_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_ISSUER = re.compile(r"\b(?:uy ban nhan dan|ubnd)\b")
_LOCALITY = re.compile(r"\b(tinh|thanh pho)\s+")
_KINDS = re.compile(
    r"^(ke hoach(?: hanh dong)?|chuong trinh(?: hanh dong| cong tac)?|de an|chi thi|nghi quyet|quyet dinh)\b"
)
_TITLE_STOPS = re.compile(r"^(?:can cu|thuc hien|nham|de |theo |[-_*=.]{3,})")
_NOT_A_PLACE = {"CỘNG", "ĐỘC", "SỐ", "Số", "Cộng", "Độc", "V/v"}
HEADER_BLOCKS = 40


@dataclass
class Header:
    document_number: str | None
    issuer: str | None
    issue_date: datetime.date | None
    title: str | None
    body_start: int


def read_header(blocks: list[Block]) -> Header:
    """The header fields found among the first blocks, and the index of the first block of the body."""
    texts = [(index, block) for index, block in enumerate(blocks[:HEADER_BLOCKS]) if isinstance(block, str)]
    title, body_start = _title(blocks)
    head = "\n".join(text for index, text in texts if index < body_start or title is None)
    return Header(_number(head), _issuer(head), _issue_date(head), title, body_start)


def _number(head: str) -> str | None:
    match = _NUMBER.search(fold(head))
    return head[match.start(1) : match.end(1)].rstrip(".") if match else None


def _issue_date(head: str) -> datetime.date | None:
    match = _DATE.search(fold(head))
    if not match:
        return None
    try:
        return datetime.date(int(match[3]), int(match[2]), int(match[1]))
    except ValueError:
        return None


def _issuer(head: str) -> str | None:
    folded = fold(head)
    committee = _ISSUER.search(folded)
    if not committee:
        return None
    locality = _LOCALITY.search(folded, committee.end(), committee.end() + 200)
    if not locality:
        return None
    place = []
    for word in head[locality.end() :].split():
        word = word.strip(",.;:")
        if not word[:1].isupper() or word in _NOT_A_PLACE:
            break
        place.append(word)
    if not place:
        return None
    return f"UBND {locality[1].replace('thanh pho', 'thành phố').replace('tinh', 'tỉnh')} " + " ".join(
        word.capitalize() if word.isupper() else word for word in place
    )


def _title(blocks: list[Block]) -> tuple[str | None, int]:
    """The title after the kind line ("KẾ HOẠCH"), and the index of the block after it."""
    for index, block in enumerate(blocks[:HEADER_BLOCKS]):
        if not isinstance(block, str):
            continue
        kind = _KINDS.match(fold(block))
        if not kind or not block[: kind.end()].isupper():
            continue
        parts = [block[kind.end() :].strip()] if block[kind.end() :].strip() else []
        end = index + 1
        # The line under the kind is the title even when it starts "Thực hiện …"; later lines that do
        # are the preamble ("Thực hiện Nghị quyết số …, UBND tỉnh ban hành Kế hoạch …").
        while end < len(blocks) and len(parts) < 4 and _title_goes_on(blocks[end], first=not parts):
            parts.append(blocks[end])  # type: ignore[arg-type]
            end += 1
        return (" ".join(parts) or None), end
    return None, 0


def _title_goes_on(block: Block, *, first: bool) -> bool:
    if not isinstance(block, str) or parse_item(block) is not None:
        return False
    stop = _TITLE_STOPS.match(fold(block))
    return stop is None or (first and not fold(block).startswith("can cu") and not block.rstrip().endswith((",", ";")))
