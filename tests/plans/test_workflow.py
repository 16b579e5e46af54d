"""The whole progress workflow through the pages, with its history."""

import pytest
from django.urls import reverse

from notifications.choices import NotificationKind
from notifications.models import Notification
from plans.choices import ProgressStatus, WorkflowState
from plans.models import TaskProgress

pytestmark = pytest.mark.django_db


def form_url(world):
    return reverse("plans:progress_edit", args=[world.task.pk, world.period.pk])


def step_url(progress, step):
    return reverse("plans:progress_step", args=[progress.pk, step])


def form_data(world, version=0, **overrides):
    data = {
        "version": version,
        "status": ProgressStatus.IN_PROGRESS,
        "percent_done": 60,
        "results": "Đã tổ chức 2 lớp tiếng Việt cho 113 học viên Lào",
        "difficulties": "",
        "proposals": "",
        f"target_{world.target.pk}": "2",
        "action": "save",
    }
    return {**data, **overrides}


def test_workflow_from_draft_to_accepted_with_history(world, login):
    # given a staff member who saves a draft and submits it
    client = login("staff_a")
    assert client.post(form_url(world), form_data(world)).status_code == 302
    progress = TaskProgress.objects.get(task=world.task, department=world.departments["a"])
    assert progress.state == WorkflowState.DRAFT
    assert progress.target_values.get().achieved_value == 2
    assert client.post(step_url(progress, "submit"), {"version": progress.version}).status_code == 302

    # when the head approves and the specialist returns it with a comment
    assert login("head_a").post(step_url(progress, "approve")).status_code == 302
    comment = "Đề nghị bổ sung số lượt người tham gia."
    assert login("specialist").post(step_url(progress, "return"), {"comment": comment}).status_code == 302
    progress.refresh_from_db()
    assert (progress.state, progress.review_comment) == (WorkflowState.RETURNED, comment)

    # then the staff member sees the comment, edits and submits again
    client = login("staff_a")
    page = client.get(form_url(world))
    assert comment in page.content.decode()
    response = client.post(
        form_url(world), form_data(world, version=progress.version, percent_done=80, action="submit")
    )
    assert response.status_code == 302
    progress.refresh_from_db()
    assert (progress.state, progress.percent_done) == (WorkflowState.SUBMITTED, 80)

    login("head_a").post(step_url(progress, "approve"))
    login("specialist").post(step_url(progress, "accept"), {"comment": "Đạt yêu cầu."})
    progress.refresh_from_db()
    assert progress.state == WorkflowState.ACCEPTED
    assert progress.accepted_at is not None

    # and the history records every step with who took it
    steps = list(
        progress.history.order_by("history_date", "history_id").values_list(
            "history_change_reason", "history_user__username"
        )
    )
    assert steps == [
        ("save", "staff_a"),
        ("submit", "staff_a"),
        ("approve", "head_a"),
        ("return", "specialist"),
        ("save", "staff_a"),
        ("submit", "staff_a"),
        ("approve", "head_a"),
        ("accept", "specialist"),
    ]
    page = login("leadership").get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()
    for label in ["Đã lưu", "Đã gửi", "Lãnh đạo đơn vị đã duyệt", "Đã tiếp nhận", "Bị trả lại", comment, "60 → 80"]:
        assert label in page


def test_coordinating_department_reports_its_own_part(world, login):
    client = login("staff_b")

    response = client.post(form_url(world), form_data(world, results="Phối hợp tổ chức lớp học"))

    assert response.status_code == 302
    entry = TaskProgress.objects.get()
    assert entry.department == world.departments["b"]
    assert world.task.progress_entries.filter(department=world.departments["a"]).count() == 0


def test_specialist_accepts_only_approved_entries(world, login):
    progress = world.entry(state=WorkflowState.SUBMITTED)

    response = login("specialist").post(step_url(progress, "accept"), follow=True)

    progress.refresh_from_db()
    assert progress.state == WorkflowState.SUBMITTED
    assert "Không thể thực hiện bước này" in response.content.decode()


def test_return_without_comment_is_refused(world, login):
    progress = world.entry(state=WorkflowState.APPROVED)

    response = login("specialist").post(step_url(progress, "return"), {"comment": "  "}, follow=True)

    progress.refresh_from_db()
    assert progress.state == WorkflowState.APPROVED
    assert "Hãy nêu lý do trả lại" in response.content.decode()


def test_returned_entry_can_be_edited_again(world, login):
    progress = world.entry(state=WorkflowState.RETURNED, review_comment="Thiếu số liệu")

    response = login("staff_a").post(form_url(world), form_data(world, version=progress.version))

    assert response.status_code == 302
    progress.refresh_from_db()
    assert progress.state == WorkflowState.RETURNED
    assert progress.percent_done == 60


def test_submitted_entry_cannot_be_edited(world, login):
    progress = world.entry(state=WorkflowState.SUBMITTED)

    response = login("staff_a").post(form_url(world), form_data(world, version=progress.version))

    assert response.status_code == 403
    progress.refresh_from_db()
    assert progress.percent_done == 40


def test_step_on_a_stale_page_is_refused_with_who_and_when(world, login):
    progress = world.entry(state=WorkflowState.SUBMITTED)
    seen_version = progress.version
    login("specialist").post(step_url(progress, "return"), {"comment": "Thiếu số liệu", "version": seen_version})

    response = login("head_a").post(step_url(progress, "approve"), {"version": seen_version}, follow=True)

    progress.refresh_from_db()
    assert progress.state == WorkflowState.RETURNED
    assert "đã sửa báo cáo này lúc" in response.content.decode()


def test_head_returns_a_submitted_entry_to_their_staff_with_a_comment(world, login):
    progress = world.entry(state=WorkflowState.SUBMITTED)
    comment = "Bổ sung số học viên từng lớp trước khi gửi Sở Ngoại vụ."

    page = login("head_a").get(reverse("plans:task_detail", args=[world.task.pk])).content.decode()
    response = login("head_a").post(step_url(progress, "return"), {"comment": comment})

    assert step_url(progress, "return") in page
    assert response.status_code == 302
    progress.refresh_from_db()
    assert (progress.state, progress.review_comment) == (WorkflowState.RETURNED, comment)
    bell = Notification.objects.filter(kind=NotificationKind.PROGRESS_RETURNED)
    assert set(bell.values_list("recipient__username", flat=True)) == {"staff_a"}


@pytest.mark.parametrize(
    ("user", "state"),
    [
        ("head_a", WorkflowState.APPROVED),  # once approved it is the focal point's to return
        ("head_b", WorkflowState.SUBMITTED),  # another department's head
        ("staff_a", WorkflowState.SUBMITTED),
    ],
)
def test_only_the_own_head_returns_and_only_before_approving(world, login, user, state):
    progress = world.entry(state=state)

    login(user).post(step_url(progress, "return"), {"comment": "Trả lại"})

    progress.refresh_from_db()
    assert progress.state == state
