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
import functools
import re
from typing import Any

from django.conf import settings
from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from core.countries import country_report_name
from core.formatting import date_vi, number_vi, percent_vi, to_roman
from core.typing import AnnotatedQuerySet
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from delegations.selectors import delegation_stats, delegation_stats_sentences
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
    """Gather the report's sections in the database; call under translation.override("vi"). Raises nothing.

    The body follows the provinces' báo cáo: an opening citing the plans, I. results by area in prose
    with the delegations, II. overall assessment, III. direction for the coming period, IV. proposals;
    the tables go to the phụ lục (`annex`).
    """
    # A range that runs on into the future is reported as of today: nothing is overdue before its deadline.
    as_of = min(report.date_to, timezone.localdate())
    period = progress_period_for(period=report.period, date_from=report.date_from, as_of=as_of)
    plans = list(
        plans_in_scope(plan=report.plan, date_from=report.date_from, date_to=report.date_to)
        .select_related("issuing_body")
        .order_by("issue_date", "pk")
    )
    tasks = Task.objects.filter(area__plan__in=[plan.pk for plan in plans])
    # Every task once (one query): the body's figures and lists and the annex's tables all come from it.
    rows = _task_facts(_annotated_tasks(tasks, period, as_of))
    counts = _status_counts(rows)
    targets = _targets_achieved(tasks, period)
    difficulties, proposals = _by_area(tasks, period, "difficulties"), _proposals_by_addressee(tasks, period)
    delegations = _delegation_figures(report.date_from, report.date_to, as_of)
    sections = [
        _results_section(rows, targets, delegations),
        _assessment_section(rows, counts, tasks, period, difficulties),
        _direction_section(rows, as_of),
        _proposals_section(proposals),
    ]
    annex = [
        _progress_section(rows, counts),
        _delegation_section(delegations["by_country"]),
        _target_section(targets),
    ]
    return {
        "title": report.title,
        "date_from": report.date_from.isoformat(),
        "date_to": report.date_to.isoformat(),
        "progress_period": period.label if period else "",
        "plans": [plan.document_number for plan in plans],
        "opening": [_opening(plans, report.date_from, report.date_to)],
        "sections": [{"number": to_roman(n), **section} for n, section in enumerate(sections, start=1)],
        "annex": [{"number": to_roman(n), **section} for n, section in enumerate(annex, start=1)],
        # Every difficulty and proposal, one a row, for the Excel annex: the body names only the first.
        "annex_texts": _annex_texts(difficulties, proposals),
    }


def _citation(plan: Plan) -> str:
    """A plan cited the first time as Decree 30 asks: kind, number, date, issuer and title."""
    issued = f"{plan.issue_date.day}/{plan.issue_date.month}/{plan.issue_date.year}"
    return _("%(kind)s No. %(number)s of %(date)s by %(issuer)s on %(title)s") % {
        "kind": plan.get_kind_display(),
        "number": plan.document_number,
        "date": issued,
        "issuer": plan.issuer_name,
        "title": plan.title[:1].lower() + plan.title[1:],
    }


def _opening(plans: list[Plan], date_from: datetime.date, date_to: datetime.date) -> str:
    window = {"from": date_vi(date_from), "to": date_vi(date_to)}
    if not plans:
        return _("The results of foreign affairs work from %(from)s to %(to)s are reported as follows:") % window
    return _("Carrying out %(plans)s, the results from %(from)s to %(to)s are reported as follows:") % {
        "plans": "; ".join(_citation(plan) for plan in plans),
        **window,
    }


# --- the body: I. results, II. assessment, III. direction, IV. proposals ---------------------------

# An area's number, asked once a task row (tens of thousands of times at national scale) for a few areas.
_roman = functools.cache(to_roman)

# What a section calls the days after the report: three months, the next quarter's reports.
DIRECTION_DAYS = 92
ADDRESSEE = re.compile(
    r"(?:đề nghị|kiến nghị|đề xuất)\s+(?:với\s+)?(?P<addressee>(?:UBND|Ủy ban nhân dân) tỉnh|Bộ [^,.;:]+|"
    r"Chính phủ|Thủ tướng Chính phủ|Trung ương|Tỉnh ủy)",
    re.IGNORECASE,
)


def _task_facts(annotated: AnnotatedQuerySet) -> list[dict]:
    """The report's tasks in the plans' order (issue date, areas, positions), with what body and annex print."""
    ordered = annotated.order_by("area__plan__issue_date", "area__plan_id", "area__position", "position")
    fields = ["pk", "content", "position", "timing", "deadline", "lead_department__name", "task_overdue"]
    fields += ["area__position", "area__title", "area__standard_area__name", "area__standard_area__sort_order"]
    fields += ["area__plan__document_number", "progress_status", "progress_percent", "progress_results"]
    return list(ordered.values(*fields))


