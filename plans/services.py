"""Writes to plans that carry a business rule."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, ProtectedError, Q, QuerySet, Sum
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.choices import Role, SuccessionKind
from accounts.models import Department, DepartmentSuccession, User
from accounts.permissions import is_reviewer, reports_for_department
from core.history import record_author
from notifications.choices import NotificationKind
from notifications.selectors import department_members, department_members_prefetch
from notifications.services import notification_send

from .attachments import attachment_check
from .choices import PlanStatus, TaskRole, WorkflowState
from .models import (
    Plan,
    ProgressAttachment,
    ProgressTargetValue,
    ReminderLog,
    ReportingPeriod,
    Task,
    TaskArea,
    TaskHandover,
    TaskProgress,
    TaskTarget,
)
from .obligation_builds import obligations_changed
from .periods import add_working_days, windows_of_year
from .selectors import carried_entry, departments_not_submitted
from .signals import department_succeeded
from .workflow import TRANSITIONS, may_edit_progress

PROGRESS_FIELDS = ("status", "percent_done", "results", "difficulties", "proposals")


class ProgressConflict(Exception):
    """Someone saved the entry after the caller read it; `current` is the entry as it stands now."""

    def __init__(self, current: TaskProgress):
        super().__init__("stale progress entry")
        self.current = current

    def who_and_when(self) -> dict:
        """The user who saved the entry last and when (local, short format), for the message shown."""
        return {
            "user": self.current.updated_by or _("another user"),
            "time": formats.date_format(timezone.localtime(self.current.updated_at), "SHORT_DATETIME_FORMAT"),
        }


def _period_of(window) -> ReportingPeriod:
    """The unsaved period of a reporting window, its deadline REPORT_DEADLINE_WORKING_DAYS working days later."""
    period = ReportingPeriod(
        kind=window.kind,
        year=window.year,
        sequence=window.sequence,
        start_date=window.start_date,
        end_date=window.end_date,
        deadline=add_working_days(window.end_date, settings.REPORT_DEADLINE_WORKING_DAYS),
    )
    period.full_clean(validate_unique=False, validate_constraints=False)
    return period


@transaction.atomic
def reporting_periods_generate(*, year: int) -> list[ReportingPeriod]:
    """Create (or bring up to date) every periodic reporting period of a year.

    Running it again changes nothing unless the settings changed: a period already as it should be is
    not saved, since every save of a period outdates the stored obligations of every period
    (plans.obligation_builds). Raises ValidationError on an invalid year.
    """
    existing = {(period.kind, period.sequence): period for period in ReportingPeriod.objects.filter(year=year)}
    periods = []
    for window in windows_of_year(year, nine_monthly=settings.REPORT_NINE_MONTH_PERIOD):
        wanted = _period_of(window)
        period = existing.get((wanted.kind, wanted.sequence))
        dates = {"start_date": wanted.start_date, "end_date": wanted.end_date, "deadline": wanted.deadline}
        if period is None:
            period = wanted
            period.save()
        elif any(getattr(period, name) != value for name, value in dates.items()):
            for name, value in dates.items():
                setattr(period, name, value)
            period.save(update_fields=list(dates))
        periods.append(period)
    return periods


@transaction.atomic
def reporting_periods_create_missing(*, years) -> list[ReportingPeriod]:
    """Create the periodic reporting periods of the given years that do not exist yet; return those created.

    Periods that exist are left as they are (a deadline moved by hand stays moved), so the daily
    job may run any number of times.
    """
    created = []
    for year in years:
        existing = set(ReportingPeriod.objects.filter(year=year).values_list("kind", "sequence"))
        for window in windows_of_year(year, nine_monthly=settings.REPORT_NINE_MONTH_PERIOD):
            if (window.kind, window.sequence) not in existing:
                period = _period_of(window)
                period.save()
                created.append(period)
    return created


def _current(pk: int) -> TaskProgress:
    return TaskProgress.objects.select_related("updated_by").get(pk=pk)


def _claim_version(progress: TaskProgress, expected_version: int) -> None:
    """Move the row to the next version only if it is still at expected_version (compare and swap).

    The UPDATE takes the row's write lock on every database, so of two concurrent saves exactly one
    wins; the other raises ProgressConflict with the winner's entry.
    """
    claimed = TaskProgress.objects.filter(pk=progress.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise ProgressConflict(_current(progress.pk))
    progress.version = expected_version + 1


def _record(progress: TaskProgress, *, by: User, step: str) -> None:
    """Save the entry with the user and the step in its history record."""
    progress.updated_by = by
    record_author(progress, by)
    progress._change_reason = step  # type: ignore[attr-defined]  # read by django-simple-history
    progress.save()


def _entry_for(*, task: Task, period: ReportingPeriod, department: Department, by: User) -> TaskProgress:
    existing = TaskProgress.objects.filter(task=task, period=period, department=department).first()
    if existing is not None:
        if not may_edit_progress(by, existing):
            raise PermissionDenied(_("This progress entry cannot be changed now."))
        return existing
    if not (reports_for_department(by) and by.department_id == department.pk):
        raise PermissionDenied(_("Only the department's staff may report its progress."))
    return TaskProgress(task=task, period=period, department=department, state=WorkflowState.DRAFT)


@transaction.atomic
def progress_save_draft(
    *,
    task: Task,
    period: ReportingPeriod,
    department: Department,
    by: User,
    data: dict,
    expected_version: int,
    target_values: dict | None = None,
    files=(),
    carried_from: TaskProgress | None = None,
) -> TaskProgress:
    """Create or update a department's entry with its achieved values and new attachments, all or nothing.

    expected_version is the version the caller read (0 for an entry not created yet). `carried_from`
    is the department's earlier entry a new entry started from (carry-forward). Raises
    PermissionDenied unless the user may edit the entry now, ProgressConflict when someone saved it
    since, ValidationError on invalid values or files.
    """
    progress = _entry_for(task=task, period=period, department=department, by=by)
    for field in PROGRESS_FIELDS:
        if field in data:
            setattr(progress, field, data[field])
    if progress.pk is None and carried_from is not None:
        progress.carried_from = _carried_check(carried_from, task=task, period=period, department=department)
    progress.confirmed_unchanged = False  # a saved form is the department's own word for this period
    progress.full_clean(exclude=["updated_by"], validate_unique=False)
    checked = [(upload, attachment_check(upload)) for upload in files]
    if progress.pk is None:
        _create(progress, by=by, step="save")
    else:
        _claim_version(progress, expected_version)
        _record(progress, by=by, step="save")
    _save_target_values(progress, target_values or {}, by=by)
    _check_attachment_room(progress, [upload for upload, _mime in checked])
    for upload, mime_type in checked:
        _attach(progress, upload, mime_type, by=by)
    return progress


@transaction.atomic
def progress_save_and_submit(*, by: User, **values) -> TaskProgress:
    """Save the entry as progress_save_draft does, then submit it, in one transaction.

    Raises as progress_save_draft and progress_transition; on any error nothing is saved.
    """
    progress = progress_save_draft(by=by, **values)
    return progress_transition(progress=progress, by=by, step="submit")


def _carried_check(earlier: TaskProgress, *, task: Task, period: ReportingPeriod, department: Department):
    if (earlier.task_id, earlier.department_id) != (task.pk, department.pk) or earlier.period_id == period.pk:
        raise ValidationError(_("An entry can only be carried over from the department's earlier entry on the task."))
    return earlier


@transaction.atomic
def progress_confirm_unchanged(
    *, task: Task, period: ReportingPeriod, department: Department, by: User
) -> TaskProgress:
    """Submit, in one step, the department's entry for the period as its latest earlier entry stands.

    Status, percent done, results and achieved values are copied from that entry; the history
    records the step as "unchanged". Raises ValidationError when there is no earlier entry, and as
    progress_save_draft and progress_transition otherwise; on any error nothing is saved.
    """
    earlier = carried_entry(task=task, department_id=department.pk, period=period)
    if earlier is None:
        raise ValidationError(_("There is no earlier entry to confirm: fill in the form."))
    progress = _entry_for(task=task, period=period, department=department, by=by)
    for field in TaskProgress.CARRIED_FIELDS:
        setattr(progress, field, getattr(earlier, field))
    progress.carried_from, progress.confirmed_unchanged = earlier, True
    progress.full_clean(exclude=["updated_by"], validate_unique=False)
    if progress.pk is None:
        _create(progress, by=by, step="unchanged")
    else:
        _claim_version(progress, progress.version)
        _record(progress, by=by, step="unchanged")
    achieved = {value.target_id: value.achieved_value for value in earlier.target_values.all()}
    _save_target_values(progress, {target.pk: achieved.get(target.pk) for target in task.targets.all()}, by=by)
    return progress_transition(progress=progress, by=by, step="submit")


def _create(progress: TaskProgress, *, by: User, step: str) -> None:
    """Insert a new entry; raise ProgressConflict when another member of the department created it first."""
    try:
        with transaction.atomic():
            _record(progress, by=by, step=step)
    except IntegrityError:
        existing = TaskProgress.objects.get(task=progress.task, period=progress.period, department=progress.department)
        raise ProgressConflict(_current(existing.pk)) from None


def _save_target_values(progress: TaskProgress, values: dict, *, by: User) -> None:
    """Store the achieved value of each of the task's targets; an empty value removes it."""
    targets = {target.pk: target for target in progress.task.targets.all()}
    existing = {value.target_id: value for value in progress.target_values.all()}
    for target_id, achieved in values.items():
        if target_id not in targets:
            raise ValidationError(_("This target does not belong to the task."))
        value = existing.get(target_id)
        if achieved is None:
            if value is not None:
                record_author(value, by)
                value.delete()
            continue
        if value is not None and value.achieved_value == achieved:
            continue  # unchanged: no history record
        value = value or ProgressTargetValue(progress=progress, target_id=target_id)
        value.achieved_value = achieved
        value.full_clean(exclude=["progress", "target"], validate_unique=False)
        record_author(value, by)
        value.save()


