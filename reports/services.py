"""Writes for compiled reports: request a report, compile it, and the jobs the schedule runs.

"The same request" is the same reporting period (or, without one, the same date range) and the same
plan (or all plans in force): its fingerprint. Asking again while a version of it is queued, running
or done returns that version; "compile again" makes the next version and keeps the old ones; a
failed version never blocks a new request.
"""

import datetime
import hashlib
import logging

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from kombu.exceptions import OperationalError as BrokerOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from accounts.models import Department, User
from accounts.selectors import focal_point_header, focal_point_on
from core.formatting import date_vi
from delegations.models import Delegation
from notifications.choices import NotificationKind
from notifications.selectors import department_members, department_members_prefetch
from notifications.services import notification_send
from plans.choices import PeriodKind, PlanStatus
from plans.models import Plan, ReportingPeriod, Task, TaskProgress
from plans.selectors import tasks_with_progress
from plans.services import progress_reminders_deliver
from plans.workflow import NOT_SENT_STATES

from .annex import xlsx_render
from .choices import ReportKind, ReportState
from .documents import docx_render
from .drafts import body_texts, edited_content, paragraphs
from .heartbeat import heartbeat
from .models import CompiledReport, OverdueNotice
from .pdf import docx_to_pdf
from .permissions import may_request_reports
from .selectors import report_content

logger = logging.getLogger(__name__)

# Errors that pass by themselves (database or broker restarting): the task is retried, not failed.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError, BrokerOperationalError)
BROKER_ERRORS = (BrokerOperationalError, RedisConnectionError, RedisTimeoutError, ConnectionError, OSError)
# Periods whose deadline passed longer ago are history: the schedule does not compile them unasked.
AUTO_COMPILE_LOOKBACK_DAYS = 31


def report_fingerprint(*, period: ReportingPeriod | None, date_from, date_to, plan: Plan | None) -> str:
    """What identifies a request: the period, or the range without one, and the plan (or all plans)."""
    scope = f"period:{period.pk}" if period is not None else f"range:{date_from.isoformat()}:{date_to.isoformat()}"
    return hashlib.sha256(f"{scope}|plan:{plan.pk if plan else 'all'}".encode()).hexdigest()


def report_title(*, period: ReportingPeriod | None, date_from, date_to) -> str:
    """The summary line under "BÁO CÁO", in Vietnamese whatever the requester's language."""
    with translation.override("vi"):
        if period is not None:
            scope = period.label
        else:
            scope = _("from %(start)s to %(end)s") % {"start": date_vi(date_from), "end": date_vi(date_to)}
        # Mid-sentence, as the seed writes it: "… tỉnh Sơn La năm 2017 và 4 tháng đầu năm 2018".
        return _("Results of foreign affairs work of %(province)s province %(scope)s") % {
            "province": focal_point_on(timezone.localdate()).province_name,
            "scope": scope[:1].lower() + scope[1:],
        }


def _range(period, date_from, date_to) -> tuple[datetime.date, datetime.date]:
    if period is not None and (date_from or date_to):
        raise ValidationError(_("Choose either a reporting period or a date range, not both."))
    if period is not None:
        return period.start_date, period.end_date
    if date_from is None or date_to is None:
        raise ValidationError(_("Choose a reporting period or both ends of a date range."))
    if date_to < date_from:
        raise ValidationError(_("The end of the range cannot come before its start."))
    return date_from, date_to


