"""Reporting windows of Decree 09/2019/NĐ-CP, Article 12, and their deadlines in working days.

Each periodic report covers data from the 15th of one month to the 14th of a later month:
monthly 15/(m-1)–14/m; quarterly from the 15th of the month before the quarter to the 14th of its
last month; six-monthly 15/12–14/06 and 15/06–14/12; nine-monthly 15/12–14/09; yearly 15/12–14/12.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .choices import PeriodKind

CUTOFF_DAY = 14  # the data window closes on the 14th and the next one opens on the 15th


@dataclass(frozen=True)
class Window:
    kind: str
    year: int
    sequence: int
    start_date: date
    end_date: date


def _window(kind: str, year: int, sequence: int, first_month: int, last_month: int) -> Window:
    """The window opening on the 15th of the month before first_month, closing on the 14th of last_month."""
    opening_year, opening_month = (year - 1, 12) if first_month == 1 else (year, first_month - 1)
    return Window(
        kind=kind,
        year=year,
        sequence=sequence,
        start_date=date(opening_year, opening_month, CUTOFF_DAY + 1),
        end_date=date(year, last_month, CUTOFF_DAY),
    )


def windows_of_year(year: int, *, nine_monthly: bool) -> list[Window]:
    """Every periodic reporting window of a year, in the order reports fall due."""
    windows = [_window(PeriodKind.MONTHLY, year, month, month, month) for month in range(1, 13)]
    windows += [_window(PeriodKind.QUARTERLY, year, q, 3 * q - 2, 3 * q) for q in range(1, 5)]
    windows += [
        _window(PeriodKind.SIX_MONTHLY, year, 1, 1, 6),
        Window(PeriodKind.SIX_MONTHLY, year, 2, date(year, 6, CUTOFF_DAY + 1), date(year, 12, CUTOFF_DAY)),
    ]
    if nine_monthly:
        windows.append(_window(PeriodKind.NINE_MONTHLY, year, 1, 1, 9))
    windows.append(_window(PeriodKind.YEARLY, year, 1, 1, 12))
    return windows


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("VN", years=[year, year + 1])


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not a Vietnamese public holiday (Tết, 30/4, 1/5, 2/9, Giỗ Tổ…)."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day`."""
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day