def _check_attachment_room(progress: TaskProgress, uploads: list) -> None:
    """Refuse files past the entry's caps on their number and total size. Raises ValidationError.

    Called after the entry's version was claimed (or the entry created) in this transaction, so the
    row is locked: two uploads at once cannot both pass the count.
    """
    if not uploads:
        return
    held = progress.attachments.aggregate(count=Count("pk"), size=Sum("size"))
    count, size = held["count"] + len(uploads), (held["size"] or 0) + sum(upload.size for upload in uploads)
    if count > settings.PROGRESS_ATTACHMENT_MAX_COUNT:
        raise ValidationError(
            _("An entry holds at most %(max)d files; it has %(held)d and you added %(added)d.")
            % {"max": settings.PROGRESS_ATTACHMENT_MAX_COUNT, "held": held["count"], "added": len(uploads)}
        )
    if size > settings.PROGRESS_ATTACHMENT_MAX_TOTAL_BYTES:
        raise ValidationError(
            _("The files of an entry may add up to at most %(max)s; with these they would be %(size)s.")
            % {
                "max": filesizeformat(settings.PROGRESS_ATTACHMENT_MAX_TOTAL_BYTES),
                "size": filesizeformat(size),
            }
        )


def _attach(progress: TaskProgress, upload, mime_type: str, *, by: User) -> None:
    attachment = ProgressAttachment(
        progress=progress,
        file=upload,
        original_name=upload.name[:255],
        content_type=mime_type,
        size=upload.size,
        uploaded_by=by,
    )
    record_author(attachment, by)
    attachment.save()