@transaction.atomic
def report_request(
    *,
    period=None,
    date_from=None,
    date_to=None,
    plan=None,
    by: User | None = None,
    again: bool = False,
    dispatch: bool = True,
) -> CompiledReport:
    """Queue a report for a period or range and a plan (None: all in force); return it or the same request's.

    `again` makes a new version even when one is done. Compilation starts after the commit, unless
    `dispatch` is False (the caller compiles it itself). A version queued longer than the task's hard
    time limit lost its message (broker down at dispatch): it is dispatched again.
    Raises PermissionDenied when `by` may not compile reports, ValidationError on a bad range or plan.
    """
    if by is not None and not may_request_reports(by):
        raise PermissionDenied(_("You may not compile reports."))
    if plan is not None and plan.status == PlanStatus.DRAFT:
        raise ValidationError(_("A draft plan cannot be reported on."))
    date_from, date_to = _range(period, date_from, date_to)
    fingerprint = report_fingerprint(period=period, date_from=date_from, date_to=date_to, plan=plan)
    # The content of a done version runs to tens of megabytes at national scale: never read it here.
    same = CompiledReport.objects.filter(fingerprint=fingerprint).defer("content")
    current = same.exclude(state=ReportState.FAILED).order_by("-version").first()
    if current is not None and again and _worker_died(current, now=timezone.now()):
        # "Compile again" never hands back a version whose worker is gone: that one fails, a new one starts.
        report_fail(report_id=current.pk, reason=_("The worker compiling this version stopped."))
        current = None
    if current is not None and (not again or current.state in (ReportState.QUEUED, ReportState.RUNNING)):
        if dispatch and _lost_in_queue(current, now=timezone.now()):
            # report_claim is a conditional UPDATE: should the first message turn up after all, one of
            # the two deliveries compiles and the other does nothing.
            transaction.on_commit(lambda: _dispatch(current.pk), robust=True)
        return current
    version = (same.aggregate(last=Max("version"))["last"] or 0) + 1
    report = CompiledReport(
        kind=ReportKind.PERIODIC if period is not None and period.kind != PeriodKind.AD_HOC else ReportKind.AD_HOC,
        title=report_title(period=period, date_from=date_from, date_to=date_to),
        period=period,
        date_from=date_from,
        date_to=date_to,
        plan=plan,
        fingerprint=fingerprint,
        version=version,
        document_number=f"…/{focal_point_on(timezone.localdate()).document_symbol}",
        requested_by=by,
    )
    report.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            report.save()
    except IntegrityError:
        # Another request took this version between our read and our write: it is the same report.
        return same.get(version=version)
    if dispatch:
        # robust: a broker that is down must not turn the saved request into an error page.
        transaction.on_commit(lambda: _dispatch(report.pk), robust=True)
    return report


def _seconds_ago(now: datetime.datetime, setting: str) -> datetime.datetime:
    return now - datetime.timedelta(seconds=getattr(settings, setting))


def _lost_in_queue(report: CompiledReport, *, now: datetime.datetime) -> bool:
    """Queued, and its message went to the broker (or failed to) longer ago than a worker takes to start."""
    sent = report.dispatched_at or report.requested_at
    return report.state == ReportState.QUEUED and sent < _seconds_ago(now, "REPORT_REDISPATCH_AFTER_SECONDS")


def _worker_died(report: CompiledReport, *, now: datetime.datetime) -> bool:
    """Running, and its worker has not beaten for longer than a living worker ever stays silent."""
    seen = report.heartbeat_at or report.started_at
    return report.state == ReportState.RUNNING and (
        seen is None or seen < _seconds_ago(now, "REPORT_WORKER_DEAD_AFTER_SECONDS")
    )


def _dead_worker_condition(now: datetime.datetime) -> Q:
    dead = _seconds_ago(now, "REPORT_WORKER_DEAD_AFTER_SECONDS")
    return Q(state=ReportState.RUNNING) & (
        Q(heartbeat_at__lt=dead) | Q(heartbeat_at__isnull=True, started_at__lt=dead) | Q(started_at__isnull=True)
    )


def _dispatch(report_id: int) -> None:
    """Send the report to a worker; with the broker down it stays queued and the sweeper sends it later."""
    from .tasks import report_compile_task  # the task module imports this one

    CompiledReport.objects.filter(pk=report_id).update(dispatched_at=timezone.now())
    try:
        report_compile_task.delay(report_id)
    except BROKER_ERRORS:
        logger.warning("Broker unreachable: report %s stays queued until the sweeper sends it again.", report_id)


