"""A plan's tasks to Excel and back: the same file imports unchanged, edits land, errors name row and column."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from plans.choices import TaskTiming
from plans.models import Task, TaskArea
from plans.spreadsheets import headers
from tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db


def download(client, plan) -> bytes:
    response = client.get(reverse("plans:plan_workbook", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def rows_of(content: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def upload(client, plan, content: bytes, name="ke-hoach.xlsx"):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("plans:plan_import", args=[plan.pk]), {"file": file})


def workbook(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def deadline_task(world):
    return TaskFactory(
        area=world.area,
        position=2,
        content="Tổ chức hội nghị xúc tiến đầu tư",
        lead_department=world.departments["c"],
        timing=TaskTiming.DEADLINE,
        deadline=datetime.date(2026, 9, 30),
    )


def test_the_export_holds_one_row_per_task_ready_to_print(world, login, deadline_task):
    content = download(login("specialist"), world.plan)

    header, first, second = rows_of(content)
    assert header == headers()
    assert first[1:3] == ["I", world.area.title]
    assert first[3:9] == [
        world.task.pk,
        1,
        world.task.content,
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Giáo dục và Đào tạo",
        "Thường xuyên",
    ]
    assert first[11] == "Lớp tiếng Việt: 3 lớp"
    assert (second[8], second[9]) == ("Theo thời hạn", datetime.datetime(2026, 9, 30))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.freeze_panes == "A2"
    assert sheet["J3"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["F"].width == 60
    assert sheet.page_setup.orientation == "landscape"


def test_an_exported_file_imports_back_unchanged(world, login, deadline_task):
    client = login("specialist")
    content = download(client, world.plan)
    records = Task.history.count() + TaskArea.history.count()

    response = upload(client, world.plan, content)

    assert response.status_code == 302
    assert Task.history.count() + TaskArea.history.count() == records
    assert rows_of(download(client, world.plan)) == rows_of(content)


def test_rows_edited_added_moved_and_removed_in_excel_land_in_the_plan(world, login, deadline_task):
    client = login("specialist")
    header, first, second = rows_of(download(client, world.plan))
    second[6] = "so tai chinh"  # lead by name without diacritics, unchanged body
    second[7] = "Sở NgV"  # coordinating by the focal point's short form
    new_area = [None, "II", "Thông tin đối ngoại", None, 1, "Xuất bản bản tin đối ngoại", "SNgV", "", "Hằng quý", None]

    response = upload(client, world.plan, workbook([header, second, new_area]))

    assert response.status_code == 302
    assert not Task.objects.filter(pk=world.task.pk).exists()  # left out of the file: removed
    moved = Task.objects.get(pk=deadline_task.pk)
    assert (moved.position, [d.code for d in moved.coordinating_departments.all()]) == (1, ["SNgV"])
    area = world.plan.areas.get(position=2)
    assert (area.title, area.standard_area.code) == ("Thông tin đối ngoại", "thong-tin-doi-ngoai")
    assert area.tasks.get().timing == TaskTiming.QUARTERLY


def test_a_task_with_progress_left_out_of_the_file_stays_and_nothing_changes(world, login, deadline_task):
    world.entry()
    client = login("specialist")
    header, _first, second = rows_of(download(client, world.plan))
    second[5] = "Nội dung đã sửa"

    response = upload(client, world.plan, workbook([header, second]))

    assert response.status_code == 400
    assert Task.objects.get(pk=deadline_task.pk).content == "Tổ chức hội nghị xúc tiến đầu tư"
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_each_wrong_cell_is_named_by_row_and_column_and_nothing_is_imported(world, login, deadline_task):
    client = login("specialist")
    header, first, second = rows_of(download(client, world.plan))
    first[6] = "Sở Không Tồn Tại"
    second[8], second[9] = "Thỉnh thoảng", "31/02/2026"

    response = upload(client, world.plan, workbook([header, first, second]))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Dòng 3, cột “Thời gian”" in page
    assert "Dòng 3, cột “Thời hạn”" in page
    assert Task.objects.get(pk=world.task.pk).lead_department == world.departments["a"]
    # the timing and date errors are found before the bodies are looked up; fix them and the body is named
    second[8], second[9] = "Theo thời hạn", datetime.date(2026, 10, 15)
    response = upload(client, world.plan, workbook([header, first, second]))
    assert "Dòng 2, cột “Cơ quan chủ trì”: Không có cơ quan nào tên “Sở Không Tồn Tại”" in response.content.decode()
    assert Task.objects.get(pk=deadline_task.pk).deadline == datetime.date(2026, 9, 30)


def test_files_that_are_not_the_plan_template_are_refused_with_the_reason(world, login):
    client = login("specialist")

    not_excel = upload(client, world.plan, b"STT,Noi dung\n1,abc\n")
    wrong_headers = upload(client, world.plan, workbook([["Họ tên", "Số người"], ["A", 3]]))
    formula = upload(client, world.plan, workbook([headers(), [None, "I", "Lĩnh vực", None, 1, "=1+1", "SNgV"]]))

    assert "không phải là tệp Excel (.xlsx)" in not_excel.content.decode()
    assert "Các cột không khớp với mẫu kế hoạch" in wrong_headers.content.decode()
    assert formula.status_code == 400
    assert world.plan.areas.get().tasks.get().pk == world.task.pk


def test_the_template_has_the_headers_and_the_timing_list(world, login):
    response = login("specialist").get(reverse("plans:plan_template"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == headers()
    assert "Thường xuyên" in sheet.data_validations.dataValidation[0].formula1


@pytest.mark.parametrize(
    ("user", "export", "upload_status"),
    [("staff_a", 404, 403), ("leadership", 200, 403), ("statistics_reader", 404, 404), ("administrator", 200, 302)],
)
def test_who_exports_and_who_imports(world, login, user, export, upload_status):
    client = login(user)
    content = download(login("specialist"), world.plan)
    client = login(user)

    assert client.get(reverse("plans:plan_workbook", args=[world.plan.pk])).status_code == export
    assert upload(client, world.plan, content).status_code == upload_status
