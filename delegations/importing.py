"""Import of delegations from Excel (parser and service): every row is checked, then all go in or none.

Rows are validated by the API's serializer and written by the same services, so the rules live once.
Each row carries a reference; a row whose reference exists updates that delegation instead of adding one.
"""

import datetime
import functools
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries as all_countries
from rest_framework import serializers

from accounts.models import Department
from core.spreadsheets import SpreadsheetError, xlsx_rows

from .api.serializers import DelegationSerializer
from .models import Delegation
from .permissions import can_change_delegation
from .rollup import rollup_deferred
from .services import delegation_create, delegation_update
from .spreadsheets import CHOICE_COLUMNS, COLUMNS, DATE_COLUMNS, REQUIRED_COLUMNS, headers

MAX_ROWS = 2000


class ImportFileError(SpreadsheetError):
    """The file as a whole cannot be read: not a safe xlsx, wrong headers, no rows."""


class DelegationImportSerializer(DelegationSerializer):
    """The API serializer plus the columns only files carry."""

    # Declared, not generated: the generated field would refuse an existing reference as not unique,
    # while here an existing reference means "update that delegation".
    reference = serializers.CharField(max_length=40)

    class Meta(DelegationSerializer.Meta):
        fields = [*DelegationSerializer.Meta.fields, "reference", "partner_kind", "approval_date"]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)


def read_rows(file) -> list[tuple[int, dict]]:
    """The data rows of an uploaded workbook as (line number, {column key: cell value}).

    Raises ImportFileError if the file is not a safe xlsx workbook (core.spreadsheets), has unknown
    or missing headers, more rows than an import takes, or no rows.
    """
    try:
        lines = xlsx_rows(file)
    except SpreadsheetError as error:
        raise ImportFileError(str(error)) from error
    # The first row the sheet holds is the header; an empty sheet has none and fails the header check.
    header_keys = _header_keys(lines[0][1] if lines else None)
    rows = [
        (line, {key: value for key, value in zip(header_keys, values, strict=False) if key})
        for line, values in lines[1:]
    ]
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("A file holds at most %(max)d delegations.") % {"max": MAX_ROWS})
    if not rows:
        raise ImportFileError(_("The file has no delegation rows under the headers."))
    return rows


def _header_keys(header_row) -> list[str | None]:
    """Map the first row's headers to column keys, in Vietnamese or English. Raises ImportFileError."""
    known = {}
    for language in ("vi", "en"):
        with translation.override(language):
            known.update({str(header).strip().lower(): key for key, header in COLUMNS})
    cells = [str(value).strip() if value is not None else "" for value in (header_row or ())]
    unknown = [cell for cell in cells if cell and cell.lower() not in known]
    keys = [known.get(cell.lower()) for cell in cells]
    missing = [
        header
        for key, header in zip([k for k, _h in COLUMNS], headers(), strict=True)
        if key in REQUIRED_COLUMNS and key not in keys
    ]
    if unknown or missing:
        parts = []
        if unknown:
            parts.append(_("unknown columns: %(columns)s") % {"columns": ", ".join(unknown)})
        if missing:
            parts.append(_("missing columns: %(columns)s") % {"columns": ", ".join(missing)})
        raise ImportFileError(
            _("The headers do not match the template (%(problems)s). Download the template and copy your rows into it.")
            % {"problems": "; ".join(parts)}
        )
    return keys


@functools.cache
def _choice_lookup(choices) -> dict[str, str]:
    """Values by code or label in either language; built once per choices class, not once per cell."""
    lookup = {value.lower(): value for value in choices.values}
    for language in ("vi", "en"):
        with translation.override(language):
            lookup.update({str(label).strip().lower(): value for value, label in choices.choices})
    return lookup


def _country_code(text: str) -> str:
    """A code from a code or a name in Vietnamese or English; unknown text is passed on to be refused."""
    text = text.strip()
    if len(text) == 2 and all_countries.alpha2(text):
        return text.upper()
    return all_countries.by_name(text, language="vi") or all_countries.by_name(text) or text


def department_lookup() -> dict[str, int]:
    """Department ids by lower-cased short name, code and name (the name wins), read in one query."""
    lookup = {}
    for pk, name, code, short_name in Department.objects.values_list("pk", "name", "code", "short_name"):
        for text in (short_name, code, name):
            if text:
                lookup[text.strip().lower()] = pk
    return lookup


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date_text(value) -> str:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = _cell_text(value)
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date().isoformat()
    except ValueError:
        return text  # the serializer refuses it with its own message