@transaction.atomic
def progress_attachment_delete(*, attachment: ProgressAttachment, by: User) -> None:
    """Remove a file from an entry its department may still edit, recording who removed it.

    Raises PermissionDenied unless the user may edit the entry now.
    """
    if not may_edit_progress(by, attachment.progress):
        raise PermissionDenied(_("This progress entry cannot be changed now."))
    stored = attachment.file
    record_author(attachment, by)
    attachment.delete()
    # Remove the file only once the row is gone for good.
    if stored.name:
        name = stored.name
        transaction.on_commit(lambda: stored.storage.delete(name))


@transaction.atomic
def progress_transition(
    *, progress: TaskProgress, by: User, step: str, comment: str = "", expected_version: int | None = None
) -> TaskProgress:
    """Take a workflow step (submit, approve, accept, return) on an entry, recording who, when and why.

    Raises PermissionDenied when the user's role or department may not take the step,
    ValidationError when the entry's state does not allow it or a return has no comment,
    ProgressConflict when expected_version is given and the entry has moved on.
    """
    transition = TRANSITIONS[step]
    progress = TaskProgress.objects.select_related("task").get(pk=progress.pk)
    if not transition.allowed(by, progress):
        raise PermissionDenied(_("You may not take this step on this entry."))
    if expected_version is not None and progress.version != expected_version:
        raise ProgressConflict(_current(progress.pk))
    if progress.state not in transition.sources:
        raise ValidationError(
            _("This step is not possible while the entry is “%(state)s”.") % {"state": progress.get_state_display()}
        )
    comment = (comment or "").strip()
    if transition.needs_comment and not comment:
        raise ValidationError({"comment": _("Say why the entry is returned.")})
    _claim_version(progress, progress.version)
    progress.state = transition.target
    if step in ("accept", "return"):
        progress.review_comment = comment
    if step == "submit":
        progress.submitted_at = timezone.now()
    if step == "accept":
        progress.accepted_at = timezone.now()
    _record(progress, by=by, step=step)
    _progress_notify(progress, step=step, by=by)
    return progress


