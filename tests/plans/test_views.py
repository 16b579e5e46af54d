"""Pages of the progress workflow: my work, the progress form, the plan page, the review page."""

import datetime
import io
import os
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from plans.choices import ProgressStatus, WorkflowState
from plans.models import ProgressAttachment, Task, TaskArea, TaskProgress
from plans.obligation_builds import obligations_changed
from tests.plans.factories import PlanFactory, TaskAreaFactory, TaskFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def form_url(world):
    return reverse("plans:progress_edit", args=[world.task.pk, world.period.pk])


def form_data(world, version=0, **overrides):
    data = {
        "version": version,
        "status": ProgressStatus.IN_PROGRESS,
        "percent_done": 60,
        "results": "Đã tổ chức 2 lớp tiếng Việt",
        "difficulties": "",
        "proposals": "",
        f"target_{world.target.pk}": "2",
        "action": "save",
    }
    return {**data, **overrides}


def add_tasks(world, count, department="a"):
    """Add count tasks led by a department, in bulk so that large counts stay quick."""
    area = TaskAreaFactory(plan=world.plan, position=TaskArea.objects.count() + 1)
    Task.objects.bulk_create(
        Task(
            area=area,
            position=index + 1,
            content=f"Nhiệm vụ đối ngoại số {index}",
            search_text=f"nhiem vu doi ngoai so {index}",
            lead_department=world.departments[department],
        )
        for index in range(count)
    )
    tasks = list(area.tasks.all())
    TaskProgress.objects.bulk_create(
        TaskProgress(task=task, period=world.period, department=task.lead_department, state=WorkflowState.SUBMITTED)
        for task in tasks[::2]
    )
    Task.coordinating_departments.through.objects.bulk_create(
        Task.coordinating_departments.through(task_id=task.pk, department_id=world.departments["b"].pk)
        for task in tasks[::3]
    )
    obligations_changed()  # bulk writes send no signals
    return tasks


# --- my work --------------------------------------------------------------------------------


def test_my_work_lists_led_and_coordinated_tasks_of_the_current_period(world, login):
    other = TaskFactory(area=world.area, position=2, content="Việc của sở khác", lead_department=world.departments["c"])

    page_a = login("staff_a").get(reverse("plans:my_work")).content.decode()
    page_b = login("staff_b").get(reverse("plans:my_work")).content.decode()

    assert world.task.content in page_a and other.content not in page_a
    assert world.task.content in page_b and "Phối hợp" in page_b
    assert world.period.label in page_a


@pytest.mark.parametrize("query", ["doi ngoai", "đối ngoại", "ĐỐI NGOẠI", "Luong Pha Bang"])
def test_my_work_search_ignores_diacritics(world, login, query):
    TaskFactory(area=world.area, position=2, content="Hợp tác kinh tế", lead_department=world.departments["a"])

    response = login("staff_a").get(reverse("plans:my_work"), {"q": query})

    tasks = list(response.context["tasks"])
    assert tasks == [world.task]


def test_my_work_filters_by_state_and_plan(world, login):
    world.entry(state=WorkflowState.RETURNED)
    second_plan = PlanFactory(document_number="7/KH-UBND")
    TaskFactory(area=TaskAreaFactory(plan=second_plan), lead_department=world.departments["a"])
    client = login("staff_a")

    returned = client.get(reverse("plans:my_work"), {"state": "returned"}).context["tasks"]
    missing = client.get(reverse("plans:my_work"), {"state": "missing"}).context["tasks"]
    by_plan = client.get(reverse("plans:my_work"), {"plan": second_plan.pk}).context["tasks"]

    assert list(returned) == [world.task]
    assert world.task not in list(missing) and len(missing) == 1
    assert world.task not in list(by_plan) and len(by_plan) == 1


def test_my_work_offers_only_the_plans_and_areas_in_force_during_the_period(world, login):
    closed = PlanFactory(document_number="3/KH-UBND", start_year=2017, end_year=2018, continues_after=False)
    closed_area = TaskAreaFactory(plan=closed, title="Lĩnh vực của kế hoạch đã hết hiệu lực")

    filters = login("staff_a").get(reverse("plans:my_work")).context["filterset"].form

    assert list(filters.fields["plan"].queryset) == [world.plan]
    assert [filters.fields[name].empty_label for name in ("plan", "area", "department")] == ["Tất cả"] * 3
    assert world.area in filters.fields["area"].queryset
    assert closed_area not in filters.fields["area"].queryset
    # the plan page of the closed plan still offers its own areas
    plan_page = login("specialist").get(reverse("plans:plan_detail", args=[closed.pk]))
    assert list(plan_page.context["filterset"].form.fields["area"].queryset) == [closed_area]


