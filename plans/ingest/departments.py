"""Which registered bodies a plan's words name: "Sở NgV", "Sở Kế hoạch và Đầu tư", "UBND các huyện, thành phố".

Plain Python over a register of (id, name, short name, code, kind), so it runs without a database.
Names are compared as word sequences without diacritics or case; "Ủy ban nhân dân" is "UBND" and
"thành phố" is "TP" on both sides. Each body answers to its name, its short name, its code (three
letters or more, so "CA" never matches the word "cả"), "Sở" + its code without the S ("Sở NgV"),
the initials of a "Sở …" name ("Sở KH&ĐT") and its name without a final "tỉnh"; initials that two
bodies share ("Sở NV": Nội vụ or Ngoại vụ?) answer to neither. Groups are the listed bodies of their
kind ("UBND các huyện, thành phố" → every district) or, when the register has none, flagged; vague
phrases ("các sở, ban, ngành") are always flagged. The longest name wins at each position.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from accounts.choices import DepartmentKind

from .text import fold


@dataclass(frozen=True)
class Body:
    id: int
    name: str
    short_name: str = ""
    code: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming bodies: one body, a group of bodies, a vague phrase, or an unknown name."""

    text: str
    bodies: tuple[Body, ...] = ()
    kind: str = "body"  # body | group | vague | unknown


_DISTRICT_GROUPS = (
    "ubnd cac huyen thanh pho",
    "ubnd cac huyen thi xa thanh pho",
    "ubnd cac huyen thi xa",
    "ubnd cac huyen",
    "ubnd cap huyen",
)
_COMMUNE_GROUPS = ("ubnd cac xa phuong", "ubnd cac xa phuong dac khu", "ubnd cap xa", "ubnd cac xa")
_VAGUE = (
    "cac so ban nganh",
    "cac so ban nganh tinh",
    "cac so ban nganh lien quan",
    "cac so ban nganh doan the",
    "cac so nganh",
    "cac so nganh lien quan",
    "cac so nganh dia phuong",
    "cac co quan don vi lien quan",
    "cac co quan lien quan",
    "cac don vi lien quan",
    "cac dia phuong",
    "cac co quan don vi",
)
# Spellings no rule derives, seen in real plans; keyed by the folded official name.
COMMON_SPELLINGS = {
    "cong an tinh": ("ca tinh",),
    "bo chi huy bo doi bien phong tinh": ("bdbp tinh", "bo doi bien phong tinh", "bch bdbp tinh"),
    "bo chi huy quan su tinh": ("bchqs tinh", "bo chqs tinh"),
    "lien hiep cac to chuc huu nghi tinh": ("lien hiep huu nghi tinh", "lhcth tinh"),
}
_SEPARATORS = {"va", "voi", "cac", "phoi", "hop", "chu", "tri", "co", "quan"}


def words(text: str) -> list[tuple[str, int, int]]:
    """The folded words of text with their offsets; "Ủy ban nhân dân" → "ubnd", "thành phố" → "tp"."""
    raw = [(match[0], match.start(), match.end()) for match in re.finditer(r"[a-z0-9]+", fold(text))]
    merged: list[tuple[str, int, int]] = []
    index = 0
    while index < len(raw):
        window = [word for word, _start, _end in raw[index : index + 4]]
        if window == ["uy", "ban", "nhan", "dan"]:
            merged.append(("ubnd", raw[index][1], raw[index + 3][2]))
            index += 4
        elif window[:2] == ["thanh", "pho"]:
            merged.append(("tp", raw[index][1], raw[index + 1][2]))
            index += 2
        else:
            merged.append(raw[index])
            index += 1
    return merged


def _key(text: str) -> tuple[str, ...]:
    return tuple(word for word, _start, _end in words(text))