# Who in the entry's department hears of each step: the staff who write entries, and for the
# last step their head too. Submitting tells nobody: the head sees it in the review.
STEP_NOTICES = {
    "return": (NotificationKind.PROGRESS_RETURNED, (Role.STAFF,)),
    "approve": (NotificationKind.PROGRESS_APPROVED, (Role.STAFF,)),
    "accept": (NotificationKind.PROGRESS_ACCEPTED, (Role.STAFF, Role.HEAD)),
}


def _progress_notify(progress: TaskProgress, *, step: str, by: User) -> None:
    if step not in STEP_NOTICES:
        return
    kind, roles = STEP_NOTICES[step]
    recipients = User.objects.filter(department_id=progress.department_id, role__in=roles, is_active=True).exclude(
        pk=by.pk
    )
    with translation.override(settings.LANGUAGE_CODE):
        params = {
            "task": progress.task.content[:300],
            "period": progress.period.label,
            "by": str(by.get_full_name() or by.username),
            "comment": progress.review_comment,
        }
    link = reverse("plans:task_detail", args=[progress.task_id]) + f"#progress-{progress.pk}"
    notification_send(recipients=recipients, kind=kind, params=params, link=link)


@transaction.atomic
def progress_bulk_accept(*, period: ReportingPeriod, progress_ids, by: User) -> tuple[int, int]:
    """Accept the approved entries among progress_ids of the period; return (accepted, skipped).

    Raises PermissionDenied unless the user reviews progress.
    """
    if not is_reviewer(by):
        raise PermissionDenied(_("You may not accept progress."))
    # Lock in primary-key order so two reviewers accepting in bulk cannot deadlock.
    entries = TaskProgress.objects.filter(period=period, pk__in=progress_ids, state=WorkflowState.APPROVED)
    accepted = 0
    for entry in entries.order_by("pk"):
        progress_transition(progress=entry, by=by, step="accept")
        accepted += 1
    return accepted, len(set(progress_ids)) - accepted


def progress_reminders_send(*, period: ReportingPeriod, by: User) -> int:
    """Remind every department that still owes entries for the period; return how many were reminded.

    Raises PermissionDenied unless the user reviews progress.
    """
    if not is_reviewer(by):
        raise PermissionDenied(_("You may not send reminders."))
    return progress_reminders_deliver(period=period, by=by)