def test_my_work_shows_overdue_and_due_soon_badges(world, login):
    today = timezone.localdate()
    world.task.deadline = today - datetime.timedelta(days=1)
    world.task.save()
    TaskFactory(
        area=world.area, position=2, lead_department=world.departments["a"], deadline=today + datetime.timedelta(days=3)
    )

    page = login("staff_a").get(reverse("plans:my_work")).content.decode()

    assert "Nhiệm vụ quá hạn" in page
    assert "Nhiệm vụ sắp đến hạn" in page


def test_my_work_marks_the_report_overdue_after_the_period_deadline(world, login):
    world.period.deadline = world.period.end_date = timezone.localdate() - datetime.timedelta(days=1)
    world.period.start_date = world.period.end_date - datetime.timedelta(days=80)
    world.period.save()

    response = login("staff_a").get(reverse("plans:my_work"), {"period": world.period.pk})

    assert "Báo cáo quá hạn" in response.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_my_work_query_count_does_not_grow_with_tasks(world, login, django_assert_num_queries, count):
    add_tasks(world, count)
    client = login("staff_a")
    client.get(reverse("plans:my_work"), {"period": world.period.pk})  # the period's obligations stored

    # Eleven, the page's count of rows, and the bell's unread count.
    with django_assert_num_queries(13):
        response = client.get(reverse("plans:my_work"), {"period": world.period.pk})

    # A page of at most 50 rows, the rest on the next pages.
    assert len(response.context["tasks"]) == min(count + 1, 50)
    assert response.context["page_obj"].paginator.count == count + 1


# --- progress form: concurrency, bad input, attachments ----------------------------------------