def _initials(name: str) -> list[tuple[str, ...]]:
    """ "Sở Văn hóa, Thể thao và Du lịch" → (so, vh, tt, dl), (so, vhttdl), (so, vhtt, dl)."""
    if not fold(name).startswith("so "):
        return []
    groups = [group.split() for group in re.split(r",|\bvà\b|-", name[3:]) if group.strip()]
    letters = [fold("".join(word[0] for word in group)) for group in groups]
    if len(letters) < 2:
        return [("so", letters[0])] if letters and len(letters[0]) > 1 else []
    return [("so", *letters), ("so", "".join(letters)), ("so", "".join(letters[:-1]), letters[-1])]


def _aliases(body: Body) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """The body's own names (sure) and the derived ones (dropped when two bodies share them)."""
    own = [_key(body.name)] + ([_key(body.short_name)] if body.short_name else [])
    code = fold(body.code)
    if len(code) >= 3 and code.isalnum():
        own.append((code,))
        if code.startswith("s"):
            own.append(("so", code[1:]))
    own += [_key(spelling) for spelling in COMMON_SPELLINGS.get(fold(body.name), ())]
    derived = _initials(body.name)
    derived += [key[:-1] for key in own if len(key) > 2 and key[-1] == "tinh"]
    return own, derived


@dataclass
class Register:
    """The bodies that plans may name, indexed by every way of writing them."""

    bodies: list[Body]
    _index: dict[tuple[str, ...], Mention] = field(default_factory=dict, init=False)
    _longest: int = field(default=1, init=False)

    def __post_init__(self):
        derived_owners: dict[tuple[str, ...], set[Body]] = {}
        for body in self.bodies:
            own, derived = _aliases(body)
            for key in own:
                self._index.setdefault(key, Mention(body.name, (body,)))
            for key in derived:
                derived_owners.setdefault(key, set()).add(body)
        for key, owners in derived_owners.items():
            if len(owners) == 1 and key not in self._index:
                body = owners.pop()
                self._index[key] = Mention(body.name, (body,))
        self._add_groups(_DISTRICT_GROUPS, DepartmentKind.DISTRICT)
        self._add_groups(_COMMUNE_GROUPS, DepartmentKind.COMMUNE)
        for phrase in _VAGUE:
            self._index.setdefault(_key(phrase), Mention("", (), "vague"))
        self._longest = max((len(key) for key in self._index), default=1)

    def _add_groups(self, phrases: Iterable[str], kind: str) -> None:
        members = tuple(body for body in self.bodies if body.kind == kind)
        for phrase in phrases:
            self._index.setdefault(_key(phrase), Mention("", members, "group"))

    def mentions(self, text: str | None) -> list[Mention]:
        """The bodies, groups, vague phrases and unknown names in text, in order of writing."""
        found: list[Mention] = []
        tokens = words(text or "")
        index, unknown_from = 0, None
        while index < len(tokens):
            size, mention = self._match_at(tokens, index)
            if mention is None:
                unknown_from = index if unknown_from is None else unknown_from
                index += 1
                continue
            found += self._unknown(text or "", tokens, unknown_from, index)
            unknown_from = None
            start, end = tokens[index][1], tokens[index + size - 1][2]
            found.append(Mention(mention.text or (text or "")[start:end], mention.bodies, mention.kind))
            index += size
        return found + self._unknown(text or "", tokens, unknown_from, len(tokens))

    def _match_at(self, tokens, index: int) -> tuple[int, Mention | None]:
        for size in range(min(self._longest, len(tokens) - index), 0, -1):
            key = tuple(word for word, _start, _end in tokens[index : index + size])
            if key in self._index:
                return size, self._index[key]
        return 0, None

    @staticmethod
    def _unknown(text: str, tokens, start: int | None, end: int) -> list[Mention]:
        """The names between known ones, cut at commas, semicolons and "và"."""
        if start is None:
            return []
        stretch = text[tokens[start][1] : tokens[end - 1][2]]
        parts = re.split(r"[;,\n]|\s+và\s+|\s+với\s+", stretch)
        unknown = []
        for part in parts:
            part = part.strip(" .:-–()")
            if part and set(_key(part)) - _SEPARATORS:
                unknown.append(Mention(part, (), "unknown"))
        return unknown
