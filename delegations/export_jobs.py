"""Exports of large delegation lists as jobs: requested by the page, written by a worker, swept.

The same request (user, format, filters) has at most one export queued or running (a partial unique
constraint backs it), so clicking twice, or a message delivered twice, never writes two files. A
broker that is down leaves the export queued; the sweeper sends it again, takes it back from a
worker that stopped beating, and deletes files older than DELEGATION_EXPORT_KEEP_DAYS.
"""

import datetime
import hashlib
import logging
import os
import tempfile
from types import SimpleNamespace

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.formatting import number_vi
from core.heartbeat import heartbeat
from core.jobs import (
    TRANSIENT_ERRORS,
    dead_worker_condition,
    job_claim,
    job_dispatch,
    lost_condition,
    lost_in_queue,
)
from notifications.choices import NotificationKind
from notifications.services import notification_send

from .choices import PENDING_EXPORT_STATES, ExportFormat, ExportState
from .csv_copy import copied_csv_write
from .filtersets import DelegationFilterSet
from .models import DelegationExport
from .permissions import can_read_delegations
from .selectors import delegations_for_list
from .spreadsheets import EXPORT_TEXT_COLUMNS, csv_write, export_rows, headers, xlsx_write

logger = logging.getLogger(__name__)

EXPORT_NAME = "doan-ra-doan-vao"
SHEET_TITLE = "Đoàn"
# Parameters of the list page that do not choose delegations.
IGNORED_PARAMETERS = {"page"}


def export_query(params: QueryDict) -> str:
    """The filters as a canonical query string: the same filters in another order are the same request."""
    pairs = sorted(
        (key, value) for key in params if key not in IGNORED_PARAMETERS for value in params.getlist(key) if value
    )
    query = QueryDict(mutable=True)
    for key, value in pairs:
        query.appendlist(key, value)
    return query.urlencode()


def export_filterset(*, user, query: str) -> DelegationFilterSet:
    """The list's FilterSet over what the user may read, as the list page builds it."""
    # The FilterSet asks the request only who is searching (names are searchable by readers of names).
    return DelegationFilterSet(
        QueryDict(query), queryset=delegations_for_list(user=user), request=SimpleNamespace(user=user)
    )


def export_is_large(delegations: QuerySet) -> bool:
    """Whether the list has more rows than an export written in the request may hold (a capped count)."""
    limit = settings.DELEGATION_EXPORT_IMMEDIATE_ROWS
    return delegations.order_by()[: limit + 1].count() > limit


def export_file_name(export: DelegationExport) -> str:
    return f"{EXPORT_NAME}-{timezone.localtime(export.requested_at):%Y%m%d}.{export.file_format}"


def delegation_export_request(*, by, file_format: str, query: str) -> DelegationExport:
    """Queue an export of the filtered list for the user, or return the same request's pending one.

    Raises PermissionDenied when the user may not read delegations, ValidationError on bad filters.
    The worker is sent after the commit; with the broker down the export stays queued for the sweeper.
    """
    if not can_read_delegations(by):
        raise PermissionDenied(_("You may not export delegations."))
    if file_format not in ExportFormat.values:
        raise ValidationError(_("Unknown export format."))
    filterset = export_filterset(user=by, query=query)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_text())
    fingerprint = hashlib.sha256(f"{by.pk}|{file_format}|{query}".encode()).hexdigest()
    pending = DelegationExport.objects.filter(fingerprint=fingerprint, state__in=PENDING_EXPORT_STATES)
    current = pending.first()
    if current is None:
        try:
            with transaction.atomic():
                current = DelegationExport.objects.create(
                    file_format=file_format, query=query, fingerprint=fingerprint, requested_by=by
                )
        except IntegrityError:
            # Another click created it between our read and our write: it is the same export.
            return pending.get()
        transaction.on_commit(lambda: _dispatch(current.pk), robust=True)
    elif lost_in_queue(current, now=timezone.now()):
        transaction.on_commit(lambda: _dispatch(current.pk), robust=True)
    return current


def _dispatch(export_id: int) -> None:
    from .tasks import delegation_export_task  # the task module imports this one

    job_dispatch(DelegationExport, export_id, delegation_export_task.delay)


def delegation_export_claim(*, export_id: int) -> DelegationExport | None:
    """Move a queued export (or one whose worker died) to running; None when another delivery has it."""
    if not job_claim(DelegationExport, export_id):
        return None
    return DelegationExport.objects.select_related("requested_by").get(pk=export_id)


def export_file_write(*, path: str, file_format: str, delegations: QuerySet) -> int:
    """Write the delegations as a CSV or XLSX file at `path`; return how many rows it holds.

    On PostgreSQL the database writes a CSV's lines and COPY streams them (csv_copy); otherwise rows come through
    a server-side cursor in one transaction. PostgreSQL plans a cursor for its first rows
    (cursor_tuple_fraction 0.1: an index walk); the whole list is wanted, so it is told so.
    """
    postgresql = connection.vendor == "postgresql"
    if file_format == ExportFormat.CSV and postgresql:
        # COPY runs with the plan of a whole read (in parallel), which a server-side cursor does not get.
        with open(path, "wb") as file:
            return copied_csv_write(file, delegations)
    rows = export_rows(delegations)
    with transaction.atomic():
        if postgresql:
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1")
        if file_format == ExportFormat.CSV:
            with open(path, "w", encoding="utf-8", newline="") as file:
                return csv_write(file, headers(), rows, text_columns=EXPORT_TEXT_COLUMNS)
        return xlsx_write(path, SHEET_TITLE, headers(), rows)


