"""Figures and dates written the Vietnamese way, whatever language the request speaks (every app's)."""

import datetime
from decimal import Decimal

from django.utils import formats, translation


def number_vi(value) -> str:
    """2024 → "2.024"; 1.38 → "1,38"; 12150000000 → "12.150.000.000"; None → "" (Decree 30 style)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
        # Decimal("1E+1").normalize() prints in exponent form; whole numbers need no decimals.
        if value == value.to_integral_value():
            value = int(value)
    with translation.override("vi"):
        return formats.number_format(value, use_l10n=True, force_grouping=True)


def percent_vi(part: int | Decimal, whole: int | Decimal) -> str:
    """The share as "1,38%", two decimals at most; "0%" when the whole is empty."""
    if not whole:
        return "0%"
    share = round(Decimal(part) * 100 / Decimal(whole), 2)
    return f"{number_vi(share)}%"


def date_vi(day: datetime.date) -> str:
    """14/04/2017."""
    return day.strftime("%d/%m/%Y")


def month_label(month: str) -> str:
    """ "2018-04" (a month as the statistics group it) → "04/2018"."""
    year, number = month.split("-")
    return f"{number}/{year}"


def date_in_words_vi(day: datetime.date) -> str:
    """ "ngày 03 tháng 5 năm 2018": days below 10 and months 1 and 2 take a leading zero (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def cell_text(value, kind: str) -> str:
    """A table cell of a report as the Word file and the preview print it (kind: text, number, percent, date)."""
    if value is None or value == "":
        return ""
    if kind == "text":
        return str(value)
    if kind == "date":  # stored as ISO text, so that the content stays JSON
        return date_vi(datetime.date.fromisoformat(str(value)))
    # Through Decimal so that 3.0 prints "3" and 66.666… prints "66,67".
    text = number_vi(Decimal(str(round(value, 2))))
    return f"{text}%" if kind == "percent" else text


ROMAN_NUMERALS = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]  # fmt: skip


def to_roman(number: int) -> str:
    """Write a positive number in Roman numerals, as plan sections are numbered (I, II, …)."""
    parts = []
    for value, numeral in ROMAN_NUMERALS:
        count, number = divmod(number, value)
        parts.append(numeral * count)
    return "".join(parts)