def _in_area_order(rows: list[dict]) -> list[dict]:
    """The rows by standard area (areas without one last, as PostgreSQL sorts nulls), then in the plans' order."""
    return sorted(
        rows,
        key=lambda row: (row["area__standard_area__sort_order"] is None, row["area__standard_area__sort_order"] or 0),
    )


def _group_name(row: dict) -> str:
    title = row["area__standard_area__name"] or row["area__title"]
    return title[:1].upper() + title[1:].lower() if title.isupper() else title


def _results_section(rows: list[dict], targets: list[Any], delegations: dict) -> dict:
    achieved = _achieved_by_task(targets)
    groups: dict[str, list[dict]] = {}
    for row in _in_area_order(rows):
        groups.setdefault(_group_name(row), []).append(row)
    blocks: list[dict] = []
    for number, (name, area_rows) in enumerate(groups.items(), start=1):
        blocks.append(_heading(f"{number}. {name}"))
        written = [_result_sentence(row, achieved.get(row["pk"], [])) for row in area_rows if row["progress_results"]]
        missing = [
            f"{_roman(row['area__position'])}.{row['position']}" for row in area_rows if not row["progress_results"]
        ]
        if len(written) > _body_cap() or len(missing) > _body_cap():
            # A province-wide area runs to thousands of tasks: its figures, a few results, the annex for all.
            blocks.append(_paragraph(_area_summary(area_rows)))
        blocks.extend(_paragraph(text) for text in _capped(written, _more_tasks))
        if missing:
            blocks.append(_paragraph(_not_reported_sentence(missing)))
    blocks.append(_heading(f"{len(groups) + 1}. " + _("Management of inbound and outbound delegations")))
    blocks.extend(_delegation_paragraphs(delegations))
    blocks.append(_paragraph(_("The results of each task, the delegations and the targets are detailed in the Annex.")))
    return {"title": _("RESULTS"), "blocks": blocks}


def _body_cap() -> int:
    return settings.REPORT_BODY_MAX_ITEMS


def _capped(items: list[str], more) -> list[str]:
    """The first items the body names, then a line counting the others (`more(count)`), which the annex lists."""
    cap = _body_cap()
    if len(items) <= cap:
        return items
    return [*items[:cap], more(len(items) - cap)]


def _more_tasks(count: int) -> str:
    return ngettext(
        "… and %(count)s other task, see the Annex.", "… and %(count)s other tasks, see the Annex.", count
    ) % {"count": number_vi(count)}


def _more_texts(count: int) -> str:
    return ngettext(
        "… and %(count)s other comment, see the Annex.", "… and %(count)s other comments, see the Annex.", count
    ) % {"count": number_vi(count)}


def _area_summary(rows: list[dict]) -> str:
    """ "The area has 240 tasks: 12 completed, 200 in progress, 28 not reported." from the rows at hand."""
    counts, labels = _status_counts(rows), _status_labels()
    parts = [f"{number_vi(counts[status])} {_mid_sentence(labels[status])}" for status in labels if status in counts]
    return _("The area has %(total)s tasks: %(parts)s.") % {"total": number_vi(len(rows)), "parts": ", ".join(parts)}


def _not_reported_sentence(missing: list[str]) -> str:
    if len(missing) <= _body_cap():
        return _("Not yet reported: tasks %(tasks)s.") % {"tasks": ", ".join(missing)}
    return _("Not yet reported: %(count)s tasks, among them %(tasks)s; see the Annex.") % {
        "count": number_vi(len(missing)),
        "tasks": ", ".join(missing[: _body_cap()]),
    }


def _result_sentence(row: dict, targets: list[str]) -> str:
    text = row["progress_results"].strip().rstrip(".;")
    if targets:
        text += " (" + "; ".join(targets) + ")"
    return f"{text}."


def _targets_achieved(tasks: QuerySet[Task], period) -> list[Any]:
    """The tasks' targets with the parts their departments sent for the period added up, in task order."""
    sent = Q(achieved_values__progress__period=period) & ~Q(achieved_values__progress__state__in=NOT_SENT_STATES)
    return list(
        TaskTarget.objects.filter(task__in=tasks.values("pk"))
        .annotate(achieved=Sum("achieved_values__achieved_value", filter=sent))
        .order_by("task__area__plan_id", "task__area__position", "task__position", "id")
        .values("task_id", "task__area__position", "task__position", "name", "unit", "target_value", "achieved")
    )