@transaction.atomic
def progress_reminders_deliver(*, period: ReportingPeriod, by: User | None = None) -> int:
    """Remind every department that still owes entries for the period, and log who was reminded.

    Each department's staff and heads get the notice in the portal; its mailbox and their addresses
    (where they did not turn reminders off) get the e-mail after the commit. `by` is the user who
    sent the reminders, None for the schedule. Returns how many departments were reminded.
    """
    with_members = Department.objects.prefetch_related(department_members_prefetch())
    departments = departments_not_submitted(period=period, departments=with_members)
    reminded, recipients = [], []
    for department in departments:
        members = department_members(department)
        if not (department.email or members):
            continue  # nobody to tell
        notification_send(
            recipients=members,
            kind=NotificationKind.REMINDER,
            params=_reminder_params(department, period),
            link=f"{reverse('plans:my_work')}?period={period.pk}",
            extra_emails=[department.email],
        )
        reminded.append(department)
        recipients += members
    if reminded:
        log = ReminderLog.objects.create(period=period, sent_by=by)
        log.departments.set(reminded)
        log.recipients.set(recipients)
    return len(reminded)


def _reminder_params(department: Any, period: ReportingPeriod) -> dict:  # annotated by review_counts
    with translation.override(settings.LANGUAGE_CODE):
        return {
            "department": department.name,
            "period": period.label,
            "missing": department.count_missing,
            "draft": department.count_draft,
            "returned": department.count_returned,
            "deadline": period.deadline.strftime("%d/%m/%Y"),
        }


# --- Plans and their parts: the one write path of the API, the admin and the demo ------------------

LEAD_NOT_COORDINATING = gettext_lazy(
    "The lead department cannot also coordinate the task: it reports once, as the lead department."
)
PLAN_PARTS = (Plan, TaskArea, Task, TaskTarget, ReportingPeriod)


class PlanPartInUse(ValidationError):
    """A plan, area, task, target or period that reported progress depends on: it stays."""


def task_departments_check(*, lead: Department | None, coordinating) -> None:
    """Raise ValidationError (on coordinating_departments) when the lead department also coordinates."""
    if lead is not None and lead in list(coordinating):
        raise ValidationError({"coordinating_departments": [LEAD_NOT_COORDINATING]})


@transaction.atomic
def plan_part_save(*, instance, by: User | None = None, coordinating=None):
    """Validate and store a new or changed plan, area, task, target or period; return it.

    For a task, `coordinating` (when given) replaces its coordinating departments. Every model
    rule and constraint is checked before anything is written. Raises ValidationError.
    """
    if not isinstance(instance, PLAN_PARTS):
        raise TypeError(f"{type(instance).__name__} is not a part of a plan")
    instance.full_clean()
    if isinstance(instance, Task):
        current = coordinating if coordinating is not None else _current_coordinating(instance)
        task_departments_check(lead=instance.lead_department, coordinating=current)
    record_author(instance, by)
    instance.save()
    if isinstance(instance, Task) and coordinating is not None:
        instance.coordinating_departments.set(coordinating)
    return instance


