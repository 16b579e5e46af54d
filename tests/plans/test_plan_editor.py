"""The plan editor: a plan, its areas and tasks on one page, saved all or nothing through plans.table."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from plans.choices import PlanStatus, TaskTiming
from plans.models import Plan, Task, TaskArea
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory

pytestmark = pytest.mark.django_db


def edit_url(plan) -> str:
    return reverse("plans:plan_edit", args=[plan.pk])


def posted(response, **changes) -> dict:
    """The editor's page as the browser would send it back, with `changes` ({"rows-0-text": …}) applied."""
    context = response.context
    data = {}
    for field in context["header"]:
        value = field.value()
        if isinstance(value, datetime.date):
            value = value.strftime("%d/%m/%Y")
        if field.name != "signed_document" and value not in (None, False):
            data[field.html_name] = value
    rows = context["rows"]
    for name, value in rows.management_form.initial.items():
        data[f"rows-{name}"] = value
    for form in rows.forms:
        for field in form:
            value = field.value()
            if isinstance(value, datetime.date):
                value = value.strftime("%d/%m/%Y")
            if value not in (None, False, ""):
                data[field.html_name] = value
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def history_count() -> int:
    return Task.history.count() + TaskArea.history.count()


def test_the_editor_shows_the_whole_plan_for_a_specialist(world, login):
    response = login("specialist").get(edit_url(world.plan))

    assert response.status_code == 200
    rows = response.context["rows"].forms
    assert [form.initial["kind"] for form in rows] == ["area", "task"]
    task = rows[1].initial
    assert (task["lead"], task["coordinating"]) == ("Sở Văn hóa, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo")
    assert task["targets"] == "Lớp tiếng Việt: 3 lớp"


@pytest.mark.parametrize(("user", "status"), [("staff_a", 403), ("head_a", 403), ("leadership", 403)])
def test_only_specialists_and_administrators_edit_plans(world, login, user, status):
    client = login(user)

    assert client.get(edit_url(world.plan)).status_code == status
    assert client.post(edit_url(world.plan), {"action": "save"}).status_code == status
    assert client.get(reverse("plans:plan_create")).status_code == status


def test_the_statistics_reader_does_not_find_the_editor(world, login):
    assert login("statistics_reader").get(edit_url(world.plan)).status_code == 404


def test_saving_the_page_unchanged_writes_nothing(world, login):
    client = login("specialist")
    before = history_count()

    response = client.post(edit_url(world.plan), posted(client.get(edit_url(world.plan))))

    assert response.status_code == 302
    assert history_count() == before


def new_plan_data(**overrides) -> dict:
    rows = [
        {"kind": "area", "text": "Ngoại giao kinh tế"},
        {
            "kind": "task",
            "text": "Tổ chức hội nghị xúc tiến đầu tư tại Nhật Bản",
            "lead": "so ngoai vu",  # typed without diacritics
            "coordinating": "Sở Tài chính; sở văn hóa, thể thao và du lịch",
            "timing": TaskTiming.DEADLINE,
            "deadline": "30/09/2026",
            "expected_output": "Hội nghị; báo cáo kết quả",
            "targets": "Dự án được cấp phép: 2 dự án\nVốn đăng ký: 1.500 tỷ đồng",
        },
        {"kind": "area", "text": "Thông tin đối ngoại"},
        {"kind": "task", "text": "Cập nhật cổng thông tin đối ngoại", "lead": "SNgV", "timing": "continuous"},
    ]
    data = {
        "action": "save",
        "kind": "KH",
        "document_number": "120/KH-UBND",
        "issuer": "UBND tỉnh Sơn La",
        "issue_date": "15/01/2026",
        "title": "Kế hoạch công tác đối ngoại năm 2026",
        "start_year": "2026",
        "end_year": "2026",
        "rows-TOTAL_FORMS": str(len(rows)),
        "rows-INITIAL_FORMS": "0",
    }
    for index, row in enumerate(rows):
        data.update({f"rows-{index}-{key}": value for key, value in row.items()})
        data[f"rows-{index}-ORDER"] = str(index + 1)
    data.update(overrides)
    return data


