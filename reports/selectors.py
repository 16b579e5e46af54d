"""Reads for compiled reports: who sees them, and the content of a report gathered in the database.

The content is one structure (sections of headings, paragraphs and tables) that three renderers
draw: the Word document, the Excel annex and the HTML preview. Figures come from the plans and
delegations selectors, never recounted here.

Counting rules, stated in the report too:
- Delegations count in the range by their start date (delegations.selectors.delegation_stats).
- Progress is cumulative, so it comes from one reporting period: the one asked for, or for a date
  range the latest period whose data window closes inside the range. Only entries the departments
  have sent count (submitted, approved or accepted); a task's state is its lead department's entry.
- Achieved values add up the parts every department sent for the period.
- Task figures are as of the end of the range, or today while the range runs on (as on the dashboard).

Tables and lists are plain lists of rows: the three renderers read them, and the content is stored
with the report, so they are held in memory once (benchmarks/test_report_memory.py measures it).
"""

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.formatting import date_vi, number_vi, percent_vi, to_roman
from core.typing import AnnotatedQuerySet
from delegations.choices import Direction
from delegations.models import Delegation
from delegations.selectors import country_name_vi, delegation_stats, delegation_stats_sentences
from plans.choices import COMPLETED_STATUSES, PlanStatus, ProgressStatus
from plans.models import Plan, ReportingPeriod, Task, TaskProgress, TaskTarget
from plans.selectors import department_timeliness, plans_visible_to, tasks_with_progress
from plans.workflow import NOT_SENT_STATES

from .models import CompiledReport
from .permissions import may_read_reports


def reportable_plans(*, user) -> QuerySet[Plan]:
    """Plans the user may compile a report on: those they may open, drafts excepted."""
    return plans_visible_to(user=user).exclude(status=PlanStatus.DRAFT)


def reports_visible_to(*, user) -> QuerySet[CompiledReport]:
    """Compiled reports the user may read, with what the list shows, in one query."""
    if not may_read_reports(user):
        return CompiledReport.objects.none()
    return CompiledReport.objects.select_related("requested_by", "period", "plan").defer("content")


def progress_period_for(*, period: ReportingPeriod | None, date_from, as_of) -> ReportingPeriod | None:
    """The period whose progress the report shows: the one asked for, or the latest closed inside the range by as_of."""
    if period is not None:
        return period
    inside = ReportingPeriod.objects.filter(end_date__gte=date_from, end_date__lte=as_of)
    # Among periods closing the same day, the longest window (a yearly report) sums up best.
    return inside.order_by("-end_date", "start_date").first()


def plans_in_scope(*, plan: Plan | None, date_from: datetime.date, date_to: datetime.date) -> QuerySet[Plan]:
    """The plan asked for, or every plan in force during the report's range (from its dates, not today's status)."""
    return Plan.objects.filter(pk=plan.pk) if plan is not None else Plan.objects.in_force_during(date_from, date_to)


def report_content(*, report: CompiledReport) -> dict:
    """Gather the report's sections in the database; call under translation.override("vi"). Raises nothing."""
    # A range that runs on into the future is reported as of today: nothing is overdue before its deadline.
    as_of = min(report.date_to, timezone.localdate())
    period = progress_period_for(period=report.period, date_from=report.date_from, as_of=as_of)
    plans = plans_in_scope(plan=report.plan, date_from=report.date_from, date_to=report.date_to)
    tasks = Task.objects.filter(area__plan__in=plans.values("pk"))
    sections = [
        _progress_section(tasks, period, as_of),
        _delegation_section(report.date_from, report.date_to),
        _target_section(tasks, period),
        _difficulty_section(tasks, period),
    ]
    return {
        "title": report.title,
        "date_from": report.date_from.isoformat(),
        "date_to": report.date_to.isoformat(),
        "progress_period": period.label if period else "",
        "sections": [{"number": to_roman(n), **section} for n, section in enumerate(sections, start=1)],
    }


def _heading(text: str) -> dict:
    return {"type": "heading", "text": text}


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def _table(sheet: str, columns: list[tuple[str, str]], rows) -> dict:
    """A table: columns are (label, kind) with kind text, number or percent; rows hold raw values."""
    return {
        "type": "table",
        "sheet": sheet,
        "columns": [label for label, _kind in columns],
        "kinds": [kind for _label, kind in columns],
        "rows": rows,
    }


def _sent(entries: QuerySet[TaskProgress]) -> QuerySet[TaskProgress]:
    return entries.exclude(state__in=NOT_SENT_STATES)