def test_progress_form_refuses_a_stale_save_and_keeps_the_text(world, login):
    progress = world.entry(results="Bản của người thứ nhất")
    loaded_version = progress.version
    # the head saves first
    login("head_a").post(form_url(world), form_data(world, version=loaded_version, results="Bản của trưởng phòng"))

    response = login("staff_a").post(
        form_url(world), form_data(world, version=loaded_version, results="Bản của cán bộ")
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Bản của cán bộ" in page and "Bản của trưởng phòng" in page
    assert "head_a" in page or str(world.users["head_a"]) in page
    assert "đã sửa báo cáo này lúc" in page
    progress.refresh_from_db()
    assert progress.results == "Bản của trưởng phòng"
    # a second, deliberate save (the form now carries the current version) goes through
    again = response.context["form"].data.copy()
    assert login("staff_a").post(form_url(world), again).status_code == 302
    progress.refresh_from_db()
    assert progress.results == "Bản của cán bộ"


def test_progress_form_refuses_a_stale_create(world, login):
    login("head_a").post(form_url(world), form_data(world, results="Trưởng phòng tạo trước"))

    response = login("staff_a").post(form_url(world), form_data(world, version=0, results="Cán bộ tạo sau"))

    assert response.status_code == 409
    assert TaskProgress.objects.get().results == "Trưởng phòng tạo trước"


def exe_as_pdf():
    return SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")


def big_file():
    return SimpleUploadedFile("lon.pdf", PDF + b"0" * (30 * 1024 * 1024), content_type="application/pdf")


@pytest.mark.parametrize(
    "overrides,files,message",
    [
        ({"percent_done": 120}, {}, "nhỏ hơn hoặc bằng với 100"),
        ({"status": "finished"}, {}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"status": ""}, {}, "Trường này là bắt buộc"),
        ({"status": "completed", "percent_done": 80}, {}, "phải đạt tỷ lệ 100 phần trăm"),
        ({"target_%s": "-1"}, {}, "lớn hơn hoặc bằng với 0"),
        ({}, {"attachments": exe_as_pdf}, "không phải là tệp .pdf thật"),
        ({}, {"attachments": big_file}, "mỗi tệp tối đa 20,0"),
        ({}, {"attachments": lambda: SimpleUploadedFile("a.exe", b"MZ" + b"0" * 10)}, "Không chấp nhận tệp a.exe"),
    ],
    ids=[
        "percent-120",
        "unknown-status",
        "missing-status",
        "completed-not-100",
        "negative-value",
        "exe-as-pdf",
        "30-mb",
        "exe",
    ],  # fmt: skip
)
def test_progress_form_bad_input_changes_nothing(world, login, overrides, files, message):
    progress = world.entry()
    before = (progress.version, progress.percent_done, progress.status, progress.target_values.count())
    overrides = {key.replace("%s", str(world.target.pk)): value for key, value in overrides.items()}
    data = form_data(world, version=progress.version, results="Không được lưu", **overrides)
    data.update({name: make() for name, make in files.items()})

    response = login("staff_a").post(form_url(world), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    progress.refresh_from_db()
    assert (progress.version, progress.percent_done, progress.status, progress.target_values.count()) == before
    assert progress.results != "Không được lưu"
    assert ProgressAttachment.objects.count() == 0


def test_progress_form_stores_attachments_outside_the_web_root(world, login, media_root):
    upload = SimpleUploadedFile("bao-cao.pdf", PDF, content_type="application/pdf")

    response = login("staff_a").post(form_url(world), {**form_data(world), "attachments": [upload]})

    assert response.status_code == 302
    attachment = ProgressAttachment.objects.get()
    assert attachment.content_type == "application/pdf"
    assert str(media_root) in attachment.file.path
    download = login("staff_a").get(reverse("plans:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert login("staff_b").get(reverse("plans:attachment_download", args=[attachment.pk])).status_code == 404


def test_progress_form_accepts_word_excel_and_images(world, login):
    import docx
    import openpyxl

    document, workbook = io.BytesIO(), io.BytesIO()
    docx.Document().save(document)
    openpyxl.Workbook().save(workbook)
    uploads = [
        SimpleUploadedFile("bao-cao.docx", document.getvalue()),
        SimpleUploadedFile("so-lieu.xlsx", workbook.getvalue()),
        SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64),
    ]

    response = login("staff_a").post(form_url(world), {**form_data(world), "attachments": uploads})

    assert response.status_code == 302
    assert ProgressAttachment.objects.count() == 4


# --- task page --------------------------------------------------------------------------------


def test_task_page_shows_only_the_own_departments_entry_to_staff(world, login):
    world.entry("a", results="Kết quả của sở chủ trì")
    world.entry("b", results="Kết quả của sở phối hợp")

    page_b = login("staff_b").get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()
    page_lead = login("leadership").get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()

    assert "Kết quả của sở phối hợp" in page_b and "Kết quả của sở chủ trì" not in page_b
    assert "Kết quả của sở phối hợp" in page_lead and "Kết quả của sở chủ trì" in page_lead
    assert "step-approve" not in page_lead and "step-accept" not in page_lead and "step-return" not in page_lead


# --- plan page --------------------------------------------------------------------------------


def test_plan_page_shows_latest_state_and_filters(world, login):
    world.entry(state=WorkflowState.APPROVED)
    other = TaskFactory(area=world.area, position=2, content="Nhiệm vụ khác", lead_department=world.departments["c"])
    client = login("specialist")
    url = reverse("plans:plan_detail", args=[world.plan.pk])

    page = client.get(url).content.decode()
    approved = client.get(url, {"state": "approved"}).content.decode()
    by_department = client.get(url, {"department": world.departments["c"].pk}).content.decode()

    assert 'data-state="approved"' in page and 'data-state="missing"' in page
    assert world.task.content in approved and other.content not in approved
    assert other.content in by_department and world.task.content not in by_department


def test_plan_page_filters_overdue_tasks(world, login):
    world.task.deadline = timezone.localdate() - datetime.timedelta(days=5)
    world.task.save()
    done = TaskFactory(area=world.area, position=2, content="Đã xong", lead_department=world.departments["a"])
    done.deadline = world.task.deadline
    done.save()
    TaskProgress.objects.create(
        task=done, period=world.period, department=world.departments["a"], status="completed", percent_done=100
    )

    page = login("leadership").get(reverse("plans:plan_detail", args=[world.plan.pk]), {"overdue": "true"})

    assert world.task.content in page.content.decode()
    assert "Đã xong" not in page.content.decode()


@pytest.mark.parametrize("count", [10, 500])
def test_plan_page_query_count_does_not_grow_with_tasks(world, login, django_assert_num_queries, count):
    add_tasks(world, count)
    client = login("specialist")

    # Ten, the page's count and task ids, the plans this one replaces, the plans the status form
    # offers, and the bell's unread count.
    with django_assert_num_queries(15):
        response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]))

    # A page of at most 100 tasks, the rest on the next pages.
    assert response.content.decode().count('data-state="') == min(count + 1, 100)