def reports_sweep(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Send again the queued reports whose message was lost; take back or fail those whose worker died.

    Returns how many were sent again, taken back and failed. Every change is a conditional UPDATE, so
    a worker that wakes up meanwhile, or a second sweeper, changes nothing twice.
    """
    now = now or timezone.now()
    dead = CompiledReport.objects.filter(_dead_worker_condition(now))
    reason = _("Workers stopped %(count)d times while compiling this report.") % {"count": settings.REPORT_MAX_ATTEMPTS}
    giving_up = list(dead.filter(attempts__gte=settings.REPORT_MAX_ATTEMPTS).values_list("pk", flat=True))
    # The condition is checked again in the UPDATE: a worker that woke up meanwhile keeps its report.
    failed = dead.filter(pk__in=giving_up).update(state=ReportState.FAILED, failure_reason=reason, finished_at=now)
    if failed:
        _finished_notify(CompiledReport.objects.filter(pk__in=giving_up, state=ReportState.FAILED).defer("content"))
    taken_back = dead.update(state=ReportState.QUEUED, dispatched_at=None)
    waiting = _seconds_ago(now, "REPORT_REDISPATCH_AFTER_SECONDS")
    never_sent = Q(dispatched_at__isnull=True) & (Q(requested_at__lt=waiting) | Q(attempts__gt=0))
    lost = CompiledReport.objects.filter(Q(dispatched_at__lt=waiting) | never_sent, state=ReportState.QUEUED)
    ids = list(lost.values_list("pk", flat=True))
    for report_id in ids:
        _dispatch(report_id)
    return {"sent_again": len(ids), "taken_back": taken_back, "failed": failed}


def report_compile(*, report: CompiledReport) -> CompiledReport:
    """Gather the content, render and store the files, mark the report done. Raises what rendering raises.

    A new version takes over the edits of the version before it; each keeps the data-built text it
    started from, so the draft page shows where the data changed since.
    """
    today = timezone.localdate()
    # The report is issued today: it carries the header of the focal point in charge today.
    issuer = focal_point_header(focal_point_on(today))
    report.document_number = f"…/{issuer['document_symbol']}"
    with translation.override("vi"):
        report.content = {**report_content(report=report), "issuer": issuer}
    if not report.edits:
        earlier = CompiledReport.objects.filter(fingerprint=report.fingerprint, version__lt=report.version)
        report.edits = (earlier.exclude(edits={}).order_by("-version").values_list("edits", flat=True).first()) or {}
    _render_files(report)
    report.state = ReportState.DONE
    report.failure_reason = ""
    report.finished_at = timezone.now()
    fields = ["docx_file", "xlsx_file", "pdf_file", "content", "edits", "document_number", "state"]
    report.save(update_fields=[*fields, "failure_reason", "finished_at"])
    _finished_notify([report])
    return report


def table_rows(content: dict) -> int:
    """How many table rows the report prints, body and phụ lục together."""
    sections = [*content.get("sections", []), *content.get("annex", [])]
    return sum(
        len(block["rows"])
        for section in sections
        for block in section.get("blocks", [])
        if block.get("type") == "table"
    )


def _pdf_wanted(content: dict) -> bool:
    """A PDF unless switched off or the tables run past REPORT_PDF_MAX_TABLE_ROWS.

    LibreOffice lays a 20,000-row phụ lục out for minutes and past its time limit, holding the worker
    for nothing; such a report keeps its Word and Excel files, which the list offers.
    """
    if not settings.REPORT_PDF:
        return False
    rows = table_rows(content)
    if rows > settings.REPORT_PDF_MAX_TABLE_ROWS:
        logger.info("No PDF: %d table rows, more than REPORT_PDF_MAX_TABLE_ROWS.", rows)
        return False
    return True


def _render_files(report: CompiledReport) -> None:
    """Write the report's .docx, .xlsx and (with LibreOffice) .pdf from its content and edits; not saved."""
    content = edited_content(report.content or {}, report.edits)
    number = report.signed_number or report.document_number
    with translation.override("vi"):
        # The date line is the signing date: blank until the specialist sets it.
        docx = docx_render(content=content, document_number=number, issued_on=report.signed_on)
        xlsx = xlsx_render(content=content)
    name = f"bao-cao-{report.pk}-v{report.version}"
    report.docx_file.save(f"{name}.docx", ContentFile(docx), save=False)
    report.xlsx_file.save(f"{name}.xlsx", ContentFile(xlsx), save=False)
    pdf = docx_to_pdf(docx) if _pdf_wanted(content) else None
    if pdf is not None:
        report.pdf_file.save(f"{name}.pdf", ContentFile(pdf), save=False)


@transaction.atomic
def report_draft_save(
    *, report: CompiledReport, texts: dict[str, str], signed_number: str, signed_on, by: User
) -> CompiledReport:
    """Keep the specialist's text of each body section (a text equal to the data's is no edit) and the
    number and date set at signing. Raises PermissionDenied for those who may not compile reports,
    ValidationError when the report is not done."""
    if not may_request_reports(by):
        raise PermissionDenied(_("You may not edit reports."))
    report = CompiledReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.DONE:
        raise ValidationError(_("Only a compiled report can be edited."))
    data = body_texts(report.content or {})
    edits = {}
    for key, text in texts.items():
        if key not in data:
            continue
        earlier = report.edits.get(key, {})
        if paragraphs(text) != paragraphs(data[key]):
            # An edit kept from an earlier version keeps the base it was written on.
            base = (
                earlier.get("base", data[key]) if paragraphs(text) == paragraphs(earlier.get("text", "")) else data[key]
            )
            edits[key] = {"text": text, "base": base}
    report.edits, report.signed_number, report.signed_on = edits, signed_number.strip(), signed_on
    report.save(update_fields=["edits", "signed_number", "signed_on"])
    return report


@transaction.atomic
def report_finalise(*, report: CompiledReport, by: User) -> CompiledReport:
    """Produce the files from the edited draft, with the number and date set at signing.

    Raises PermissionDenied for those who may not compile reports, ValidationError when not done.
    """
    if not may_request_reports(by):
        raise PermissionDenied(_("You may not finalise reports."))
    report = CompiledReport.objects.select_for_update().get(pk=report.pk)
    if report.state != ReportState.DONE:
        raise ValidationError(_("Only a compiled report can be finalised."))
    _render_files(report)
    report.finalised_at = timezone.now()
    report.save(update_fields=["docx_file", "xlsx_file", "pdf_file", "finalised_at"])
    return report


def report_claim(*, report_id: int) -> CompiledReport | None:
    """Move a queued report to running and return it; None when another delivery has it or it is finished.

    A running report whose worker stopped beating lost its worker: it may be claimed again.
    """
    now = timezone.now()
    claimable = Q(state=ReportState.QUEUED) | _dead_worker_condition(now)
    claimed = CompiledReport.objects.filter(claimable, pk=report_id).update(
        state=ReportState.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1, failure_reason=""
    )
    # Its content is about to be compiled anew: do not read the old one.
    return CompiledReport.objects.defer("content").get(pk=report_id) if claimed else None


def report_run(*, report_id: int) -> str:
    """Compile a claimed report, recording failure with its reason; return the final state.

    Raises the TRANSIENT_ERRORS (after putting the report back in the queue) so that the task retries.
    """
    report = report_claim(report_id=report_id)
    if report is None:
        return "skipped"
    try:
        with heartbeat(report_id):
            report_compile(report=report)
    except TRANSIENT_ERRORS:
        CompiledReport.objects.filter(pk=report_id).update(state=ReportState.QUEUED)
        raise
    except SoftTimeLimitExceeded:
        report_fail(report_id=report_id, reason=_("The report took longer than the time allowed."))
    except Exception as error:  # noqa: BLE001 - every other failure is recorded, never lost
        logger.exception("Report %s failed", report_id)
        report_fail(report_id=report_id, reason=f"{type(error).__name__}: {error}")
    return CompiledReport.objects.values_list("state", flat=True).get(pk=report_id)


def report_fail(*, report_id: int, reason: str) -> None:
    """Mark a report failed with the reason shown on the list. Raises only the database's errors."""
    CompiledReport.objects.filter(pk=report_id).update(
        state=ReportState.FAILED, failure_reason=reason[:2000], finished_at=timezone.now()
    )
    _finished_notify(CompiledReport.objects.filter(pk=report_id).defer("content"))


def _finished_notify(reports) -> None:
    """Tell whoever asked for each report that it is done or failed (the schedule's reports: nobody)."""
    for report in reports:
        if report.requested_by_id is None:
            continue
        done = report.state == ReportState.DONE
        notification_send(
            recipients=User.objects.filter(pk=report.requested_by_id),
            kind=NotificationKind.REPORT_DONE if done else NotificationKind.REPORT_FAILED,
            params={"title": report.title, "version": report.version, "reason": report.failure_reason[:500]},
            link=reverse("reports:report_preview" if done else "reports:report_list", args=[report.pk] if done else []),
        )


def reports_compile_due(*, today: datetime.date | None = None) -> list[CompiledReport]:
    """Request the all-plans report of every periodic period whose deadline passed lately; return the new ones.

    A period whose all-plans report is queued, running or done keeps it (report_request is idempotent per
    request); a one-plan report or a failed one does not stand in for it.
    """
    today = today or timezone.localdate()
    started = timezone.now()
    periods = (
        ReportingPeriod.objects.exclude(kind=PeriodKind.AD_HOC)
        .filter(deadline__lt=today, deadline__gte=today - datetime.timedelta(days=AUTO_COMPILE_LOOKBACK_DAYS))
        .order_by("deadline", "pk")
    )
    requested = [report_request(period=period) for period in periods]
    return [report for report in requested if report.requested_at >= started]


def reports_remind(*, today: datetime.date | None = None) -> int:
    """Remind departments that owe entries, REPORT_REMINDER_DAYS_BEFORE days before a deadline and the day after it.

    Returns how many reminders went out. Raises nothing but the mail backend's errors.
    """
    today = today or timezone.localdate()
    ahead = today + datetime.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)
    passed = today - datetime.timedelta(days=1)
    periods = ReportingPeriod.objects.filter(deadline__in=[ahead, passed]).order_by("deadline", "pk")
    return sum(progress_reminders_deliver(period=period) for period in periods)