def to_serializer_data(row: dict, departments: dict[str, int]) -> dict:
    """A spreadsheet row in the shape the API serializer validates."""
    data = {}
    for key, value in row.items():
        if key in DATE_COLUMNS:
            data[key] = _date_text(value) if value not in (None, "") else None
        elif key in CHOICE_COLUMNS:
            text = _cell_text(value)
            data[key] = _choice_lookup(CHOICE_COLUMNS[key]).get(text.lower(), text)
        elif key == "countries":
            text = _cell_text(value).replace(",", ";")
            data[key] = [_country_code(part) for part in text.split(";") if part.strip()]
        elif key == "department":
            # Unknown names stay text, which _import_row explains.
            data[key] = (
                departments.get(_cell_text(value).lower(), _cell_text(value)) if value not in (None, "") else None
            )
        elif key == "cost_vnd":
            data[key] = _cell_text(value) or None
        else:
            data[key] = _cell_text(value)
    if data.get("approval_date") is None:
        data.pop("approval_date", None)
    if not data.get("status"):
        data.pop("status", None)
    return data


def _messages(detail, prefix="") -> list[str]:
    """Flatten DRF or Django error details into "Column: message" strings."""
    labels = {key: str(header) for key, header in COLUMNS}
    out = []
    if isinstance(detail, dict):
        for key, value in detail.items():
            if isinstance(key, int) or str(key).isdigit():
                out += _messages(value, prefix)  # a list item's errors belong to the list's column
                continue
            label = labels.get(key, "" if key in ("non_field_errors", "__all__") else key)
            out += _messages(value, f"{label}: " if label else "")
    elif isinstance(detail, list):
        for item in detail:
            out += _messages(item, prefix)
    else:
        out.append(f"{prefix}{detail}")
    return out


def _import_row(*, user, data: dict, existing: Delegation | None):
    """Validate one row and write it; returns "created"/"updated" or a list of messages."""
    if isinstance(data.get("department"), str):
        return [
            _("Unknown department “%(name)s”: write its name or code as the portal lists it.")
            % {"name": data["department"]}
        ]
    if existing is not None and not can_change_delegation(user, existing):
        return [
            _("Delegation %(reference)s belongs to another department; you may not change it.")
            % {"reference": existing.reference}
        ]
    serializer = DelegationImportSerializer(instance=existing, data=data, context={"user": user})
    if not serializer.is_valid():
        return _messages(serializer.errors)
    fields = dict(serializer.validated_data)
    try:
        with transaction.atomic():
            if existing is None:
                delegation_create(by=user, **fields)
                return "created"
            delegation_update(delegation=existing, by=user, **fields)
            return "updated"
    except ValidationError as error:
        return _messages(error.message_dict if hasattr(error, "error_dict") else error.messages)
    except PermissionDenied as error:
        return [str(error)]


def delegations_import(*, rows: list[tuple[int, dict]], user) -> ImportResult:
    """Check and write every row in one transaction; if any row is bad, roll all of them back.

    Two imports of the same new references at once: the one that commits second finds them taken
    (a row message) or loses the database's unique check (IntegrityError); either way it writes
    nothing and says so.
    """
    try:
        return _import_all(rows=rows, user=user)
    except IntegrityError:
        return ImportResult(
            errors=[
                _(
                    "Another import changed the same delegations at the same moment, so nothing from this "
                    "file was saved. Upload the file again."
                )
            ]
        )


@transaction.atomic
def _import_all(*, rows: list[tuple[int, dict]], user) -> ImportResult:
    result = ImportResult()
    departments = department_lookup()
    converted = [(line, to_serializer_data(row, departments)) for line, row in rows]
    # One query for the delegations the file already holds, not one a row.
    references = [data["reference"] for _line, data in converted if data.get("reference")]
    existing = Delegation.objects.in_bulk(references, field_name="reference")
    # The statistics rollup is recomputed once for the whole file, not once a row.
    with rollup_deferred():
        _import_rows(converted=converted, existing=existing, user=user, result=result)
    if result.errors:
        transaction.set_rollback(True)
        result.created = result.updated = 0
    return result


def _import_rows(*, converted: list[tuple[int, dict]], existing: dict, user, result: ImportResult) -> None:
    seen: dict = {}
    for line, data in converted:
        reference = data.get("reference")
        if reference and reference in seen:
            outcome = [
                _("The reference %(reference)s is already used on line %(line)d.")
                % {"reference": reference, "line": seen[reference]}
            ]
        else:
            seen[reference] = line
            outcome = _import_row(user=user, data=data, existing=existing.get(reference))
        if isinstance(outcome, list):
            result.errors += [_("Line %(line)d: %(message)s") % {"line": line, "message": m} for m in outcome]
        elif outcome == "created":
            result.created += 1
        else:
            result.updated += 1
