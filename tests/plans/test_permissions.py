"""The permission matrix: every role × every page and endpoint of the progress workflow.

Each row names an endpoint, whether it writes, and the status each role gets. On refusal nothing
may change; on success a write must change something. The task is led by department A and
coordinated by B; C has nothing to do with it. Out-of-reach objects answer 404.
"""

import json

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from notifications.models import Notification
from plans.choices import ProgressStatus, WorkflowState
from plans.models import Plan, ProgressAttachment, ProgressTargetValue, TaskProgress

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "staff_a",
    "head_a",
    "staff_b",
    "head_b",
    "staff_c",
    "specialist",
    "leadership",
    "administrator",
    "statistics_reader",
]
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def entry_in(world, state):
    progress = world.entry(state=state)
    ProgressAttachment.objects.create(
        progress=progress,
        file=SimpleUploadedFile("bao-cao.pdf", PDF),
        original_name="bao-cao.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )
    return progress


def form_post(client, world):
    data = {"version": 0, "status": ProgressStatus.IN_PROGRESS, "percent_done": 30, "results": "Đã làm"}
    return client.post(reverse("plans:progress_edit", args=[world.task.pk, world.period.pk]), data)


def step(name, state, comment=""):
    def request(client, world):
        progress = entry_in(world, state)
        return client.post(reverse("plans:progress_step", args=[progress.pk, name]), {"comment": comment})

    return request


def api_step(name, state, comment=""):
    def request(client, world):
        progress = entry_in(world, state)
        url = reverse(f"api:progress-{name}", args=[progress.pk])
        return client.post(url, json.dumps({"comment": comment}), content_type="application/json")

    return request


def api_patch(client, world):
    progress = entry_in(world, WorkflowState.DRAFT)
    return client.patch(
        reverse("api:progress-detail", args=[progress.pk]),
        json.dumps({"results": "Sửa qua API"}),
        content_type="application/json",
        headers={"If-Match": f'"{progress.version}"'},
    )


def api_create(client, world):
    body = {"task": world.task.pk, "period": world.period.pk, "status": "in_progress", "percent_done": 10}
    return client.post(reverse("api:progress-list"), json.dumps(body), content_type="application/json")


def api_plan_create(client, world):
    body = {
        "kind": "KH",
        "document_number": "99/KH-UBND",
        "issuer": "UBND tỉnh Sơn La",
        "issue_date": "2026-01-05",
        "title": "Kế hoạch mới",
        "start_year": 2026,
    }
    return client.post(reverse("api:plan-list"), json.dumps(body), content_type="application/json")


def get(name, *args):
    def request(client, world):
        return client.get(reverse(name, args=[arg(world) if callable(arg) else arg for arg in args]))

    return request


def download(client, world):
    progress = entry_in(world, WorkflowState.DRAFT)
    return client.get(reverse("plans:attachment_download", args=[progress.attachments.get().pk]))


def remove_attachment(client, world):
    progress = entry_in(world, WorkflowState.DRAFT)
    return client.post(reverse("plans:attachment_delete", args=[progress.attachments.get().pk]))


def review_accept(client, world):
    progress = entry_in(world, WorkflowState.APPROVED)
    return client.post(reverse("plans:review_accept", args=[world.period.pk]), {"progress": [progress.pk]})


def review_remind(client, world):
    return client.post(reverse("plans:review_remind", args=[world.period.pk]))


def api_read(client, world):
    progress = entry_in(world, WorkflowState.DRAFT)
    return client.get(reverse("api:progress-detail", args=[progress.pk]))


def progress_form_get(client, world):
    return client.get(reverse("plans:progress_edit", args=[world.task.pk, world.period.pk]))


# endpoint: (request, writes, statuses in the order of ROLES)
MATRIX = {
    "my_work": (get("plans:my_work"), False, [302, 200, 200, 200, 200, 200, 200, 200, 200, 404]),
    "plan_page": (get("plans:plan_detail", lambda w: w.plan.pk), False, [302] + [200] * 8 + [404]),
    "task_page": (
        get("plans:task_detail", lambda w: w.task.pk),
        False,
        [302, 200, 200, 200, 200, 404, 200, 200, 200, 404],
    ),
    "progress_form_read": (progress_form_get, False, [302, 200, 200, 200, 200, 404, 403, 403, 403, 404]),
    "progress_form_write": (form_post, True, [302, 302, 302, 302, 302, 404, 403, 403, 403, 404]),
    "attachment_download": (download, False, [302, 200, 200, 404, 404, 404, 200, 200, 200, 404]),
    "attachment_remove": (remove_attachment, True, [302, 302, 302, 404, 404, 404, 403, 403, 403, 404]),
    "submit": (step("submit", "draft"), True, [302, 302, 302, 404, 404, 404, 403, 403, 403, 404]),
    "approve": (step("approve", "submitted"), True, [302, 403, 302, 404, 404, 404, 403, 403, 403, 404]),
    "accept": (step("accept", "approved"), True, [302, 403, 403, 404, 404, 404, 302, 403, 403, 404]),
    "return": (step("return", "approved", "Bổ sung"), True, [302, 403, 403, 404, 404, 404, 302, 403, 403, 404]),
    "return_submitted": (
        step("return", "submitted", "Bổ sung"),
        True,
        [302, 403, 302, 404, 404, 404, 302, 403, 403, 404],
    ),
    "review_page": (get("plans:review"), False, [302, 404, 404, 404, 404, 404, 200, 200, 200, 404]),
    "review_accept": (review_accept, True, [302, 404, 404, 404, 404, 404, 302, 403, 403, 404]),
    "review_remind": (review_remind, True, [302, 404, 404, 404, 404, 404, 302, 403, 403, 404]),
    "admin_index": (get("admin:index"), False, [302, 302, 302, 302, 302, 302, 200, 302, 200, 302]),
    "api_progress_read": (api_read, False, [403, 200, 200, 404, 404, 404, 200, 200, 200, 403]),
    "api_progress_patch": (api_patch, True, [403, 200, 200, 404, 404, 404, 403, 403, 403, 403]),
    "api_progress_create": (api_create, True, [403, 201, 201, 201, 201, 400, 403, 403, 403, 403]),
    "api_approve": (api_step("approve", "submitted"), True, [403, 403, 200, 404, 404, 404, 403, 403, 403, 403]),
    "api_accept": (api_step("accept", "approved"), True, [403, 403, 403, 404, 404, 404, 200, 403, 403, 403]),
    "api_return": (
        api_step("return", "submitted", "Bổ sung"),
        True,
        # the department's own head returns a submitted entry to its staff
        [403, 403, 200, 404, 404, 404, 200, 403, 403, 403],
    ),
    "api_task_read": (
        get("api:task-detail", lambda w: w.task.pk),
        False,
        [403, 200, 200, 200, 200, 404, 200, 200, 200, 403],
    ),
    "api_plan_create": (api_plan_create, True, [403, 403, 403, 403, 403, 403, 201, 403, 201, 403]),
}


def snapshot():
    """Everything a refused request must leave as it was."""
    return (
        list(TaskProgress.objects.order_by("pk").values_list("state", "percent_done", "results", "version")),
        ProgressTargetValue.objects.count(),
        ProgressAttachment.objects.count(),
        Plan.objects.count(),
        len(mail.outbox),
        # Notices (and their e-mail, sent after the commit) of workflow steps and reminders.
        Notification.objects.count(),
    )


CASES = [
    pytest.param(endpoint, role, statuses[index], id=f"{endpoint}-{role}")
    for endpoint, (_request, _writes, statuses) in MATRIX.items()
    for index, role in enumerate(ROLES)
]


class SnapshotBeforeRequest:
    """Wrap a test client so that the state is recorded right before the HTTP call.

    Each endpoint's request function first creates the entry it needs (in the right state), then
    calls the client; comparing against the state after that setup isolates what the call changed.
    """

    def __init__(self, client):
        self.client = client
        self.before = None

    def __getattr__(self, name):
        method = getattr(self.client, name)
        if name not in ("get", "post", "patch"):
            return method

        def call(*args, **kwargs):
            self.before = snapshot()
            return method(*args, **kwargs)

        return call


@pytest.mark.parametrize("endpoint,role,expected", CASES)
def test_permission_matrix(world, login, endpoint, role, expected):
    request, writes, _statuses = MATRIX[endpoint]
    client = SnapshotBeforeRequest(login(role))
    mail.outbox.clear()

    response = request(client, world)

    assert response.status_code == expected
    succeeded = role != "anonymous" and expected in (200, 201, 302)
    if not (writes and succeeded):
        assert snapshot() == client.before, "a refused request (or a read) changed something"
    else:
        assert snapshot() != client.before, "a permitted write changed nothing"