@transaction.atomic
def overdue_notices_send(*, today: datetime.date | None = None) -> int:
    """Tell lead departments, once, of their overdue tasks and late post-trip reports; return how many notices.

    The department's staff and heads get the notice in the portal; its mailbox and their addresses
    the e-mail, after the commit. Overdue is computed from dates each day; only the fact that the
    notice went out is stored.
    """
    today = today or timezone.localdate()
    tasks = _overdue_tasks(today)
    delegations = _late_delegation_reports(today)
    with translation.override(settings.LANGUAGE_CODE):
        for task in tasks:
            _department_notify(
                task.lead_department,
                kind=NotificationKind.TASK_OVERDUE,
                params={"task": task.content[:300], "deadline": date_vi(task.deadline) if task.deadline else ""},
                link=reverse("plans:task_detail", args=[task.pk]),
            )
        for delegation in delegations:
            _department_notify(
                delegation.department,
                kind=NotificationKind.DELEGATION_REPORT_LATE,
                params={"title": delegation.title, "end": date_vi(delegation.end_date)},
                link=reverse("delegations:delegation_detail", args=[delegation.pk]),
            )
    notices = [OverdueNotice(subject=OverdueNotice.Subject.TASK, object_id=row.pk) for row in tasks]
    notices += [OverdueNotice(subject=OverdueNotice.Subject.DELEGATION_REPORT, object_id=row.pk) for row in delegations]
    OverdueNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return len(notices)