@pytest.mark.parametrize("query", [{"state": "submitted"}, {"state": "missing", "page": "2"}])
def test_plan_page_progress_filters_keep_the_query_count(world, login, django_assert_num_queries, query):
    add_tasks(world, 500)
    client = login("specialist")

    # Without a progress filter the page counts and orders the tasks without their progress; with one,
    # in the same queries.
    with django_assert_num_queries(15):
        response = client.get(reverse("plans:plan_detail", args=[world.plan.pk]), query)

    states = re.findall(r'data-state="([a-z_]+)"', response.content.decode())
    assert len(states) == 100 and set(states) == {query["state"]}


# --- review page ------------------------------------------------------------------------------


def test_review_page_lists_every_department_and_task_with_counts(world, login):
    world.entry("a", state=WorkflowState.APPROVED)

    response = login("specialist").get(reverse("plans:review"), {"state": ""})

    rows = response.context["rows"]
    assert [(row["department"].code, row["state"]) for row in rows] == [("sgddt", None), ("svhttdl", "approved")]
    counts = {department.code: department for department in response.context["counts"]}
    assert (counts["svhttdl"].expected, counts["svhttdl"].count_approved, counts["svhttdl"].count_missing) == (1, 1, 0)
    assert (counts["sgddt"].expected, counts["sgddt"].count_missing) == (1, 1)


def test_review_bulk_accept_accepts_only_approved_entries(world, login):
    approved = world.entry("a", state=WorkflowState.APPROVED)
    submitted = world.entry("b", state=WorkflowState.SUBMITTED)

    response = login("specialist").post(
        reverse("plans:review_accept", args=[world.period.pk]), {"progress": [approved.pk, submitted.pk]}, follow=True
    )

    approved.refresh_from_db()
    submitted.refresh_from_db()
    assert (approved.state, submitted.state) == (WorkflowState.ACCEPTED, WorkflowState.SUBMITTED)
    assert "Đã tiếp nhận 1 báo cáo; bỏ qua 1 báo cáo" in response.content.decode()
    assert approved.history.first().history_user == world.users["specialist"]


def test_review_reminder_mails_departments_that_have_not_submitted(world, login, django_capture_on_commit_callbacks):
    world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):  # the e-mail goes after the commit
        response = login("specialist").post(reverse("plans:review_remind", args=[world.period.pk]), follow=True)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {"giaoduc@example.vn", "staff_b@example.vn", "head_b@example.vn"}
    assert world.period.label in message.subject and "Kính gửi Sở Giáo dục và Đào tạo" in message.body
    assert "Đã gửi nhắc nhở đến 1 đơn vị" in response.content.decode()


def test_review_page_opens_on_what_needs_action_and_shows_every_row_on_request(world, login):
    world.entry("a", state=WorkflowState.APPROVED)
    client = login("specialist")

    opened = client.get(reverse("plans:review"), {"period": world.period.pk})
    page = opened.content.decode()

    assert [(row["department"].code, row["state"]) for row in opened.context["rows"]] == [("svhttdl", "approved")]
    assert opened.context["filter_form"]["state"].value() == "approved"
    assert "Đang hiển thị các báo cáo lãnh đạo đơn vị đã duyệt, chờ anh/chị tiếp nhận." in page
    every_row = f"?period={world.period.pk}&amp;state=#review-list"
    assert every_row in page
    # the counts above the list still cover every department
    assert {department.code for department in opened.context["counts"]} == {"svhttdl", "sgddt"}

    everything = client.get(reverse("plans:review"), {"period": world.period.pk, "state": ""})
    assert everything.context["page_obj"].paginator.count == 2
    assert "review-needs-action" not in everything.content.decode()
    # another filter without a state shows every state of it
    department = client.get(
        reverse("plans:review"), {"period": world.period.pk, "department": world.departments["b"].pk}
    )
    assert [row["state"] for row in department.context["rows"]] == [None]


