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
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory

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


def import_file(client, plan, content: bytes):
    """Upload the file, check that the preview offers the import, and confirm it."""
    preview = upload(client, plan, content)
    assert preview.status_code == 200, preview.content.decode()
    assert not preview.context["changes"].empty
    return client.post(reverse("plans:plan_import", args=[plan.pk]), {"rows": preview.context["rows"]})


def history_count() -> int:
    return Task.history.count() + TaskArea.history.count()


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

    title, header, first, second = rows_of(content)
    assert title[0].startswith(f"Kế hoạch {world.plan.document_number}")
    assert f"{world.plan.issue_date:%d/%m/%Y}: {world.plan.title}" in title[0]
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
    assert sheet.freeze_panes == "A3"
    assert sheet["J4"].number_format == "DD/MM/YYYY"
    assert sheet.column_dimensions["F"].width == 60
    assert sheet.page_setup.orientation == "landscape"


def test_an_exported_file_imports_back_unchanged(world, login, deadline_task):
    client = login("specialist")
    content = download(client, world.plan)
    records = history_count()

    response = upload(client, world.plan, content)

    assert response.status_code == 200
    assert response.context["changes"].empty
    assert "Import these changes" not in response.content.decode()
    assert history_count() == records
    assert rows_of(download(client, world.plan)) == rows_of(content)