def test_a_specialist_creates_a_plan_with_its_areas_and_tasks_in_one_save(world, login):
    response = login("specialist").post(reverse("plans:plan_create"), new_plan_data())

    plan = Plan.objects.get(document_number="120/KH-UBND")
    assert response.status_code == 302 and response.url == reverse("plans:plan_detail", args=[plan.pk])
    assert plan.status == PlanStatus.DRAFT
    assert list(plan.areas.values_list("position", "title")) == [(1, "Ngoại giao kinh tế"), (2, "Thông tin đối ngoại")]
    task = Task.objects.get(area__plan=plan, area__position=1)
    assert task.lead_department.code == "SNgV"
    assert {body.code for body in task.coordinating_departments.all()} == {"stc", "svhttdl"}
    assert (task.timing, task.deadline) == (TaskTiming.DEADLINE, datetime.date(2026, 9, 30))
    assert {(t.name, t.unit, t.target_value) for t in task.targets.all()} == {
        ("Dự án được cấp phép", "dự án", Decimal("2")),
        ("Vốn đăng ký", "tỷ đồng", Decimal("1500")),
    }


def test_rows_are_saved_in_the_order_the_user_put_them(world, login):
    # the second area's task moved up under the first area, before the first task
    data = new_plan_data(**{"rows-3-ORDER": "2", "rows-1-ORDER": "3", "rows-2-ORDER": "4"})

    login("specialist").post(reverse("plans:plan_create"), data)

    plan = Plan.objects.get(document_number="120/KH-UBND")
    first = plan.areas.get(position=1)
    assert list(first.tasks.order_by("position").values_list("content", flat=True)) == [
        "Cập nhật cổng thông tin đối ngoại",
        "Tổ chức hội nghị xúc tiến đầu tư tại Nhật Bản",
    ]
    assert plan.areas.get(position=2).tasks.count() == 0


def test_an_unknown_body_is_named_by_row_and_column_and_nothing_is_saved(world, login):
    response = login("specialist").post(reverse("plans:plan_create"), new_plan_data(**{"rows-3-lead": "Sở Không Có"}))

    assert response.status_code == 400
    assert not Plan.objects.filter(document_number="120/KH-UBND").exists()
    page = response.content.decode()
    assert "Không có cơ quan nào tên “Sở Không Có”" in page
    assert response.context["rows"].forms[3].errors["lead"]


def test_a_task_before_any_area_is_refused(world, login):
    data = new_plan_data(**{"rows-0-ORDER": "2", "rows-1-ORDER": "1"})

    response = login("specialist").post(reverse("plans:plan_create"), data)

    assert response.status_code == 400
    assert "Dòng đầu tiên phải là một lĩnh vực" in response.content.decode()
    assert not Plan.objects.filter(document_number="120/KH-UBND").exists()


def test_a_wrong_target_line_is_explained(world, login):
    response = login("specialist").post(reverse("plans:plan_create"), new_plan_data(**{"rows-1-targets": "hai dự án"}))

    assert response.status_code == 400
    assert response.context["rows"].forms[1].errors["targets"]
    assert not Plan.objects.filter(document_number="120/KH-UBND").exists()


def test_a_task_with_reported_progress_cannot_be_removed(world, login):
    world.entry()
    client = login("specialist")
    data = posted(client.get(edit_url(world.plan)), **{"rows-1-DELETE": "on"})

    response = client.post(edit_url(world.plan), data)

    assert response.status_code == 400
    assert Task.objects.filter(pk=world.task.pk).exists()
    assert "không thể gỡ bỏ" in response.content.decode()


def test_editing_changes_moves_adds_and_removes_rows(world, login):
    spare = TaskFactory(area=world.area, position=2, content="Nhiệm vụ bỏ đi", lead_department=world.departments["c"])
    client = login("specialist")
    data = posted(
        client.get(edit_url(world.plan)),
        **{
            "rows-1-text": "Tổ chức các hoạt động đối ngoại nhân dân với Luông Pha Băng và Hủa Phăn",
            "rows-2-DELETE": "on",
            "rows-TOTAL_FORMS": "4",
            "rows-3-kind": "task",
            "rows-3-text": "Biên soạn tài liệu thông tin đối ngoại",
            "rows-3-lead": "Sở Giáo dục và Đào tạo",
            "rows-3-timing": "yearly",
            "rows-3-ORDER": "2",
            "rows-1-ORDER": "3",
        },
    )

    response = client.post(edit_url(world.plan), data)

    assert response.status_code == 302
    assert not Task.objects.filter(pk=spare.pk).exists()
    tasks = list(world.area.tasks.order_by("position").values_list("position", "content"))
    assert tasks == [
        (1, "Biên soạn tài liệu thông tin đối ngoại"),
        (2, "Tổ chức các hoạt động đối ngoại nhân dân với Luông Pha Băng và Hủa Phăn"),
    ]
    world.task.refresh_from_db()
    assert world.task.targets.get().target_value == 3  # kept as it was


