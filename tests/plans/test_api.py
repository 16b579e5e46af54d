"""The plans API: scoped reads, progress writes with ETag/If-Match, workflow actions, filters, schema."""

import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.choices import WorkflowState
from plans.models import Task, TaskArea, TaskProgress
from tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(world):
    def _client(name):
        client = APIClient()
        client.force_authenticate(world.users[name])
        return client

    return _client


def detail(progress):
    return reverse("api:progress-detail", args=[progress.pk])


def test_progress_read_sends_the_version_as_etag(world, api):
    progress = world.entry()

    response = api("staff_a").get(detail(progress))

    assert response.status_code == 200
    assert response["ETag"] == f'"{progress.version}"'
    assert response.json()["results"] == progress.results


def test_progress_update_without_if_match_is_refused(world, api):
    progress = world.entry()

    response = api("staff_a").patch(detail(progress), {"results": "Mới"}, format="json")

    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    progress.refresh_from_db()
    assert progress.results != "Mới"


def test_progress_update_with_a_stale_etag_gets_412_and_changes_nothing(world, api):
    progress = world.entry()
    stale = f'"{progress.version}"'
    assert (
        api("head_a")
        .patch(detail(progress), {"results": "Của trưởng phòng"}, format="json", headers={"If-Match": stale})
        .status_code
        == 200
    )

    response = api("staff_a").patch(
        detail(progress), {"results": "Của cán bộ"}, format="json", headers={"If-Match": stale}
    )

    assert response.status_code == 412
    assert "đã sửa báo cáo này lúc" in response.json()["detail"]
    progress.refresh_from_db()
    assert progress.results == "Của trưởng phòng"


def test_progress_update_with_the_current_etag_saves_and_moves_the_version(world, api):
    progress = world.entry()

    response = api("staff_a").patch(
        detail(progress),
        {"percent_done": 70, "target_values": [{"target": world.target.pk, "achieved_value": 2}]},
        format="json",
        headers={"If-Match": f'"{progress.version}"'},
    )

    assert response.status_code == 200
    progress.refresh_from_db()
    assert (progress.percent_done, progress.version) == (70, 2)
    assert response["ETag"] == '"2"'
    assert response.json()["target_values"] == [{"target": world.target.pk, "achieved_value": 2.0}]


@pytest.mark.parametrize(
    "body,message",
    [
        ({"percent_done": 120}, "nhỏ hơn hoặc bằng 100"),
        ({"status": "finished"}, "không phải là một lựa chọn hợp lệ"),
        ({"status": "completed", "percent_done": 50}, "phải đạt tỷ lệ 100 phần trăm"),
    ],
)
def test_progress_update_bad_input_is_refused_in_vietnamese(world, api, body, message):
    progress = world.entry()

    response = api("staff_a").patch(detail(progress), body, format="json", headers={"If-Match": '"1"'})

    assert response.status_code == 400
    assert message in json.dumps(response.json(), ensure_ascii=False)
    progress.refresh_from_db()
    assert (progress.version, progress.percent_done, progress.status) == (1, 40, "in_progress")


def test_progress_create_requires_the_status(world, api):
    response = api("staff_a").post(
        reverse("api:progress-list"), {"task": world.task.pk, "period": world.period.pk}, format="json"
    )

    assert response.status_code == 201  # status and percent have defaults: "chưa triển khai", 0 %
    assert TaskProgress.objects.get().status == "not_started"


def test_progress_workflow_through_the_api(world, api):
    created = api("staff_a").post(
        reverse("api:progress-list"),
        {"task": world.task.pk, "period": world.period.pk, "status": "in_progress", "percent_done": 50},
        format="json",
    )
    progress = TaskProgress.objects.get(pk=created.json()["id"])

    def step(user, name, **body):
        return api(user).post(reverse(f"api:progress-{name}", args=[progress.pk]), body, format="json")

    assert step("staff_a", "submit").status_code == 200
    assert step("head_a", "approve").status_code == 200
    refused = step("specialist", "return")
    assert refused.status_code == 400 and "Hãy nêu lý do trả lại" in json.dumps(refused.json(), ensure_ascii=False)
    assert step("specialist", "return", comment="Bổ sung số liệu").json()["state"] == WorkflowState.RETURNED
    assert step("staff_a", "submit").status_code == 200
    assert step("head_a", "approve").status_code == 200
    accepted = step("specialist", "accept")
    assert accepted.json()["state"] == WorkflowState.ACCEPTED
    assert list(progress.history.values_list("history_change_reason", flat=True))[:2] == ["accept", "approve"]


