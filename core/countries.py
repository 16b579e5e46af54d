"""Country names as the Vietnamese foreign ministry writes them, overriding django-countries' catalogue.

The library's Vietnamese catalogue is wrong where it matters to a foreign-affairs office (Iceland and
Ireland both "Ai-len", Jersey "Áo", Réunion "Đoàn tụ"). Each ISO 3166-1 code has three curated forms
in core/data/country_names_vi.csv: the short form for tables and lists ("Lào", "Hoa Kỳ"), the form
used in the text of reports ("CHDCND Lào"), and the full official name ("Cộng hòa Dân chủ Nhân dân
Lào"). In any other language the library's own names stand.
"""

import csv
import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

DATA = Path(__file__).resolve().parent / "data" / "country_names_vi.csv"


@dataclass(frozen=True)
class CountryNames:
    short: str
    report: str
    full: str


@functools.cache
def vietnamese_country_names() -> dict[str, CountryNames]:
    """Every code's three Vietnamese forms (an empty report or full form is the short form)."""
    with DATA.open(encoding="utf-8", newline="") as data:
        rows = csv.DictReader(data, delimiter="|")
        return {
            row["code"]: CountryNames(row["short"], row["report"] or row["short"], row["full"] or row["short"])
            for row in rows
        }


def _speaks_vietnamese() -> bool:
    return (get_language() or "vi").startswith("vi")


def _display_name(code: str) -> str:
    from django_countries.data import COUNTRIES  # the library's English names, translated by its catalogue

    names = vietnamese_country_names().get(code)
    return names.short if names and _speaks_vietnamese() else str(COUNTRIES[code])


def countries_override() -> dict:
    """COUNTRIES_OVERRIDE for the settings: each name follows the reader's language when it is shown."""
    display = lazy(_display_name, str)
    return {code: display(code) for code in vietnamese_country_names()}


def country_report_name(code: str) -> str:
    """The form a Vietnamese report writes in its text, e.g. "CHDCND Lào"; the code itself if unknown."""
    names = vietnamese_country_names().get(code)
    return names.report if names else code


# Vietnamese alphabetical order: a ă â b c d đ e ê … o ô ơ … u ư; tone marks only break ties.
_LETTER_MARKS = {"\u0306": "1", "\u0302": "2", "\u031b": "3"}  # breve, circumflex, horn
_TONE_MARKS = {"\u0300": "1", "\u0309": "2", "\u0303": "3", "\u0301": "4", "\u0323": "5"}


def vietnamese_sort_key(text: str) -> tuple[str, str]:
    """A key that sorts names as a Vietnamese dictionary does ("Đức" after "Dominica"), without ICU."""
    letters: list[str] = []
    tones: list[str] = []
    for char in unicodedata.normalize("NFD", text.casefold()):
        if char in _LETTER_MARKS and letters:
            letters[-1] = letters[-1][0] + _LETTER_MARKS[char]
        elif char in _TONE_MARKS:
            tones.append(_TONE_MARKS[char])
        elif char == "đ":
            letters.append("d1")
        elif char.isalnum():
            letters.append(char + "0")
        else:
            letters.append(" 0")
    return "".join(letters), "".join(tones)


def sorted_choices(choices) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by name: Vietnamese order in Vietnamese, the plain order otherwise."""
    pairs = [(code, str(name)) for code, name in choices]
    if _speaks_vietnamese():
        return sorted(pairs, key=lambda pair: vietnamese_sort_key(pair[1]))
    return sorted(pairs, key=lambda pair: pair[1].casefold())
