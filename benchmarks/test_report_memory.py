"""How long a report takes to compile and how much memory gathering its content needs as data grows.

The content is held in memory whole (lists of rows): three renderers read it and it is stored with the
report. What is measured is how that memory grows with the number of tasks.
"""

import datetime
import time
import tracemalloc

import pytest
from django.utils import translation

from accounts.models import Department
from benchmarks.floors_reports import files_floor
from plans.choices import PeriodKind, ProgressStatus, WorkflowState
from plans.models import Plan, ReportingPeriod, Task, TaskArea, TaskProgress
from reports.annex import xlsx_render
from reports.documents import docx_render
from reports.models import CompiledReport
from reports.selectors import report_content
from reports.services import report_compile, report_request

pytestmark = pytest.mark.django_db
D = datetime.date


def build(tasks: int, tag: int = 1) -> tuple[Plan, ReportingPeriod]:
    """A plan with `tasks` tasks in ten areas, each with a sent progress entry with long texts."""
    department = Department.objects.create(name=f"Sở thử nghiệm {tag}", short_name="Sở", code=f"bench-{tag}")
    plan = Plan.objects.create(
        document_number=f"{tag}/KH-UBND", issuer="UBND tỉnh", issue_date=D(2018, 1, 1), title="Kế hoạch",
        start_year=2018, status="in_force",
    )  # fmt: skip
    areas = TaskArea.objects.bulk_create(
        [TaskArea(plan=plan, position=n + 1, title=f"Lĩnh vực {n}") for n in range(10)]
    )
    rows = [
        Task(area=areas[n % 10], position=n // 10 + 1, content=f"Nhiệm vụ {n} " * 20, lead_department=department)
        for n in range(tasks)
    ]
    created = Task.objects.bulk_create(rows)
    period = ReportingPeriod.objects.create(
        kind=PeriodKind.QUARTERLY, year=2018, sequence=tag, start_date=D(2017, 12, 15), end_date=D(2018, 3, 14),
        deadline=D(2018, 3, 16),
    )  # fmt: skip
    TaskProgress.objects.bulk_create(
        TaskProgress(
            task=task,
            period=period,
            department=department,
            status=ProgressStatus.IN_PROGRESS,
            percent_done=50,
            results="Kết quả " * 50,
            difficulties="Khó khăn " * 20,
            state=WorkflowState.ACCEPTED,
        )  # fmt: skip
        for task in created
    )
    return plan, period


def gathering_peak(plan: Plan, period: ReportingPeriod) -> int:
    """Peak bytes while the content is gathered, every table and list held in memory as report_compile holds it."""
    report = CompiledReport(title="t", plan=plan, period=period, date_from=period.start_date, date_to=period.end_date)
    tracemalloc.start()
    with translation.override("vi"):
        report_content(report=report)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


@pytest.mark.parametrize("tasks", [300, 3000])
def test_report_compile_time_and_memory(benchmark, settings, tmp_path, tasks):
    settings.MEDIA_ROOT = tmp_path
    plan, period = build(tasks)
    benchmark.extra_info["gathering_peak_bytes"] = gathering_peak(plan, period)

    def compile_once():
        report_compile(report=report_request(period=period, plan=plan, again=True))

    # Timed without tracemalloc, which slows every allocation; the peak is measured on one more run.
    benchmark.pedantic(compile_once, rounds=1, iterations=1)
    tracemalloc.start()
    compile_once()
    benchmark.extra_info["compile_peak_bytes"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()


def test_report_content_gathering_memory_grows_with_the_rows(benchmark):
    """The content is held whole, so memory grows with the rows: ten times the tasks, about ten times the peak."""
    small = gathering_peak(*build(300, tag=1))
    large_scope = build(3000, tag=2)
    large = benchmark.pedantic(gathering_peak, args=large_scope, rounds=1, iterations=1)
    benchmark.extra_info.update(small_peak_bytes=small, large_peak_bytes=large)
    # Linear, not worse (no row copied per row): the rows themselves are the cost.
    assert large < small * 12, (small, large)


def synthetic_content(tasks: int) -> dict:
    """A report's content with `tasks` rows in the progress table and a fifth of them overdue, no database."""
    columns = ["Kế hoạch", "Lĩnh vực", "STT", "Nhiệm vụ", "Đơn vị chủ trì", "Tình trạng", "Tỷ lệ", "Kết quả"]
    kinds = ["text"] * 6 + ["percent", "text"]
    rows = [
        [f"{n % 40}/KH-UBND", f"I. Lĩnh vực {n % 10}", f"I.{n}", "Tổ chức hội nghị xúc tiến " * (1 + n % 4),
         "Sở Văn hóa, Thể thao và Du lịch", "Đang thực hiện", n % 101, "Kết quả đạt được " * (n % 12)]
        for n in range(tasks)
    ]  # fmt: skip
    overdue = [row[:6] + ["2020-01-01"] for row in rows[: tasks // 5]]
    issuer = {
        "printed_name": "Sở Ngoại vụ", "parent_body": "UBND tỉnh Sơn La", "place_name": "Sơn La",
        "addressee": "Ủy ban nhân dân tỉnh Sơn La", "recipients": ["Bộ Ngoại giao"], "archive_note": "Lưu: VT",
        "signer_authority": "KT. GIÁM ĐỐC", "signer_title": "PHÓ GIÁM ĐỐC", "signer_name": "", "document_symbol": "BC",
    }  # fmt: skip
    tables = [
        {"type": "table", "sheet": "Tiến độ", "columns": columns, "kinds": kinds, "rows": rows},
        {"type": "table", "sheet": "Quá hạn", "columns": [*columns[:6], "Hạn"], "kinds": [*kinds[:6], "date"],
         "rows": overdue},
    ]  # fmt: skip
    return {
        "title": "Kết quả công tác đối ngoại", "date_from": "2017-01-01", "date_to": "2026-12-31", "issuer": issuer,
        "opening": ["Mở đầu."], "sections": [{"number": "I", "title": "KẾT QUẢ", "blocks": []}],
        "annex": [{"number": "I", "title": "KẾT QUẢ THỰC HIỆN", "blocks": tables}],
    }  # fmt: skip


@pytest.mark.parametrize("tasks", [2_000, 20_000])
def test_report_files_render_time_and_memory(benchmark, tasks):
    """The Word file and the Excel annex of a 2·10^4-task report, without the database: the part that is the files'."""
    content = synthetic_content(tasks)

    def render():
        with translation.override("vi"):
            docx_render(content=content, document_number="…/BC", issued_on=None)
            xlsx_render(content=content)

    benchmark.pedantic(render, rounds=1, iterations=1)
    tracemalloc.start()
    render()
    benchmark.extra_info["render_peak_bytes"] = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    started = time.perf_counter()
    files_floor([row for table in content["annex"][0]["blocks"] for row in table["rows"]])
    benchmark.extra_info["floor_seconds"] = time.perf_counter() - started