def test_rows_edited_added_moved_and_removed_in_excel_land_in_the_plan(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
    second[6] = "so tai chinh"  # lead by name without diacritics, unchanged body
    second[7] = "Sở NgV"  # coordinating by the focal point's short form
    new_area = [None, "II", "Thông tin đối ngoại", None, 1, "Xuất bản bản tin đối ngoại", "SNgV", "", "Hằng quý", None]

    response = import_file(client, world.plan, workbook([header, second, new_area]))

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
    _title, header, _first, second = rows_of(download(client, world.plan))
    second[5] = "Nội dung đã sửa"

    response = upload(client, world.plan, workbook([header, second]))

    assert response.status_code == 400
    assert f"Các cơ quan đã báo cáo tiến độ nhiệm vụ “{world.task.content}”" in response.content.decode()
    assert Task.objects.get(pk=deadline_task.pk).content == "Tổ chức hội nghị xúc tiến đầu tư"
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_each_wrong_cell_is_named_by_row_and_column_and_nothing_is_imported(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
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
    client = login("specialist")
    import_page = client.get(reverse("plans:plan_import", args=[world.plan.pk])).content.decode()
    assert reverse("plans:plan_template") in import_page

    response = client.get(reverse("plans:plan_template"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]] == headers()
    assert "Thường xuyên" in sheet.data_validations.dataValidation[0].formula1


@pytest.mark.parametrize(
    ("user", "export", "upload_status"),
    [("staff_a", 404, 403), ("leadership", 200, 403), ("statistics_reader", 404, 404), ("administrator", 200, 200)],
)
def test_who_exports_and_who_imports(world, login, user, export, upload_status):
    client = login(user)
    content = download(login("specialist"), world.plan)
    client = login(user)

    assert client.get(reverse("plans:plan_workbook", args=[world.plan.pk])).status_code == export
    assert upload(client, world.plan, content).status_code == upload_status


def test_the_preview_names_the_changes_and_saves_nothing_until_confirmed(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
    second[5] = "Tổ chức hội nghị xúc tiến đầu tư năm 2027"
    new_task = [None, None, None, None, 3, "Đón đoàn hữu nghị", "SNgV", "", "Thường xuyên", None]
    records = history_count()

    preview = upload(client, world.plan, workbook([header, second, new_task]))

    changes = preview.context["changes"]
    assert (changes.tasks_added, changes.tasks_changed) == (["Đón đoàn hữu nghị"], [second[5]])
    assert changes.tasks_removed == [world.task.content]
    assert (changes.areas_added, changes.areas_changed, changes.areas_removed) == ([], [], [])
    assert history_count() == records
    assert set(Task.objects.filter(area__plan=world.plan).values_list("pk", flat=True)) == {
        world.task.pk,
        deadline_task.pk,
    }

    confirmed = client.post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": preview.context["rows"]})

    assert confirmed.status_code == 302
    contents = list(Task.objects.filter(area__plan=world.plan).order_by("position").values_list("content", flat=True))
    assert contents == [second[5], "Đón đoàn hữu nghị"]


def test_a_confirmation_after_the_plan_changed_is_refused(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
    first[5] = "Nội dung từ tệp"
    preview = upload(client, world.plan, workbook([header, first, second]))
    Task.objects.filter(pk=deadline_task.pk).update(content="Sửa trong trình soạn thảo")

    response = client.post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": preview.context["rows"]})

    assert response.status_code == 400
    assert Task.objects.get(pk=world.task.pk).content != "Nội dung từ tệp"


def test_a_confirmation_is_still_all_or_nothing(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
    second[5] = "Nội dung đã sửa"
    preview = upload(client, world.plan, workbook([header, second]))
    world.entry()  # the task left out of the file gets progress before the confirmation

    response = client.post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": preview.context["rows"]})

    assert response.status_code == 400
    assert Task.objects.get(pk=deadline_task.pk).content == "Tổ chức hội nghị xúc tiến đầu tư"
    assert Task.objects.filter(pk=world.task.pk).exists()


def test_forged_rows_and_rows_of_another_user_or_plan_are_refused(world, login, deadline_task):
    client = login("specialist")
    _title, header, first, second = rows_of(download(client, world.plan))
    first[5] = "Nội dung từ tệp"
    rows = upload(client, world.plan, workbook([header, first, second])).context["rows"]
    other_plan = TaskFactory().area.plan

    forged = client.post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": rows[:-3] + "abc"})
    elsewhere = client.post(reverse("plans:plan_import", args=[other_plan.pk]), {"rows": rows})
    by_another = login("administrator").post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": rows})
    by_staff = login("staff_a").post(reverse("plans:plan_import", args=[world.plan.pk]), {"rows": rows})

    assert (forged.status_code, elsewhere.status_code, by_another.status_code) == (400, 400, 400)
    assert by_staff.status_code == 403
    assert Task.objects.get(pk=world.task.pk).content == world.task.content


def test_the_filled_template_fills_a_plan_with_its_title_row_kept(world, login):
    client = login("specialist")
    template = rows_of(client.get(reverse("plans:plan_template")).content)
    empty_plan = PlanFactory(document_number="12/KH-UBND")
    rows = [
        template[0],
        template[1],
        [None, "I", "Ngoại giao kinh tế", None, 1, "Xúc tiến đầu tư", "so tai chinh", "SNgV"]
        + ["Theo thời hạn", "30/06/2027"],
        [None, None, None, None, 2, "Hội chợ", "SNgV", None, "Hằng năm", None, None, "Gian hàng: 10 gian"],
    ]

    response = import_file(client, empty_plan, workbook(rows))

    assert response.status_code == 302
    area = empty_plan.areas.get()
    first, second = area.tasks.order_by("position")
    assert (area.title, first.lead_department, first.deadline) == (
        "Ngoại giao kinh tế",
        world.departments["c"],
        datetime.date(2027, 6, 30),
    )
    assert [d.code for d in first.coordinating_departments.all()] == ["SNgV"]
    assert (second.timing, second.targets.get().target_value) == (TaskTiming.YEARLY, 10)


def test_a_file_over_the_size_cap_is_refused_before_it_is_read(world, login, settings):
    settings.PLAN_IMPORT_MAX_MB = 0
    client = login("specialist")

    response = upload(client, world.plan, download(client, world.plan))

    assert response.status_code == 400
    assert "Tệp lớn hơn 0 MB" in response.content.decode()


def test_an_area_left_out_whose_task_has_progress_is_named_not_a_server_error(world, login):
    world.entry()
    other_area = TaskAreaFactory(plan=world.plan, position=2, title="Thông tin đối ngoại")
    TaskFactory(area=other_area, lead_department=world.departments["c"])
    client = login("specialist")
    _title, header, _first, second = rows_of(download(client, world.plan))

    response = upload(client, world.plan, workbook([header, second]))

    assert response.status_code == 400
    assert f"Các cơ quan đã báo cáo tiến độ nhiệm vụ “{world.task.content}”" in response.content.decode()
    assert world.plan.areas.count() == 2


def test_errors_name_the_rows_as_excel_numbers_them_under_the_title_row(world, login, deadline_task):
    client = login("specialist")
    rows = rows_of(download(client, world.plan))
    rows[2][8] = "Thỉnh thoảng"  # the first task, on the sheet's third row

    response = upload(client, world.plan, workbook(rows))

    assert response.status_code == 400
    assert "Dòng 3, cột “Thời gian”" in response.content.decode()
