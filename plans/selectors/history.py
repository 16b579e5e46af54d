"""A progress entry's history as the page shows it: who changed what, step by step."""

from typing import Any, cast

from django.db import models

from ..models import ProgressAttachment, ProgressTargetValue, TaskProgress

HISTORY_HIDDEN_FIELDS = [
    "created_at",
    "updated_at",
    "updated_by",
    "version",
    "submitted_at",
    "accepted_at",
    "carried_from",  # told by the step ("unchanged") and the entry's own badge
    "confirmed_unchanged",
]


def _described(change) -> dict:
    """A changed field with its label and, for choice fields, the labels of the old and new values."""
    field = cast(models.Field, TaskProgress._meta.get_field(change.field))
    labels = dict(field.flatchoices) if field.choices else {}
    return {
        "field": field.verbose_name,
        "old": labels.get(change.old, change.old),
        "new": labels.get(change.new, change.new),
    }


def progress_history(*, entries) -> dict[int, list[dict]]:
    """Each entry's recorded changes, newest first: when, who, the step, and what changed.

    Rows come from the entry's own history (fields and workflow steps), its achieved values and its
    attachments, in three queries whatever the number of entries.
    """
    ids = [entry.pk for entry in entries]
    rows: dict[int, list[dict]] = {pk: [] for pk in ids}
    for progress_id, row in [*_entry_rows(ids), *_target_value_rows(ids), *_attachment_rows(ids)]:
        rows[progress_id].append(row)
    for entry_rows in rows.values():
        entry_rows.sort(key=lambda row: (row["date"], row["order"]), reverse=True)
    return rows


def _row(record, step: str, changes: list[dict], order: int = 0) -> dict:
    created = record.history_type == "+"
    return {
        "date": record.history_date,
        "user": record.history_user,
        "step": step,
        "changes": changes,
        "order": order,
        "created": created,
    }


def _entry_rows(ids):
    records = (
        TaskProgress.history.filter(id__in=ids)
        .select_related("history_user")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        changes = []
        if before is not None:
            delta = record.diff_against(before, excluded_fields=HISTORY_HIDDEN_FIELDS)
            changes = [_described(change) for change in delta.changes]
        previous[record.id] = record
        # A workflow step sorts after the save that preceded it in the same second.
        yield record.id, _row(record, record.history_change_reason or "", changes, order=1)


def _target_value_rows(ids):
    records = (
        ProgressTargetValue.history.filter(progress_id__in=ids)
        .select_related("history_user", "target")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, Any] = {}
    for record in records:
        before = previous.get(record.id)
        old = before.achieved_value if before is not None and before.history_type != "-" else None
        new = None if record.history_type == "-" else record.achieved_value
        previous[record.id] = record
        change = {"field": record.target.name, "old": _number(old), "new": _number(new)}
        yield record.progress_id, _row(record, "save", [change])


def _attachment_rows(ids):
    records = ProgressAttachment.history.filter(progress_id__in=ids).select_related("history_user")
    label = ProgressAttachment._meta.verbose_name
    for record in records.filter(history_type__in=["+", "-"]):
        added = record.history_type == "+"
        change = {
            "field": label,
            "old": None if added else record.original_name,
            "new": record.original_name if added else None,
        }
        yield record.progress_id, _row(record, "attach" if added else "detach", [change])


def _number(value):
    return None if value is None else f"{value.normalize():f}"