def _achieved_by_task(targets: list[Any]) -> dict[int, list[str]]:
    """Each task's targets as "Lớp tiếng Việt: đạt 3/3 lớp, 100%"."""
    found: dict[int, list[str]] = {}
    for row in targets:
        found.setdefault(row["task_id"], []).append(
            _("%(name)s: %(achieved)s/%(target)s %(unit)s, %(share)s")
            % {
                "name": row["name"],
                "achieved": number_vi(row["achieved"] or 0),
                "target": number_vi(row["target_value"]),
                "unit": row["unit"],
                "share": percent_vi(row["achieved"] or 0, row["target_value"]),
            }
        )
    return found


def _assessment_section(rows: list[dict], counts: dict, tasks: QuerySet[Task], period, by_area: dict) -> dict:
    total = sum(counts.values())
    completed = sum(counts.get(status, 0) for status in COMPLETED_STATUSES)
    overdue = sum(1 for row in rows if row["task_overdue"])
    difficulties = [_area_texts_line(name, texts) for name, texts in by_area.items()]
    blocks = [
        _heading(_("1. Achievements")),
        _paragraph(_overview_sentence(period, total, completed, overdue)),
        _paragraph(_late_departments_sentence(period, tasks)),
        _heading(_("2. Shortcomings, limitations and their causes")),
        _list(difficulties, empty=_("The departments reported no difficulties.")),
    ]
    # "texts": the annex's sheet of difficulties and proposals takes this section's list under that name.
    return {"title": _("OVERALL ASSESSMENT"), "blocks": blocks, "texts": _("Difficulties")}


def _area_texts_line(name: str, texts: list[str]) -> str:
    """ "- Ngoại giao kinh tế: …; …." with the first texts, the others counted."""
    cap = _body_cap()
    if len(texts) <= cap:
        return f"- {name}: {'; '.join(texts)}."
    return f"- {name}: {'; '.join(texts[:cap])}; {_more_texts(len(texts) - cap)}"


def _by_area(tasks: QuerySet[Task], period, field: str) -> dict[str, list[str]]:
    """The texts the departments wrote in a field, gathered by area, each once: {"Ngoại giao kinh tế": […]}."""
    if period is None:
        return {}
    entries = _sent(TaskProgress.objects.filter(period=period, task__in=tasks.values("pk"))).exclude(**{field: ""})
    rows = entries.order_by(
        "task__area__standard_area__sort_order", "task__area__position", "task__position", "department__sort_order"
    ).values_list("task__area__standard_area__name", "task__area__title", field)
    grouped: dict[str, dict[str, None]] = {}
    for standard, title, text in rows:
        name = _group_name({"area__standard_area__name": standard, "area__title": title})
        grouped.setdefault(name, {})[text.strip().rstrip(".;")] = None
    return {name: list(texts) for name, texts in grouped.items()}


def _direction_section(rows: list[dict], as_of: datetime.date) -> dict:
    until = as_of + datetime.timedelta(days=DIRECTION_DAYS)
    open_tasks = [row for row in rows if row["progress_status"] not in COMPLETED_STATUSES]
    due = [
        _("- %(task)s (%(lead)s; due %(deadline)s).")
        % {
            "task": row["content"].strip().rstrip("."),
            "lead": row["lead_department__name"],
            "deadline": date_vi(row["deadline"]),
        }
        for row in _in_area_order(open_tasks)
        if row["deadline"] is not None and as_of < row["deadline"] <= until
    ]
    overdue = sum(1 for row in open_tasks if row["task_overdue"])
    ongoing = sum(1 for row in open_tasks if row["timing"] != "deadline")
    blocks = [
        _paragraph(
            _("Continue the %(ongoing)s standing and periodic tasks; complete the %(overdue)s overdue tasks.")
            % {"ongoing": number_vi(ongoing), "overdue": number_vi(overdue)}
        ),
        _paragraph(_("Tasks falling due by %(until)s:") % {"until": date_vi(until)}),
        _list(_capped(due, _more_tasks), empty=_("No task falls due in the coming period.")),
    ]
    return {"title": _("DIRECTION AND TASKS FOR THE COMING PERIOD"), "blocks": blocks}


