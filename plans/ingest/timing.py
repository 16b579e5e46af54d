"""When a task is due, read from the plan's own words ("thường xuyên", "Quý II/2026", "trước ngày 15/10/2026").

Decisions (docs in plans/ingest/__init__.py): a span of years ("2017-2018", "giai đoạn 2026 – 2030") is
read as a deadline at the end of its last year, and flagged; a bare year ("năm 2026") as its 31
December, flagged; a day or month without a year takes the plan's year, flagged; words the rules do
not know, or none, read as continuous work, flagged. Quarters and months end on their last day.
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from plans.choices import TaskTiming

from .text import fold, roman_value


@dataclass(frozen=True)
class Timing:
    timing: str
    deadline: datetime.date | None = None
    guess: str | None = None  # why the reading is a guess; None when the words say it plainly


_QUARTER = re.compile(r"\bquy\s+([ivx]+|[1-4])(?![a-z])\s*(?:/|nam|-)?\s*(\d{4})?")
_SPAN = re.compile(r"\b((?:19|20)\d{2})\s*(?:-|–|—|den|toi)\s*(?:nam\s+)?((?:19|20)\d{2})\b")
_FULL_DATE = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d{2})\b")
_WORDED_DATE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+((?:19|20)\d{2}))?")
_DAY_MONTH = re.compile(r"\bngay\s+(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_MONTH = re.compile(r"\bthang\s+(\d{1,2})(?:\s*/\s*|\s+nam\s+)((?:19|20)\d{2})\b")
_MONTH_NO_YEAR = re.compile(r"\bthang\s+(\d{1,2})\b(?!\s*/)")
_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
_RECURRING = (
    (re.compile(r"\b(?:thuong xuyen|lien tuc)\b"), TaskTiming.CONTINUOUS),
    (re.compile(r"\bhang nam\b|\bmoi nam\b"), TaskTiming.YEARLY),
    (re.compile(r"\bhang quy\b|\bmoi quy\b|\btheo quy\b"), TaskTiming.QUARTERLY),
    (re.compile(r"\bhang thang\b|\bmoi thang\b"), TaskTiming.MONTHLY),
)


def _quarter_end(quarter: int, year: int) -> datetime.date:
    return _month_end(quarter * 3, year)


def _month_end(month: int, year: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def read_timing(text: str | None, *, default_year: int | None = None) -> Timing:
    """The timing and deadline that the words of a "Thời gian thực hiện" cell or phrase mean."""
    folded = fold(text or "").strip()
    if not folded:
        return Timing(TaskTiming.CONTINUOUS, guess=_("no time given; read as continuous work"))
    for pattern, timing in _RECURRING:
        if pattern.search(folded):
            return Timing(timing)
    return _dated(folded, default_year) or Timing(
        TaskTiming.CONTINUOUS, guess=_("time “%(text)s” not understood; read as continuous work") % {"text": text}
    )


def _dated(folded: str, default_year: int | None) -> Timing | None:
    for reader in (_read_full_date, _read_quarter, _read_month, _read_span, _read_year):
        timing = reader(folded, default_year)
        if timing is not None:
            return timing
    return None


def _deadline(day: datetime.date | None, guess: str | None = None) -> Timing | None:
    return Timing(TaskTiming.DEADLINE, day, guess) if day else None


def _read_full_date(folded: str, default_year: int | None) -> Timing | None:
    if match := _FULL_DATE.search(folded):
        day, month, year = (int(part) for part in match.groups())
        return _deadline(_safe_date(year, month, day))
    if (match := _WORDED_DATE.search(folded)) and (match[3] or default_year):
        guess = None if match[3] else _("no year given; the plan's year %(year)d assumed") % {"year": default_year}
        return _deadline(_safe_date(int(match[3] or default_year), int(match[2]), int(match[1])), guess)
    if (match := _DAY_MONTH.search(folded)) and default_year:
        guess = _("no year given; the plan's year %(year)d assumed") % {"year": default_year}
        return _deadline(_safe_date(default_year, int(match[2]), int(match[1])), guess)
    return None


def _read_quarter(folded: str, default_year: int | None) -> Timing | None:
    match = _QUARTER.search(folded)
    if not match:
        return None
    quarter = int(match[1]) if match[1].isdigit() else roman_value(match[1].upper())
    if not quarter or quarter > 4 or not (match[2] or default_year):
        return None
    guess = None if match[2] else _("no year given; the plan's year %(year)d assumed") % {"year": default_year}
    return _deadline(_quarter_end(quarter, int(match[2] or default_year)), guess)


def _read_month(folded: str, default_year: int | None) -> Timing | None:
    if match := _MONTH.search(folded):
        month, year = int(match[1]), int(match[2])
        return _deadline(_month_end(month, year)) if 1 <= month <= 12 else None
    if (match := _MONTH_NO_YEAR.search(folded)) and default_year and 1 <= int(match[1]) <= 12:
        guess = _("no year given; the plan's year %(year)d assumed") % {"year": default_year}
        return _deadline(_month_end(int(match[1]), default_year), guess)
    return None


def _read_span(folded: str, default_year: int | None) -> Timing | None:
    match = _SPAN.search(folded)
    if not match or int(match[2]) < int(match[1]):
        return None
    guess = _("a span of years %(first)s–%(last)s; read as due by the end of %(last)s") % {
        "first": match[1],
        "last": match[2],
    }
    return _deadline(datetime.date(int(match[2]), 12, 31), guess)


def _read_year(folded: str, default_year: int | None) -> Timing | None:
    years = _YEAR.findall(folded)
    if not years:
        return None
    guess = _("only a year given; read as due by 31/12/%(year)s") % {"year": years[-1]}
    return _deadline(datetime.date(int(years[-1]), 12, 31), guess)
