"""Accent-insensitive search text, so that "doi ngoai" finds "đối ngoại" on SQLite and PostgreSQL."""

import unicodedata


def normalise_search_text(text: str) -> str:
    """Lower-case the text and strip Vietnamese diacritics (đ becomes d, which NFD does not split)."""
    decomposed = unicodedata.normalize("NFD", (text or "").lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))
