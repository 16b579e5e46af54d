"""A report's body as plain text the specialist edits, and that text back as the renderers' blocks.

Plain paragraphs only: a blank line separates paragraphs, a short line starting "1. " is a heading.
No markup passes through: every line is cleaned of control characters and printed as text.
"""

import re

from core.sanitize import clean_text

HEADING = re.compile(r"^\d{1,2}\.\s")
MAX_HEADING = 150


def section_text(section: dict) -> str:
    """The section's headings, paragraphs and list items, one paragraph each, blank lines between."""
    lines: list[str] = []
    for block in section["blocks"]:
        if block["type"] in ("heading", "paragraph"):
            lines.append(block["text"])
        elif block["type"] == "list":
            lines.extend(block["rows"] or [block["empty"]])
    return "\n\n".join(lines)


def body_texts(content: dict) -> dict[str, str]:
    """The data-built text of the opening and of each body section, by key ("opening", "I", "II"…)."""
    texts = {"opening": "\n\n".join(content.get("opening", []))}
    texts.update({section["number"]: section_text(section) for section in content.get("sections", [])})
    return texts


def paragraphs(text: str) -> list[str]:
    """The paragraphs of edited text: blank lines part them, wrapped lines join."""
    chunks = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
    return [clean_text(" ".join(chunk.split())) for chunk in chunks if chunk.strip()]


def text_blocks(text: str) -> list[dict]:
    blocks = []
    for paragraph in paragraphs(text):
        heading = HEADING.match(paragraph) and len(paragraph) <= MAX_HEADING
        blocks.append({"type": "heading" if heading else "paragraph", "text": paragraph})
    return blocks


def edited_content(content: dict, edits: dict) -> dict:
    """The content with the specialist's sections in place of the data-built ones."""
    if not edits:
        return content
    # Only the body changes: the sections are copied, their blocks and the annex (tens of thousands of
    # rows at national scale) are shared with the content, never copied.
    edited = {**content, "sections": [dict(section) for section in content["sections"]]}
    if "opening" in edits:
        edited["opening"] = paragraphs(edits["opening"]["text"])
    for section in edited["sections"]:
        if section["number"] in edits:
            section["blocks"] = text_blocks(edits[section["number"]]["text"])
    return edited


def changed_since_edit(content: dict, edits: dict) -> dict[str, str]:
    """Sections whose data-built text changed since the specialist edited them: key → today's data text."""
    current = body_texts(content)
    return {key: current[key] for key, edit in edits.items() if key in current and edit["base"] != current[key]}
