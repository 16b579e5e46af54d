"""A report on hundreds of tasks: the body stays short, the annex lists every task, the queries stay fixed."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from core.formatting import number_vi
from plans.choices import ProgressStatus, TaskTiming, WorkflowState
from plans.models import Task, TaskProgress
from plans.obligation_builds import obligations_changed
from reports.choices import ReportState
from reports.services import report_request, report_run
from tests.reports.test_content import content_of, texts

pytestmark = pytest.mark.django_db
D = datetime.date
CAP = 5


@pytest.fixture(autouse=True)
def low_cap(settings):
    settings.REPORT_BODY_MAX_ITEMS = CAP


def grow(province, count: int) -> None:
    """`count` more tasks led by department A in the plan's first area, two in three with a sent entry.

    Each reported task has its results, a difficulty and a proposal of its own; every task falls due on
    01/04/2018, in the coming period of a report ending 14/03/2018.
    """
    area = province.tasks[0].area
    first = Task.objects.filter(area=area).count() + 1
    lead = province.departments["a"]
    tasks = Task.objects.bulk_create(
        Task(
            area=area,
            position=first + n,
            content=f"Nhiệm vụ bổ sung {n}",
            lead_department=lead,
            timing=TaskTiming.DEADLINE,
            deadline=D(2018, 4, 1),
        )
        for n in range(count)
    )
    sent_at = timezone.make_aware(datetime.datetime(2018, 3, 15))
    TaskProgress.objects.bulk_create(
        TaskProgress(
            task=task,
            period=province.period,
            department=lead,
            status=ProgressStatus.IN_PROGRESS,
            percent_done=50,
            results=f"Kết quả {task.position}",
            difficulties=f"Khó khăn {task.position}",
            proposals=f"Đề xuất {task.position}",
            state=WorkflowState.ACCEPTED,
            submitted_at=sent_at,
        )
        for n, task in enumerate(tasks)
        if n % 3
    )
    obligations_changed()  # bulk writes send no signals


def quarter(province) -> dict:
    return content_of(period=province.period, date_from=province.period.start_date, date_to=D(2018, 3, 14))


def test_report_body_names_the_first_tasks_and_counts_the_rest(province):
    grow(province, 300)  # 200 reported (results, difficulties, proposals), 100 not
    content = quarter(province)

    results = texts(content, 1)
    area = results[results.index("1. Ngoại giao văn hóa") + 1 : results.index("2. Quản lý đoàn ra, đoàn vào")]
    # The area's figures, CAP results, a line counting the others, the tasks not reported counted too.
    assert all(figure in area[0] for figure in ("302", "201", "100"))  # tasks, in progress, not reported
    assert len(area) == 1 + CAP + 1 + 1
    written = 201  # task I.1's results and the 200 added
    assert area[CAP + 1].startswith("…") and number_vi(written - CAP) in area[CAP + 1]
    assert number_vi(101) in area[-1] and area[-1].count("I.") == CAP  # I.2 and 100 added, CAP named
    direction = texts(content, 3)
    due = direction[2:]
    assert len(due) == CAP + 1 and due[-1].startswith("…") and number_vi(300 - CAP) in due[-1]
    proposals = texts(content, 4)
    assert len(proposals) == CAP + 1 and number_vi(201 - CAP) in proposals[-1]
    difficulties = next(line for line in texts(content, 2) if line.startswith("- Ngoại giao văn hóa:"))
    named = difficulties.split(": ", 1)[1].split("; …")[0].split("; ")
    assert len(named) == CAP and number_vi(201 - CAP) in difficulties


def test_report_annex_lists_every_task_difficulty_and_proposal(province):
    grow(province, 300)
    content = quarter(province)

    progress = content["annex"][0]["blocks"][2]
    assert len(progress["rows"]) == Task.objects.count() == 304
    kinds = [kind for kind, _text in content["annex_texts"]]
    assert len(kinds) == 201 + 201  # every sent difficulty and proposal (task I.1's proposal and I.2's difficulty)
    assert "Ngoại giao văn hóa: Khó khăn 151." in [text for _kind, text in content["annex_texts"]]


def test_report_files_hold_every_task_in_the_annex_and_a_short_body(province, focal_department):
    grow(province, 300)
    report = report_request(period=province.period, by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE
    report.refresh_from_db()

    document = Document(report.docx_file.path)
    progress = next(
        t for t in document.tables if [c.text for c in t.rows[0].cells][:3] == ["Kế hoạch", "Lĩnh vực", "STT"]
    )
    assert len(progress.rows) == 1 + 304
    assert progress.rows[3].cells[3].text == "Nhiệm vụ bổ sung 0"  # after I.1 and I.2
    lines = [p.text for p in document.paragraphs]
    assert lines.index("PHỤ LỤC") < 80  # the body does not grow with the tasks
    workbook = load_workbook(report.xlsx_file.path, read_only=True)
    assert len(list(workbook["I. Tiến độ"].iter_rows(min_row=7, values_only=True))) == 304
    assert len(list(workbook["Khó khăn và đề xuất"].iter_rows(min_row=7, values_only=True))) == 402


def compile_queries(province) -> int:
    """The queries of a compile once the periods' obligations are stored (the first compile stores them)."""
    report_run(
        report_id=report_request(period=province.period, by=province.users["specialist"], again=True, dispatch=False).pk
    )
    report = report_request(period=province.period, by=province.users["specialist"], again=True, dispatch=False)
    with CaptureQueriesContext(connection) as queries:
        assert report_run(report_id=report.pk) == ReportState.DONE
    return len(queries)


def test_report_compile_query_count_does_not_grow_with_tasks(province, focal_department):
    grow(province, 10)
    few = compile_queries(province)
    grow(province, 300)

    assert compile_queries(province) == few


def test_report_preview_shows_each_tables_first_rows_and_counts_the_rest(province, client_as, monkeypatch):
    monkeypatch.setattr("reports.views.PREVIEW_ROWS", 50)
    grow(province, 300)
    report = report_request(period=province.period, by=province.users["specialist"])
    assert report_run(report_id=report.pk) == ReportState.DONE

    response = client_as("specialist").get(reverse("reports:report_preview", args=[report.pk]))

    page = response.content.decode()
    assert "Nhiệm vụ bổ sung 40<" in page and "Nhiệm vụ bổ sung 299<" not in page
    assert number_vi(304 - 50) in page