def test_review_page_says_when_nothing_waits_for_acceptance(world, login):
    world.entry("a", state=WorkflowState.SUBMITTED)

    response = login("specialist").get(reverse("plans:review"), {"period": world.period.pk})

    assert list(response.context["rows"]) == []
    assert "Không có báo cáo nào chờ tiếp nhận." in response.content.decode()


def review_queries(client, **query) -> tuple[int, object]:
    query.setdefault("state", "")  # every row, not only what needs action
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plans:review"), query)
    assert response.status_code == 200
    return len(queries), response


def test_review_page_query_count_is_the_same_at_50_and_2000_tasks(world, login):
    client = login("specialist")
    add_tasks(world, 50)
    review_queries(client, period=world.period.pk)  # the period's obligations stored
    small, response = review_queries(client, period=world.period.pk)
    assert response.context["page_obj"].paginator.count == 50 + 2 + len(range(0, 50, 3))

    add_tasks(world, 1950)
    review_queries(client, period=world.period.pk)
    large, response = review_queries(client, period=world.period.pk, page=3)

    assert large == small
    assert response.context["page_obj"].paginator.count == 2000 + 2 + 17 + len(range(0, 1950, 3))
    assert len(response.context["rows"]) == 50


# --- attachments: removal and history ---------------------------------------------------------


def attached(world, state=WorkflowState.DRAFT):
    progress = world.entry(state=state)
    attachment = ProgressAttachment.objects.create(
        progress=progress,
        file=SimpleUploadedFile("bao-cao.pdf", PDF),
        original_name="bao-cao.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    return progress, attachment


def test_staff_removes_an_attachment_of_a_draft_and_the_history_shows_it(
    world, login, django_capture_on_commit_callbacks
):
    progress, attachment = attached(world)
    path = attachment.file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = login("staff_a").post(reverse("plans:attachment_delete", args=[attachment.pk]))

    assert response.status_code == 302
    assert not ProgressAttachment.objects.exists()
    assert not os.path.exists(path)
    page = login("staff_a").get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()
    assert "Đã gỡ tệp" in page and "bao-cao.pdf" in page


@pytest.mark.parametrize(
    "role,state,expected", [("staff_b", "draft", 404), ("specialist", "draft", 403), ("staff_a", "submitted", 403)]
)
def test_attachment_removal_is_refused_outside_an_editable_own_entry(world, login, role, state, expected):
    progress, attachment = attached(world, state=state)

    response = login(role).post(reverse("plans:attachment_delete", args=[attachment.pk]))

    assert response.status_code == expected
    assert ProgressAttachment.objects.filter(pk=attachment.pk).exists()
    assert os.path.exists(attachment.file.path)


def test_history_shows_achieved_values_and_attachments(world, login):
    client = login("staff_a")
    url = reverse("plans:progress_edit", args=[world.task.pk, world.period.pk])
    upload = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    client.post(url, {**form_data(world), "attachments": [upload]})
    progress = TaskProgress.objects.get()
    client.post(url, form_data(world, version=progress.version, **{f"target_{world.target.pk}": "3"}))

    page = client.get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()

    assert "Lớp tiếng Việt</strong>: 2 → 3" in page
    assert "Đã đính kèm tệp" in page and "anh.png" in page


def test_plan_page_lists_only_the_departments_tasks_for_staff(world, login):
    other = TaskFactory(area=world.area, position=2, content="Việc của sở khác", lead_department=world.departments["c"])

    page = login("staff_a").get(reverse("plans:plan_detail", args=[world.plan.pk])).content.decode()

    assert world.task.content in page and other.content not in page
    assert "Chỉ hiển thị các nhiệm vụ do đơn vị của bạn chủ trì hoặc phối hợp" in page


@pytest.mark.parametrize("name", ["plans:my_work", "plans:review"])
def test_unknown_period_answers_404(world, login, name):
    client = login("specialist")

    assert client.get(reverse(name), {"period": "abc"}).status_code == 404
    assert client.get(reverse(name), {"period": "999999"}).status_code == 404