def _proposals_by_addressee(tasks: QuerySet[Task], period) -> dict[str, list[str]]:
    """The departments' proposals, each once, by the body they are addressed to where they name one ("" if none)."""
    if period is None:
        return {}
    entries = _sent(TaskProgress.objects.filter(period=period, task__in=tasks.values("pk"))).exclude(proposals="")
    texts = entries.order_by("department__sort_order", "task__area__position", "task__position").values_list(
        "proposals", flat=True
    )
    grouped: dict[str, list[str]] = {}
    for text in dict.fromkeys(text.strip().rstrip(".;") for text in texts):
        match = ADDRESSEE.search(text)
        grouped.setdefault(_addressee_name(match["addressee"]) if match else "", []).append(text)
    return {addressee: grouped[addressee] for addressee in sorted(grouped, key=lambda name: (name == "", name))}


def _proposals_section(grouped: dict[str, list[str]]) -> dict:
    blocks: list[dict] = []
    for addressee, texts in grouped.items():
        if addressee:
            blocks.append(_heading(_("To %(addressee)s:") % {"addressee": addressee}))
        elif len(grouped) > 1:
            blocks.append(_heading(_("Other proposals:")))
        blocks.append(_list(_capped([f"- {text}." for text in texts], _more_texts)))
    return {"title": _("PROPOSALS AND RECOMMENDATIONS"), "blocks": blocks or [_list([])], "texts": _("Proposals")}


def _annex_texts(difficulties: dict[str, list[str]], proposals: dict[str, list[str]]) -> list[list[str]]:
    """Every difficulty ("Area: text.") and proposal, one a row: [kind, text]."""
    rows = [[_("Difficulties"), f"{name}: {text}."] for name, texts in difficulties.items() for text in texts]
    return rows + [[_("Proposals"), f"{text}."] for texts in proposals.values() for text in texts]


def _addressee_name(text: str) -> str:
    if text.lower().startswith(("ubnd", "ủy ban nhân dân")):
        return "Ủy ban nhân dân tỉnh"
    return text[:1].upper() + text[1:]


def _heading(text: str) -> dict:
    return {"type": "heading", "text": text}