def delegation_export_write(*, export: DelegationExport) -> DelegationExport:
    """Write the export's file with the requester's reach and filters, and mark it done."""
    filterset = export_filterset(user=export.requested_by, query=export.query)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors.as_text())
    # Written to a temporary file first: memory stays flat, and storage gets a finished file only.
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, export_file_name(export))
        count = export_file_write(path=path, file_format=export.file_format, delegations=filterset.qs)
        with open(path, "rb") as file:
            export.file.save(f"{export.pk}-{export_file_name(export)}", File(file), save=False)
    export.row_count, export.state, export.finished_at = count, ExportState.DONE, timezone.now()
    with transaction.atomic():  # done and told, or neither
        export.save(update_fields=["file", "row_count", "state", "finished_at"])
        _finished_notify(DelegationExport.objects.filter(pk=export.pk))
    return export


def _finished_notify(exports: QuerySet[DelegationExport]) -> None:
    """Tell whoever asked for each export that it is ready, with its page, or why it failed."""
    for export in exports.select_related("requested_by"):
        done = export.state == ExportState.DONE
        notification_send(
            recipients=[export.requested_by],
            kind=NotificationKind.EXPORT_DONE if done else NotificationKind.EXPORT_FAILED,
            params={
                "rows": number_vi(export.row_count or 0),
                "format": export.get_file_format_display(),
                "days": settings.DELEGATION_EXPORT_KEEP_DAYS,
                "reason": export.failure_reason[:500],
            },
            link=reverse("delegations:delegation_export_status", args=[export.pk]),
        )


def delegation_export_run(*, export_id: int) -> str:
    """Write a claimed export, recording a failure with its reason; return the final state.

    Raises the TRANSIENT_ERRORS (after putting the export back in the queue) so that the task retries.
    """
    export = delegation_export_claim(export_id=export_id)
    if export is None:
        return "skipped"
    alive = DelegationExport.objects.filter(pk=export_id, state=ExportState.RUNNING)
    try:
        with heartbeat(
            lambda: alive.update(heartbeat_at=timezone.now()),
            seconds=settings.REPORT_HEARTBEAT_SECONDS,
            name=f"export-{export_id}",
        ):
            delegation_export_write(export=export)
    except TRANSIENT_ERRORS:
        alive.update(state=ExportState.QUEUED)
        raise
    except SoftTimeLimitExceeded:
        delegation_export_fail(export_id=export_id, reason=_("The export took longer than the time allowed."))
    except Exception as error:  # noqa: BLE001 - every other failure is recorded, never lost
        logger.exception("Export %s failed", export_id)
        delegation_export_fail(export_id=export_id, reason=f"{type(error).__name__}: {error}")
    return DelegationExport.objects.values_list("state", flat=True).get(pk=export_id)


def delegation_export_fail(*, export_id: int, reason: str) -> None:
    """Mark an export failed with the reason its page shows."""
    with transaction.atomic():
        DelegationExport.objects.filter(pk=export_id).update(
            state=ExportState.FAILED, failure_reason=reason[:2000], finished_at=timezone.now()
        )
        _finished_notify(DelegationExport.objects.filter(pk=export_id))


def delegation_exports_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send lost exports again, take them back from dead workers (fail them after too many), delete old files.

    Every change is a conditional UPDATE, so a worker that wakes up meanwhile changes nothing twice.
    """
    now = now or timezone.now()
    dead = DelegationExport.objects.filter(dead_worker_condition(now))
    reason = _("Workers stopped %(count)d times while writing this export.") % {"count": settings.REPORT_MAX_ATTEMPTS}
    giving_up = list(dead.filter(attempts__gte=settings.REPORT_MAX_ATTEMPTS).values_list("pk", flat=True))
    with transaction.atomic():
        # The condition is checked again in the UPDATE: a worker that woke up meanwhile keeps its export.
        failed = dead.filter(pk__in=giving_up).update(state=ExportState.FAILED, failure_reason=reason, finished_at=now)
        if failed:
            _finished_notify(
                DelegationExport.objects.filter(pk__in=giving_up, state=ExportState.FAILED, finished_at=now)
            )
    taken_back = dead.update(state=ExportState.QUEUED, dispatched_at=None)
    ids = list(DelegationExport.objects.filter(lost_condition(now)).values_list("pk", flat=True))
    for export_id in ids:
        _dispatch(export_id)
    return {"sent_again": len(ids), "taken_back": taken_back, "failed": failed, "deleted": _old_deleted(now)}


def _old_deleted(now: datetime.datetime) -> int:
    """Delete finished exports (and their files) older than DELEGATION_EXPORT_KEEP_DAYS."""
    old = DelegationExport.objects.filter(
        state__in=(ExportState.DONE, ExportState.FAILED),
        finished_at__lt=now - datetime.timedelta(days=settings.DELEGATION_EXPORT_KEEP_DAYS),
    )
    count = 0
    for export in old:
        if export.file:
            export.file.delete(save=False)
        export.delete()
        count += 1
    return count