@transaction.atomic
def plan_status_change(
    *, plan: Plan, status: str, on: datetime.date, replaced_by: Plan | None = None, by: User | None = None
) -> Plan:
    """Put a plan in force from `on`, or close it or mark it replaced with `on` as its first day out of force.

    Closing and replacing set `in_force_to` to the day before `on`; replacing names the successor,
    which must not be the plan itself or a draft. Raises ValidationError with the reasons.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if status == PlanStatus.IN_FORCE:
        plan.in_force_from, plan.in_force_to, plan.replaced_by = on, None, None
    elif status in (PlanStatus.CLOSED, PlanStatus.REPLACED):
        plan.in_force_to = on - datetime.timedelta(days=1)
        plan.replaced_by = replaced_by if status == PlanStatus.REPLACED else None
        if replaced_by is not None and replaced_by.status == PlanStatus.DRAFT:
            raise ValidationError({"replaced_by": _("A plan still in draft cannot replace one in force.")})
    else:
        raise ValidationError({"status": _("Choose in force, closed or replaced.")})
    plan.status = status
    return plan_part_save(instance=plan, by=by)


def _current_coordinating(task: Task) -> list[Department]:
    return list(task.coordinating_departments.all()) if task.pk else []


@transaction.atomic
def plan_part_delete(*, instance, by: User | None = None) -> None:
    """Delete a plan, area, task, target or period. Raises PlanPartInUse when progress depends on it."""
    record_author(instance, by)
    try:
        with transaction.atomic():
            instance.delete()
    except ProtectedError:
        raise PlanPartInUse(
            _("This cannot be deleted: departments have reported progress on it. Nothing was deleted.")
        ) from None


# --- Bodies over time: a merger, split or renaming moves open work, never history ------------------

ENDED_PLAN_STATUSES = (PlanStatus.CLOSED, PlanStatus.REPLACED)


def open_tasks(*, departments, since: datetime.date) -> QuerySet[Task]:
    """Tasks still to be carried out on `since` or later that the departments lead or coordinate.

    A task is open when its plan is a draft (still being prepared), or in force on some day from
    `since` on (`Plan.in_force_during`) and neither closed nor replaced. Tasks of ended plans are
    history and keep their bodies.
    """
    in_force = Plan.objects.in_force_during(since, datetime.date.max).values("pk")
    plans = Plan.objects.exclude(status__in=ENDED_PLAN_STATUSES).filter(Q(status=PlanStatus.DRAFT) | Q(pk__in=in_force))
    involved = Q(lead_department__in=departments) | Q(coordinating_departments__in=departments)
    return Task.objects.filter(involved, area__plan__in=plans).distinct()


def _succession_check(
    *,
    predecessors: list[Department],
    heir: Department,
    others: list[Department],
    kind: str,
    effective_date: datetime.date,
) -> None:
    """Raise ValidationError with every reason the succession cannot be recorded."""
    errors = []
    successors = [heir, *others]
    if not predecessors:
        errors.append(_("Choose at least one body that ends."))
    if {body.pk for body in predecessors} & {body.pk for body in successors if body.pk}:
        errors.append(_("A body cannot succeed itself."))
    if len({body.pk or id(body) for body in successors}) != len(successors):
        errors.append(_("A successor is named twice."))
    errors += _succession_shape_errors(predecessors=predecessors, others=others, kind=kind)
    day_before = effective_date - datetime.timedelta(days=1)
    for body in predecessors:
        errors += _predecessor_errors(body, effective_date=effective_date, day_before=day_before)
    for body in successors:
        errors += _successor_errors(body, effective_date=effective_date)
    if errors:
        raise ValidationError(errors)


def _succession_shape_errors(*, predecessors: list[Department], others: list[Department], kind: str) -> list[str]:
    if kind == SuccessionKind.SPLIT:
        if len(predecessors) != 1 or not others:
            return [_("A split ends one body and names at least two successors.")]
    elif others:
        return [_("Only a split names more than one successor.")]
    if kind == SuccessionKind.RENAME and len(predecessors) != 1:
        return [_("A renaming ends exactly one body.")]
    return []


def _predecessor_errors(body: Department, *, effective_date: datetime.date, day_before: datetime.date) -> list[str]:
    errors = []
    names = {"body": body.name, "date": f"{effective_date:%d/%m/%Y}"}
    if body.valid_from is not None and body.valid_from >= effective_date:
        names["start"] = f"{body.valid_from:%d/%m/%Y}"
        errors.append(_("%(body)s begins on %(start)s: the change must take effect after that.") % names)
    if body.valid_to is not None and body.valid_to < day_before:
        names["end"] = f"{body.valid_to:%d/%m/%Y}"
        errors.append(_("%(body)s already ended on %(end)s, before %(date)s.") % names)
    if body.pk and body.successions.exists():
        errors.append(_("%(body)s has already passed its work on to another body.") % names)
    return errors


def _successor_errors(body: Department, *, effective_date: datetime.date) -> list[str]:
    names = {"body": body.name, "date": f"{effective_date:%d/%m/%Y}"}
    if body.pk is None:
        return []  # a new body: it begins on the effective date
    errors = []
    if not body.is_active:
        errors.append(_("%(body)s is inactive and cannot take over work.") % names)
    if not body.exists_on(effective_date):
        errors.append(_("%(body)s does not exist on %(date)s.") % names)
    return errors


@transaction.atomic
def department_succession_record(
    *,
    predecessors,
    successor: Department,
    kind: str,
    effective_date: datetime.date,
    legal_basis: str = "",
    other_successors=(),
    by: User | None = None,
) -> list[DepartmentSuccession]:
    """Record that bodies merged, split or were renamed on `effective_date`, and move their open work.

    Each predecessor ends the day before and becomes inactive. `successor` takes over the open tasks
    (as lead and as coordinating department) and the users of the predecessors; a new (unsaved)
    successor is created, beginning on `effective_date`. In a split, `other_successors` only get their
    succession row: the work they take is handed over by hand. Progress entries, compiled reports,
    delegations that took place and tasks of ended plans keep the body they had.
    Raises ValidationError with every reason the change cannot be recorded.
    """
    # Lock the ending bodies, in primary-key order, and check them as they are now: two people
    # recording changes of the same body at once cannot both pass the checks.
    locked = Department.objects.select_for_update().filter(pk__in=[body.pk for body in predecessors])
    predecessors, others = list(locked.order_by("pk")), list(other_successors)
    _succession_check(
        predecessors=predecessors, heir=successor, others=others, kind=kind, effective_date=effective_date
    )
    if successor.pk is None:
        successor.valid_from = effective_date
        successor.full_clean()
        successor.save()
    _predecessors_end(predecessors, day_before=effective_date - datetime.timedelta(days=1))
    # The heir's rows come first: where a body split, its earliest succession names the heir.
    successions = [
        DepartmentSuccession(
            predecessor=body, successor=later, kind=kind, effective_date=effective_date, legal_basis=legal_basis
        )
        for later in (successor, *others)
        for body in predecessors
    ]
    for succession in successions:
        succession.full_clean()
        succession.save()
    _open_tasks_move(predecessors, successor, since=effective_date, by=by)
    User.objects.filter(department__in=predecessors).update(department=successor)
    department_succeeded.send(
        sender=DepartmentSuccession,
        predecessors=predecessors,
        successor=successor,
        effective_date=effective_date,
        by=by,
    )
    return successions


def _predecessors_end(predecessors: list[Department], *, day_before: datetime.date) -> None:
    for body in predecessors:
        body.valid_to = day_before
        body.is_active = False
        body.full_clean()
        body.save(update_fields=["valid_to", "is_active"])


def _open_tasks_move(predecessors: list[Department], successor: Department, *, since: datetime.date, by) -> None:
    """Give each open task of the predecessors the successor, through the plans' one write path."""
    ended = {body.pk for body in predecessors}
    tasks = (
        open_tasks(departments=predecessors, since=since).order_by("pk").prefetch_related("coordinating_departments")
    )
    handovers = []
    for task in tasks:
        if task.lead_department_id in ended:
            handovers.append(_handover(task, TaskRole.LEAD, task.lead_department, successor, since))
            task.lead_department = successor
        coordinating = {body for body in task.coordinating_departments.all() if body.pk not in ended}
        for body in task.coordinating_departments.all():
            if body.pk in ended:
                handovers.append(_handover(task, TaskRole.COORDINATING, body, successor, since))
        if len(coordinating) < len(task.coordinating_departments.all()):
            coordinating.add(successor)
        # The successor may have coordinated a task it now leads: it reports once, as the lead.
        coordinating.discard(task.lead_department)
        plan_part_save(instance=task, by=by, coordinating=sorted(coordinating, key=lambda body: body.pk))
    # Kept so that periods before the date stay owed by the body that held the task then.
    obligations_changed()  # bulk_create sends no signals
    TaskHandover.objects.bulk_create(handovers)


def _handover(task: Task, role: str, earlier: Department, later: Department, since: datetime.date) -> TaskHandover:
    return TaskHandover(task=task, role=role, from_department=earlier, to_department=later, effective_date=since)