def _paragraph(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def _table(sheet: str, columns: list[tuple[str, str]], rows) -> dict:
    """A table: columns are (label, kind) with kind text, number, percent or date (ISO); rows hold raw values."""
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


def _progress_section(rows: list[dict], counts: dict) -> dict:
    labels = _status_labels()
    status_rows = [[label, counts.get(status, 0)] for status, label in labels.items()]
    status = pgettext("report column", "Status")
    overdue = [_task_row(row, labels)[:6] + [row["deadline"].isoformat()] for row in rows if row["task_overdue"]]
    blocks = [
        _table(status, [(status, "text"), (_("Tasks"), "number")], status_rows),
        _heading(_("Progress by task area and task")),
        _table(_("Progress"), _task_columns(), [_task_row(row, labels) for row in rows]),
        _heading(_("Overdue tasks")),
        _table(_("Overdue"), _task_columns()[:6] + [(_("Deadline"), "date")], overdue),
    ]
    return {"title": _("RESULTS OF THE TASKS OF THE PLAN"), "blocks": blocks}


def _status_labels() -> dict[str | None, str]:
    """Each progress status's name in order, then None: "not reported" (made once, not once a row)."""
    labels: dict[str | None, str] = {key: str(label) for key, label in ProgressStatus.choices}
    labels[None] = str(_("Not reported"))
    return labels


def _status_counts(rows: list[dict]) -> dict:
    counts: dict[str | None, int] = {}
    for row in rows:
        counts[row["progress_status"]] = counts.get(row["progress_status"], 0) + 1
    return counts


def _mid_sentence(label: str) -> str:
    """A period's label inside a sentence: "Năm 2017 và 4 tháng đầu năm 2018" → "năm 2017 và …"."""
    return label[:1].lower() + label[1:]


def _overview_sentence(period, total: int, completed: int, overdue: int) -> str:
    if period is None:
        return _("No reporting period closes within this range, so no progress is reported.")
    return _(
        "According to the progress reports for %(period)s, of %(total)s tasks %(completed)s are completed "
        "(completion rate %(rate)s) and %(overdue)s are overdue."
    ) % {
        "period": _mid_sentence(period.label),
        "total": number_vi(total),
        "completed": number_vi(completed),
        "rate": percent_vi(completed, total),
        "overdue": number_vi(overdue),
    }


def _task_columns() -> list[tuple[str, str]]:
    # The plan's number first: task numbers repeat from one plan to the next.
    return [
        (_("Plan"), "text"),
        (_("Area"), "text"),
        (pgettext("report column", "No."), "text"),
        (_("Task"), "text"),
        (_("Lead department"), "text"),
        (pgettext("report column", "Status"), "text"),
        (_("Percent done"), "percent"),
        (pgettext("report column", "Results"), "text"),
    ]


def _task_row(row: dict, labels: dict) -> list:
    """A task's row of the annex; `labels` names each progress status, None "not reported" (made once, not per row)."""
    return [
        row["area__plan__document_number"],
        f"{_roman(row['area__position'])}. {row['area__title']}",
        f"{_roman(row['area__position'])}.{row['position']}",
        row["content"],
        row["lead_department__name"],
        labels.get(row["progress_status"], labels[None]),
        row["progress_percent"],
        row["progress_results"] or "",
    ]


def _late_departments_sentence(period, tasks: QuerySet[Task]) -> str:
    if period is None:
        return _("No reporting period closes within this range.")
    # The portal's one rule of timeliness (also the dashboard's): an owed entry sent after the deadline
    # day is late, one never sent is missing.
    timeliness = department_timeliness(period=period, tasks=tasks)
    names = [row["name"] for row in timeliness if row["late"] or row["missing"]]
    if not names:
        return _("Every department reported on time for %(period)s.") % {"period": _mid_sentence(period.label)}
    return _("Departments that had not reported by the deadline of %(period)s (%(deadline)s): %(names)s.") % {
        "period": _mid_sentence(period.label),
        "deadline": date_vi(period.deadline),
        "names": "; ".join(names),
    }


def _delegations_held(date_from: datetime.date, date_to: datetime.date, as_of: datetime.date):
    """Delegations of the range that took place: completed, or approved and over by as_of."""
    in_range = Delegation.objects.filter(start_date__gte=date_from, start_date__lte=date_to)
    held = Q(status=DelegationStatus.COMPLETED) | Q(status=DelegationStatus.APPROVED, end_date__lte=as_of)
    return in_range.filter(held), in_range.filter(status__in=FUTURE_STATUSES).exclude(held)


FUTURE_STATUSES = (DelegationStatus.PLANNED, DelegationStatus.APPROVED)


def _delegation_figures(date_from: datetime.date, date_to: datetime.date, as_of: datetime.date) -> dict:
    """The delegations that took place, by country (for the body's sentences and the annex), and those to come."""
    held, planned = _delegations_held(date_from, date_to, as_of)
    return {
        "by_country": delegation_stats(delegations=held, group_by="country"),
        "planned": delegation_stats(delegations=planned)["totals"],
    }


def _delegation_paragraphs(figures: dict) -> list[dict]:
    """The seed's sentences for delegations that took place, and one "dự kiến" sentence for those to come."""
    sentences = delegation_stats_sentences(by_country=figures["by_country"])
    subjects: dict[str, str] = {
        Direction.INBOUND: _("Inbound delegations: the province %(sentence)s."),
        Direction.OUTBOUND: _("Outbound delegations: the province %(sentence)s."),
    }
    paragraphs = [_paragraph(subjects[direction] % {"sentence": sentences[direction]}) for direction in sentences]
    if not paragraphs:
        paragraphs = [_paragraph(_("No delegation took place within this range."))]
    totals = {row["direction"]: row for row in figures["planned"]}
    if totals:
        wording = {
            Direction.INBOUND: _("receive %(delegations)s delegations with %(persons)s visitors"),
            Direction.OUTBOUND: _("send %(delegations)s delegations with %(persons)s officials"),
        }
        parts = [wording[direction] % _counts(totals[direction]) for direction in wording if direction in totals]
        paragraphs.append(
            _paragraph(
                _("Planned, not yet taken place: the province expects to %(parts)s.")
                % {"parts": _(" and ").join(parts)}
            )
        )
    return paragraphs


def _counts(row: dict) -> dict:
    return {"delegations": number_vi(row["delegations"]), "persons": number_vi(row["persons"])}


def _delegation_section(by_country: dict) -> dict:
    """The annex's tables of the delegations that took place: totals and by country."""
    directions = dict(Direction.choices)
    totals = [[str(directions[row["direction"]]), row["delegations"], row["persons"]] for row in by_country["totals"]]
    countries = [
        [str(directions[row["direction"]]), country_report_name(row["country"]), row["delegations"], row["persons"]]
        for row in by_country["rows"]
    ]
    measures = [(pgettext("report column", "Delegations"), "number"), (pgettext("report column", "Persons"), "number")]
    blocks = [
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


def _target_section(targets: list[Any]) -> dict:
    rows = [
        [
            f"{_roman(row['task__area__position'])}.{row['task__position']}",
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


def _list(items: list[str], *, empty: str | None = None) -> dict:
    """Paragraphs of a list; the renderers print `empty` ("none reported") when there are none."""
    return {"type": "list", "rows": items, "empty": empty or _("None reported.")}