def test_progress_step_with_a_stale_etag_gets_412(world, api):
    progress = world.entry(state=WorkflowState.SUBMITTED)

    response = api("head_a").post(
        reverse("api:progress-approve", args=[progress.pk]), {}, format="json", headers={"If-Match": '"7"'}
    )

    assert response.status_code == 412
    progress.refresh_from_db()
    assert progress.state == WorkflowState.SUBMITTED


def test_progress_list_is_scoped_and_filtered(world, api):
    world.entry("a", state=WorkflowState.SUBMITTED)
    world.entry("b")

    own = api("staff_b").get(reverse("api:progress-list")).json()
    every = api("leadership").get(reverse("api:progress-list"), {"state": "submitted"}).json()
    none = api("staff_c").get(reverse("api:progress-list")).json()

    assert [row["department"] for row in own["results"]] == [world.departments["b"].pk]
    assert every["count"] == 1 and every["results"][0]["department"] == world.departments["a"].pk
    assert none["count"] == 0


@pytest.mark.parametrize("query", ["doi ngoai nhan dan", "đối ngoại nhân dân"])
def test_task_list_searches_without_diacritics(world, api, query):
    TaskFactory(area=world.area, position=2, content="Hợp tác kinh tế", lead_department=world.departments["a"])

    response = api("staff_a").get(reverse("api:task-list"), {"q": query})

    assert [row["id"] for row in response.json()["results"]] == [world.task.pk]


def test_task_list_shows_the_latest_state_and_filters_by_it(world, api):
    world.entry(state=WorkflowState.APPROVED)

    approved = api("specialist").get(reverse("api:task-list"), {"state": "approved"}).json()
    missing = api("specialist").get(reverse("api:task-list"), {"state": "missing"}).json()

    assert approved["count"] == 1 and approved["results"][0]["progress_state"] == "approved"
    assert missing["count"] == 0


def test_specialist_manages_plans_and_periods_through_the_api(world, api):
    client = api("specialist")

    renamed = client.patch(reverse("api:plan-detail", args=[world.plan.pk]), {"title": "Tên mới"}, format="json")
    period = client.post(
        reverse("api:period-list"),
        {"kind": "ad_hoc", "year": 2026, "name": "Báo cáo đột xuất", "start_date": "2026-01-01",
         "end_date": "2026-03-31", "deadline": "2026-04-03"},
        format="json",
    )  # fmt: skip

    assert renamed.status_code == 200
    assert period.status_code == 201
    assert (
        api("leadership")
        .patch(reverse("api:plan-detail", args=[world.plan.pk]), {"title": "Không được"}, format="json")
        .status_code
        == 403
    )


def test_api_refuses_anonymous(world):
    response = APIClient().get(reverse("api:progress-list"))

    assert response.status_code in (401, 403)


def test_schema_and_docs_are_served_without_cdn(admin_client):
    schema = admin_client.get(reverse("api-schema"))
    docs = admin_client.get(reverse("api-docs"))

    assert schema.status_code == 200
    assert b"/api/v1/progress/{id}/accept/" in schema.content
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower() and b"unpkg" not in docs.content.lower()


PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def test_progress_attachment_upload_checks_the_real_type(world, api):
    from django.core.files.uploadedfile import SimpleUploadedFile

    progress = world.entry()
    url = reverse("api:progress-attachments", args=[progress.pk])
    client = api("staff_a")

    fake = client.post(
        url,
        {"files": [SimpleUploadedFile("bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 64)]},
        format="multipart",
        headers={"If-Match": '"1"'},
    )
    real = client.post(
        url, {"files": [SimpleUploadedFile("bao-cao.pdf", PDF)]}, format="multipart", headers={"If-Match": '"1"'}
    )
    outsider = api("staff_c").post(
        url, {"files": [SimpleUploadedFile("x.pdf", PDF)]}, format="multipart", headers={"If-Match": '"2"'}
    )

    assert fake.status_code == 400
    assert "không phải là tệp .pdf thật" in json.dumps(fake.json(), ensure_ascii=False)
    assert real.status_code == 201
    assert [a["original_name"] for a in real.json()["attachments"]] == ["bao-cao.pdf"]
    assert outsider.status_code == 404
    download_url = real.json()["attachments"][0]["url"]
    assert api("specialist").get(download_url).status_code == 200
    assert b"".join(api("staff_a").get(download_url).streaming_content) == PDF
    assert api("staff_b").get(download_url).status_code == 404


def add_entries(world, count):
    """count tasks led by department A, each with an entry of A for the period."""
    area = TaskArea.objects.create(plan=world.plan, position=2, title="Thông tin đối ngoại")
    tasks = Task.objects.bulk_create(
        Task(area=area, position=index + 1, content=f"Nhiệm vụ {index}", lead_department=world.departments["a"])
        for index in range(count)
    )
    TaskProgress.objects.bulk_create(
        TaskProgress(task=task, period=world.period, department=world.departments["a"]) for task in tasks
    )


@pytest.mark.parametrize("count", [10, 500])
@pytest.mark.parametrize("name", ["api:task-list", "api:progress-list"])
def test_api_lists_use_a_fixed_number_of_queries(world, api, django_assert_max_num_queries, count, name):
    add_entries(world, count)
    client = api("specialist")

    with django_assert_max_num_queries(8):
        response = client.get(reverse(name), {"page_size": 50})

    assert response.status_code == 200
    assert response.json()["count"] >= count


def test_progress_put_replaces_the_reported_fields(world, api):
    progress = world.entry()
    body = {"status": "completed", "percent_done": 100, "results": "Hoàn thành", "difficulties": "", "proposals": ""}

    response = api("head_a").put(detail(progress), body, format="json", headers={"If-Match": '"1"'})

    assert response.status_code == 200
    progress.refresh_from_db()
    assert (progress.status, progress.percent_done, progress.task_id) == ("completed", 100, world.task.pk)


def test_plan_with_a_number_already_used_this_year_is_refused_in_vietnamese(world, api):
    body = {
        "kind": "KH",
        "document_number": world.plan.document_number,
        "issuer": world.plan.issuer,
        "issue_date": world.plan.issue_date.replace(month=12, day=1).isoformat(),
        "title": "Trùng số",
        "start_year": world.plan.start_year,
    }

    response = api("specialist").post(reverse("api:plan-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ["Cơ quan ban hành này đã có văn bản mang số, ký hiệu này trong năm."]
    }


def test_period_with_its_window_in_the_wrong_order_is_refused(world, api):
    body = {"kind": "ad_hoc", "year": 2026, "name": "Sai ngày", "start_date": "2026-03-01", "end_date": "2026-01-01",
            "deadline": "2026-03-05"}  # fmt: skip

    response = api("specialist").post(reverse("api:period-list"), body, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Ngày kết thúc chốt số liệu không được trước ngày bắt đầu."]}


def test_specialist_creates_a_task_that_search_finds(world, api):
    body = {
        "area": world.area.pk,
        "position": 5,
        "content": "Tăng cường quản lý đoàn ra, đoàn vào",
        "lead_department": world.departments["c"].pk,
        "coordinating_departments": [world.departments["a"].pk],
        "timing": "continuous",
    }

    created = api("specialist").post(reverse("api:task-list"), body, format="json")
    found = api("staff_a").get(reverse("api:task-list"), {"q": "doan ra"}).json()

    assert created.status_code == 201
    assert [row["id"] for row in found["results"]] == [created.json()["id"]]
