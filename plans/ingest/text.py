"""Text helpers of the plan reader: Vietnamese folding that keeps offsets, markers, broken wraps."""

import re
import unicodedata

_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
# Lines that start something of their own, however the previous line ended.
_BLOCK_START = re.compile(
    r"^(?:[IVXL]+[.\-–]\s|\d{1,2}(?:\.\d{1,2})*[.)]\s|\d{1,2}\.\d{1,2}\s|[a-zđ]\)\s|[-–+•*]\s|"
    r"căn cứ\b|số:|nơi nhận\b|phụ lục\b)",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(r"^[^,\n]{2,40},\s*ngay\s+\d{1,2}\s+thang", re.IGNORECASE)
_SENTENCE_END = (".", ";", ":", "!", "?")


def fold_char(char: str) -> str:
    """One character, lower-cased and without diacritics; always one character, so offsets hold."""
    if char in "đĐ":
        return "d"
    base = unicodedata.normalize("NFD", char.lower())[:1]
    return base or char


def fold(text: str) -> str:
    """The text lower-cased and without diacritics, as long as the text, for matching by position."""
    return "".join(fold_char(char) for char in text)


def clean(text: str) -> str:
    """NFC, no control characters, non-breaking and repeated spaces made one space."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def is_heading_caps(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def roman_value(numeral: str) -> int | None:
    """The value of a well-formed Roman numeral up to 399, else None."""
    if not numeral or any(char not in _ROMAN_VALUES for char in numeral):
        return None
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        following = _ROMAN_VALUES[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total < 400 else None


def _starts_block(line: str) -> bool:
    return bool(_BLOCK_START.match(line)) or is_heading_caps(line) or bool(_DATE_LINE.match(fold(line)))


def join_wrapped_lines(text: str) -> list[str]:
    """The paragraphs of text pasted or extracted line by line, with broken line wraps mended.

    A line continues the previous one unless a blank line comes between, it opens a numbered item,
    a bullet or a heading, the previous line is a heading, or the previous line ended a sentence
    and this one starts with a capital.
    """
    paragraphs: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = clean(raw)
        if not line:
            current = _flush(paragraphs, current)
            continue
        if current and _continues(current, line):
            current = f"{current} {line}"
            continue
        current = _flush(paragraphs, current)
        current = line
    _flush(paragraphs, current)
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if _starts_block(line) or is_heading_caps(previous):
        return False
    return not (previous.endswith(_SENTENCE_END) and line[:1].isupper())


def _flush(paragraphs: list[str], current: str) -> str:
    if current:
        paragraphs.append(current)
    return ""