def _lead_entries(period: ReportingPeriod | None) -> QuerySet[TaskProgress]:
    entries = _sent(TaskProgress.objects.filter(period=period)) if period else TaskProgress.objects.none()
    return entries.filter(department=OuterRef("lead_department"))


def _annotated_tasks(tasks: QuerySet[Task], period, as_of: datetime.date) -> AnnotatedQuerySet:
    entries = _lead_entries(period)
    latest = entries.filter(task=OuterRef("pk")).order_by("-updated_at", "-pk")
    return tasks_with_progress(tasks=tasks, entries=entries, today=as_of).annotate(
        progress_results=Subquery(latest.values("results")[:1]),
    )


def _progress_section(tasks: QuerySet[Task], period, as_of: datetime.date) -> dict:
    annotated = _annotated_tasks(tasks, period, as_of)
    counts = {
        row["progress_status"]: row["n"]
        for row in annotated.order_by().values("progress_status").annotate(n=Count("pk", distinct=True))
    }
    total = sum(counts.values())
    completed = sum(counts.get(status, 0) for status in COMPLETED_STATUSES)
    labels = dict(ProgressStatus.choices)
    status_rows = [[str(labels[status]), counts.get(status, 0)] for status in ProgressStatus.values]
    status_rows.append([_("Not reported"), counts.get(None, 0)])
    overdue = annotated.filter(task_overdue=True)
    status = pgettext("report column", "Status")
    blocks = [
        _heading(_("1. Overview")),
        _paragraph(_overview_sentence(period, total, completed, overdue.count())),
        _table(status, [(status, "text"), (_("Tasks"), "number")], status_rows),
        _heading(_("2. Progress by task area and task")),
        _table(_("Progress"), _task_columns(), _task_rows(annotated)),
        _heading(_("3. Overdue tasks")),
        _table(_("Overdue"), _task_columns()[:5] + [(_("Deadline"), "text")], _overdue_rows(overdue)),
        _heading(_("4. Departments that did not report on time")),
        _paragraph(_late_departments_sentence(period, tasks)),
    ]
    return {"title": _("RESULTS OF THE TASKS OF THE PLAN"), "blocks": blocks}


def _overview_sentence(period, total: int, completed: int, overdue: int) -> str:
    if period is None:
        return _("No reporting period closes within this range, so no progress is reported.")
    return _(
        "According to the progress reports for %(period)s, of %(total)s tasks %(completed)s are completed "
        "(completion rate %(rate)s) and %(overdue)s are overdue."
    ) % {
        "period": period.label,
        "total": number_vi(total),
        "completed": number_vi(completed),
        "rate": percent_vi(completed, total),
        "overdue": number_vi(overdue),
    }


def _task_columns() -> list[tuple[str, str]]:
    return [
        (_("Area"), "text"),
        (pgettext("report column", "No."), "text"),
        (_("Task"), "text"),
        (_("Lead department"), "text"),
        (pgettext("report column", "Status"), "text"),
        (_("Percent done"), "percent"),
        (pgettext("report column", "Results"), "text"),
    ]


def _task_values(tasks: QuerySet[Task]) -> QuerySet:
    fields = ["area__position", "area__title", "position", "content", "lead_department__name"]
    ordered = tasks.order_by("area__plan__issue_date", "area__plan_id", "area__position", "position")
    return ordered.values(*fields, "progress_status", "progress_percent", "progress_results", "deadline")


def _task_row(row: dict) -> list:
    return [
        f"{to_roman(row['area__position'])}. {row['area__title']}",
        f"{to_roman(row['area__position'])}.{row['position']}",
        row["content"],
        row["lead_department__name"],
        str(dict(ProgressStatus.choices).get(row["progress_status"], _("Not reported"))),
        row["progress_percent"],
        row["progress_results"] or "",
    ]


def _task_rows(tasks: QuerySet[Task]) -> list[list]:
    return [_task_row(row) for row in _task_values(tasks)]


def _overdue_rows(tasks: QuerySet[Task]) -> list[list]:
    return [_task_row(row)[:5] + [date_vi(row["deadline"])] for row in _task_values(tasks)]


def _late_departments_sentence(period, tasks: QuerySet[Task]) -> str:
    if period is None:
        return _("No reporting period closes within this range.")
    # The portal's one rule of timeliness (also the dashboard's): an owed entry sent after the deadline
    # day is late, one never sent is missing.
    timeliness = department_timeliness(period=period, tasks=tasks)
    names = [row["name"] for row in timeliness if row["late"] or row["missing"]]
    if not names:
        return _("Every department reported on time for %(period)s.") % {"period": period.label}
    return _("Departments that had not reported by the deadline of %(period)s (%(deadline)s): %(names)s.") % {
        "period": period.label,
        "deadline": date_vi(period.deadline),
        "names": "; ".join(names),
    }


