"""Each event reaches exactly its recipients, in the portal and by e-mail with a link to its object."""

import datetime

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.choices import NotificationKind
from notifications.models import Notification
from plans.choices import PlanStatus, TaskTiming, WorkflowState
from plans.models import ReminderLog
from reports import services as report_services
from reports.choices import ReportState
from reports.models import CompiledReport
from tests.delegations.factories import DelegationFactory
from tests.notifications.conftest import mailed, notified
from tests.plans.factories import TaskFactory

pytestmark = pytest.mark.django_db

K = NotificationKind


def step(login, world, name, who, entry, comment=""):
    return login(who).post(reverse("plans:progress_step", args=[entry.pk, name]), {"comment": comment})


def task_link(world, entry) -> str:
    return f"{settings.SITE_URL}/tasks/{world.task.pk}/#progress-{entry.pk}"


def test_returned_entry_reaches_the_department_staff(world, login, django_capture_on_commit_callbacks):
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        response = step(login, world, "return", "specialist", entry, comment="Bổ sung số liệu lớp học")

    assert response.status_code == 302
    assert notified() == {"staff_a"}
    (message,) = mail.outbox
    assert message.to == ["staff_a@example.vn"]
    assert task_link(world, entry) in message.body
    assert "Bổ sung số liệu lớp học" in message.body
    assert message.subject.startswith("Báo cáo bị trả lại: Tổ chức các hoạt động đối ngoại nhân dân")


def test_approved_entry_reaches_the_department_staff(world, login, django_capture_on_commit_callbacks):
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        step(login, world, "approve", "head_a", entry)

    assert notified(K.PROGRESS_APPROVED) == {"staff_a"} and Notification.objects.count() == 1
    assert mailed(mail.outbox) == {"staff_a@example.vn"}
    assert task_link(world, entry) in mail.outbox[0].body


def test_accepted_entry_reaches_the_department_staff_and_head(world, login, django_capture_on_commit_callbacks):
    entry = world.entry("b", state=WorkflowState.APPROVED)

    with django_capture_on_commit_callbacks(execute=True):
        step(login, world, "accept", "specialist", entry)

    assert notified(K.PROGRESS_ACCEPTED) == {"staff_b", "head_b"} and Notification.objects.count() == 2
    assert mailed(mail.outbox) == {"staff_b@example.vn", "head_b@example.vn"}
    assert task_link(world, entry) in mail.outbox[0].body