def test_a_row_of_another_plan_cannot_be_taken_over(world, login):
    other = TaskFactory(area=TaskAreaFactory(plan=PlanFactory()), content="Của kế hoạch khác")
    client = login("specialist")
    data = posted(client.get(edit_url(world.plan)), **{"rows-1-id": str(other.pk)})

    response = client.post(edit_url(world.plan), data)

    assert response.status_code == 400
    other.refresh_from_db()
    assert other.content == "Của kế hoạch khác" and other.area.plan != world.plan


def add_tasks(plan, count):
    area = TaskAreaFactory(plan=plan, position=plan.areas.count() + 1)
    Task.objects.bulk_create(
        Task(area=area, position=index + 1, content=f"Nhiệm vụ {index}", lead_department_id=plan_lead(plan))
        for index in range(count)
    )


def plan_lead(plan) -> int:
    return Task.objects.filter(area__plan=plan).values_list("lead_department_id", flat=True).first()


def test_the_editor_costs_the_same_queries_at_6_and_60_tasks(world, login):
    client = login("specialist")
    add_tasks(world.plan, 5)
    with CaptureQueriesContext(connection) as small:
        assert client.get(edit_url(world.plan)).status_code == 200
    add_tasks(world.plan, 54)
    with CaptureQueriesContext(connection) as large:
        response = client.get(edit_url(world.plan))

    assert len(response.context["rows"].forms) == 3 + 60
    assert len(large.captured_queries) == len(small.captured_queries)


PASTED_PLAN = """ỦY BAN NHÂN DÂN
TỈNH SƠN LA
Số: 15/KH-UBND
Sơn La, ngày 20 tháng 01 năm 2026
KẾ HOẠCH
Triển khai công tác đối ngoại năm 2026
I. NGOẠI GIAO KINH TẾ
1. Tổ chức đoàn xúc tiến đầu tư tại Nhật Bản. Sở Ngoại vụ chủ trì, phối hợp với Sở Tài chính; thời gian: Quý III/2026.
II. THÔNG TIN ĐỐI NGOẠI
1. Cập nhật thông tin đối ngoại trên cổng thông tin điện tử. Sở Ngoại vụ chủ trì; thời gian: thường xuyên.
"""


def test_reading_pasted_text_fills_the_editor_and_saves_nothing(world, login):
    response = login("specialist").post(reverse("plans:plan_create"), {"action": "read", "text": PASTED_PLAN})

    assert response.status_code == 200
    assert not Plan.objects.filter(document_number="15/KH-UBND").exists()
    assert response.context["header"].initial["document_number"] == "15/KH-UBND"
    rows = [form.initial for form in response.context["rows"].forms]
    assert [row["kind"] for row in rows] == ["area", "task", "area", "task"]
    assert rows[1]["lead"] == "Sở Ngoại vụ"
    assert "Triển khai công tác đối ngoại năm 2026" in response.content.decode()


def test_reading_nothing_explains_what_to_give(world, login):
    response = login("specialist").post(reverse("plans:plan_create"), {"action": "read", "text": "  "})

    assert response.status_code == 400
    assert "Hãy chọn tệp kế hoạch hoặc dán nội dung" in response.content.decode()


def test_the_reader_fills_the_years_from_the_title_and_writes_headings_as_titles(world, login):
    text = PASTED_PLAN.replace("năm 2026\nI.", "giai đoạn 2026 – 2030\nI.")

    response = login("specialist").post(reverse("plans:plan_create"), {"action": "read", "text": text})

    header = response.context["header"].initial
    assert (header["start_year"], header["end_year"]) == (2026, 2030)
    assert response.context["rows"].forms[0].initial["text"] == "Ngoại giao kinh tế"


def test_saving_an_unchanged_plan_costs_the_same_queries_at_6_and_60_tasks(world, login):
    client = login("specialist")

    def save_queries() -> int:
        data = posted(client.get(edit_url(world.plan)))
        with CaptureQueriesContext(connection) as queries:
            assert client.post(edit_url(world.plan), data).status_code == 302
        return len(queries)

    add_tasks(world.plan, 5)
    small = save_queries()
    add_tasks(world.plan, 54)

    assert save_queries() == small