def _department_notify(department: Department | None, **notice) -> None:
    if department is not None:
        notification_send(recipients=department_members(department), extra_emails=[department.email], **notice)


def _overdue_tasks(today: datetime.date) -> list[Task]:
    noticed = OverdueNotice.objects.filter(subject=OverdueNotice.Subject.TASK).values("object_id")
    in_force = Plan.objects.in_force_on(today)
    tasks = Task.objects.filter(area__plan__in=in_force.values("pk")).exclude(pk__in=noticed)
    entries = TaskProgress.objects.exclude(state__in=NOT_SENT_STATES)
    tasks = tasks_with_progress(tasks=tasks, entries=entries, today=today).filter(task_overdue=True)
    departments = Department.objects.prefetch_related(department_members_prefetch())
    return list(tasks.select_related("area").prefetch_related(Prefetch("lead_department", queryset=departments)))


def _late_delegation_reports(today: datetime.date) -> list[Delegation]:
    noticed = OverdueNotice.objects.filter(subject=OverdueNotice.Subject.DELEGATION_REPORT).values("object_id")
    late = Delegation.objects.with_report_overdue(today=today).filter(report_overdue=True).exclude(pk__in=noticed)
    departments = Department.objects.prefetch_related(department_members_prefetch())
    return list(late.prefetch_related(Prefetch("department", queryset=departments)))