def _delegation_section(date_from: datetime.date, date_to: datetime.date) -> dict:
    delegations = Delegation.objects.filter(start_date__gte=date_from, start_date__lte=date_to)
    by_country = delegation_stats(delegations=delegations, group_by="country")
    sentences = delegation_stats_sentences(by_country=by_country)
    subjects: dict[str, str] = {
        Direction.INBOUND: _("Inbound delegations: the province %(sentence)s."),
        Direction.OUTBOUND: _("Outbound delegations: the province %(sentence)s."),
    }
    paragraphs = [_paragraph(subjects[direction] % {"sentence": sentences[direction]}) for direction in sentences]
    if not paragraphs:
        paragraphs = [_paragraph(_("No delegation started within this range."))]
    directions = dict(Direction.choices)
    totals = [[str(directions[row["direction"]]), row["delegations"], row["persons"]] for row in by_country["totals"]]
    countries = [
        [str(directions[row["direction"]]), country_name_vi(row["country"]), row["delegations"], row["persons"]]
        for row in by_country["rows"]
    ]
    measures = [(pgettext("report column", "Delegations"), "number"), (pgettext("report column", "Persons"), "number")]
    blocks = [
        *paragraphs,
        _paragraph(_delegation_counting_note()),
        _table(pgettext("report column", "Delegations"), [(_("Direction"), "text"), *measures], totals),
        _table(_("By country"), [(_("Direction"), "text"), (_("Country"), "text"), *measures], countries),
    ]
    return {"title": _("INBOUND AND OUTBOUND DELEGATIONS"), "blocks": blocks}


def _delegation_counting_note() -> str:
    # The API's note speaks of its parameters; the document states the same rule in plain words.
    return _(
        "Delegations are counted in the range by their start date; cancelled delegations are not counted; a "
        "delegation to several countries counts once in each country's row and once in the totals."
    )


def _target_section(tasks: QuerySet[Task], period) -> dict:
    entries = Q(achieved_values__progress__period=period) & ~Q(achieved_values__progress__state__in=NOT_SENT_STATES)
    targets = (
        TaskTarget.objects.filter(task__in=tasks.values("pk"))
        .annotate(achieved=Sum("achieved_values__achieved_value", filter=entries))
        .order_by("task__area__plan_id", "task__area__position", "task__position", "id")
        .values("task__area__position", "task__position", "name", "unit", "target_value", "achieved")
    )
    rows = [
        [
            f"{to_roman(row['task__area__position'])}.{row['task__position']}",
            row["name"],
            row["unit"],
            float(row["target_value"]),
            float(row["achieved"] or 0),
            float(row["achieved"] or 0) / float(row["target_value"]) * 100,
        ]
        for row in targets
    ]
    columns = [
        (_("Task"), "text"),
        (_("Indicator"), "text"),
        (_("Unit"), "text"),
        (_("Target"), "number"),
        (_("Achieved"), "number"),
        (_("Percent achieved"), "percent"),
    ]
    return {"title": _("QUANTITATIVE TARGETS"), "blocks": [_table(_("Targets"), columns, rows)]}


def _difficulty_section(tasks: QuerySet[Task], period) -> dict:
    entries = _sent(TaskProgress.objects.filter(period=period, task__in=tasks.values("pk"))) if period else None
    blocks = []
    for number, (field, title) in enumerate(
        [("difficulties", _("Difficulties and obstacles")), ("proposals", _("Proposals and recommendations"))], 1
    ):
        blocks.append(_heading(f"{number}. {title}"))
        blocks.append(_list(_texts(entries, field) if entries is not None else []))
    return {"title": _("DIFFICULTIES, OBSTACLES AND PROPOSALS"), "blocks": blocks}


def _texts(entries: QuerySet[TaskProgress], field: str) -> list[str]:
    rows = (
        entries.exclude(**{field: ""})
        .order_by("department__sort_order", "department__name", "task__area__position", "task__position")
        .values_list("department__name", "task__area__position", "task__position", field)
    )
    return [
        _("- %(department)s (task %(task)s): %(text)s")
        % {"department": department, "task": f"{to_roman(area)}.{task}", "text": text.strip()}
        for department, area, task, text in rows
    ]


def _list(items: list[str]) -> dict:
    """Paragraphs of a list; the renderers print "none" when there are none."""
    return {"type": "list", "rows": items, "empty": _("None reported.")}