def test_bulk_accept_notifies_each_accepted_entry(world, login, django_capture_on_commit_callbacks):
    approved = world.entry("a", state=WorkflowState.APPROVED)
    world.entry("b", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        login("specialist").post(reverse("plans:review_accept", args=[world.period.pk]), {"progress": [approved.pk]})

    assert notified(K.PROGRESS_ACCEPTED) == {"staff_a", "head_a"}
    assert not Notification.objects.exclude(kind=K.PROGRESS_ACCEPTED).exists()


def test_submitting_notifies_nobody(world, login, django_capture_on_commit_callbacks):
    entry = world.entry("a")

    with django_capture_on_commit_callbacks(execute=True):
        step(login, world, "submit", "staff_a", entry)

    entry.refresh_from_db()
    assert entry.state == WorkflowState.SUBMITTED
    assert not Notification.objects.exists() and mail.outbox == []


def test_reminder_by_hand_reaches_the_owing_department_and_is_logged(world, login, django_capture_on_commit_callbacks):
    world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        login("specialist").post(reverse("plans:review_remind", args=[world.period.pk]))

    # Department b (coordinating) owes its entry; a sent its own; c works on nothing.
    assert notified(K.REMINDER) == {"staff_b", "head_b"}
    (message,) = mail.outbox
    assert set(message.to) == {"giaoduc@example.vn", "staff_b@example.vn", "head_b@example.vn"}
    assert f"{settings.SITE_URL}/my-work/?period={world.period.pk}" in message.body
    (log,) = ReminderLog.objects.all()
    assert (log.period, log.sent_by) == (world.period, world.users["specialist"])
    assert list(log.departments.all()) == [world.departments["b"]]
    assert {user.username for user in log.recipients.all()} == {"staff_b", "head_b"}


def test_reminder_by_the_schedule_is_logged_without_a_sender(world, django_capture_on_commit_callbacks):
    before = world.period.deadline - datetime.timedelta(days=settings.REPORT_REMINDER_DAYS_BEFORE)

    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.reports_remind(today=before) == 2

    assert notified(K.REMINDER) == {"staff_a", "head_a", "staff_b", "head_b"}
    assert len(mail.outbox) == 2
    (log,) = ReminderLog.objects.all()
    assert log.sent_by is None
    assert {department.code for department in log.departments.all()} == {"svhttdl", "sgddt"}


def test_overdue_task_reaches_its_lead_department(world, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    late = TaskFactory(
        area=world.area,
        position=2,
        content="Ban hành quy chế quản lý đoàn ra",
        lead_department=world.departments["b"],
        timing=TaskTiming.DEADLINE,
        deadline=today - datetime.timedelta(days=5),
    )
    assert world.plan.status == PlanStatus.IN_FORCE

    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.overdue_notices_send(today=today) == 1

    assert notified(K.TASK_OVERDUE) == {"staff_b", "head_b"}
    (message,) = mail.outbox
    assert set(message.to) == {"giaoduc@example.vn", "staff_b@example.vn", "head_b@example.vn"}
    assert message.subject == "Nhiệm vụ quá hạn: Ban hành quy chế quản lý đoàn ra"
    assert f"{settings.SITE_URL}/tasks/{late.pk}/" in message.body
    # Once only.
    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.overdue_notices_send(today=today) == 0
    assert Notification.objects.count() == 2


def test_late_post_trip_report_reaches_the_sending_department(world, django_capture_on_commit_callbacks):
    trip = DelegationFactory(
        direction="outbound", department=world.departments["a"], start_date=datetime.date(2018, 3, 1),
        end_date=datetime.date(2018, 3, 5),
    )  # fmt: skip

    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.overdue_notices_send(today=datetime.date(2018, 4, 1)) == 1

    assert notified(K.DELEGATION_REPORT_LATE) == {"staff_a", "head_a"}
    (message,) = mail.outbox
    assert set(message.to) == {"vanhoa@example.vn", "staff_a@example.vn", "head_a@example.vn"}
    assert f"{settings.SITE_URL}/delegations/{trip.pk}/" in message.body


def test_finished_report_reaches_its_requester(world, django_capture_on_commit_callbacks):
    report = report_services.report_request(period=world.period, by=world.users["specialist"], dispatch=False)

    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.report_run(report_id=report.pk) == ReportState.DONE

    assert notified(K.REPORT_DONE) == {"specialist"} and Notification.objects.count() == 1
    (message,) = mail.outbox
    assert message.to == ["specialist@example.vn"]
    assert f"{settings.SITE_URL}/reports/{report.pk}/" in message.body


def test_failed_report_reaches_its_requester(world, django_capture_on_commit_callbacks):
    report = report_services.report_request(period=world.period, by=world.users["specialist"], dispatch=False)

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_fail(report_id=report.pk, reason="Hết thời gian cho phép")

    (notice,) = Notification.objects.all()
    assert (notice.recipient, notice.kind, notice.link) == (world.users["specialist"], K.REPORT_FAILED, "/reports/")
    assert "Hết thời gian cho phép" in notice.body
    (message,) = mail.outbox
    assert message.to == ["specialist@example.vn"]
    assert f"{settings.SITE_URL}/reports/" in message.body and "Hết thời gian cho phép" in message.body


def test_report_the_schedule_asked_for_notifies_nobody(world, django_capture_on_commit_callbacks):
    report = report_services.report_request(period=world.period, dispatch=False)

    with django_capture_on_commit_callbacks(execute=True):
        report_services.report_fail(report_id=report.pk, reason="Lỗi")

    assert not Notification.objects.exists() and mail.outbox == []


def test_report_the_sweeper_gives_up_on_reaches_its_requester(world, settings, django_capture_on_commit_callbacks):
    stopped = timezone.now() - datetime.timedelta(minutes=10)
    report = report_services.report_request(period=world.period, by=world.users["specialist"], dispatch=False)
    CompiledReport.objects.filter(pk=report.pk).update(
        state=ReportState.RUNNING, started_at=stopped, heartbeat_at=stopped, attempts=settings.REPORT_MAX_ATTEMPTS
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert report_services.reports_sweep()["failed"] == 1

    assert notified(K.REPORT_FAILED) == {"specialist"}
    assert mailed(mail.outbox) == {"specialist@example.vn"}


def test_a_refused_step_notifies_nobody(world, login, django_capture_on_commit_callbacks):
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        step(login, world, "return", "specialist", entry, comment="")  # a return needs a comment
        step(login, world, "accept", "head_b", entry)  # not the head's to accept, nor b's entry

    entry.refresh_from_db()
    assert entry.state == WorkflowState.SUBMITTED
    assert not Notification.objects.exists() and mail.outbox == []
