"""The notification centre: one's own notices only, mark read, the bell, e-mail preferences."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from notifications.choices import NotificationKind
from notifications.models import Notification, NotificationPreference
from notifications.services import notification_send
from plans.choices import WorkflowState
from plans.models import ReminderLog, TaskProgress
from plans.services import progress_transition
from tests.notifications.conftest import notified

pytestmark = pytest.mark.django_db

K = NotificationKind
LIST = reverse("notifications:notification_list")
PREFERENCES = reverse("notifications:notification_preferences")


def notify(user, count=1, **values):
    for index in range(count):
        params = {"task": f"Nhiệm vụ {index}", "period": "Quý 4 năm 2026", "by": "Chuyên viên", "comment": "Bổ sung"}
        notification_send(recipients=[user], kind=K.PROGRESS_RETURNED, params=params, link="/my-work/", **values)
    return Notification.objects.filter(recipient=user).order_by("-pk").first()


def test_list_shows_only_the_users_own_notifications(world, login):
    notify(world.users["staff_a"])
    other = notification_send(recipients=[world.users["staff_b"]], kind=K.REMINDER, params={"period": "Quý 9"})[0]

    response = login("staff_a").get(LIST)

    assert response.status_code == 200
    assert [notice.recipient_id for notice in response.context["notices"]] == [world.users["staff_a"].pk]
    assert (
        "Quý 9" not in response.content.decode() and f'data-notification="{other.pk}"' not in response.content.decode()
    )
    assert "Báo cáo bị trả lại: Nhiệm vụ 0" in response.content.decode()


@pytest.mark.parametrize("url_name", ["notifications:notification_read", "notifications:notification_open"])
def test_a_user_cannot_read_or_open_another_users_notification(world, login, url_name):
    notice = notify(world.users["staff_a"])

    response = login("staff_b").post(reverse(url_name, args=[notice.pk]))

    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


def test_mark_all_read_touches_only_the_users_own(world, login):
    notify(world.users["staff_a"], count=2)
    theirs = notify(world.users["staff_b"])

    login("staff_a").post(reverse("notifications:notification_read_all"))

    assert not Notification.objects.filter(recipient=world.users["staff_a"], read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_read_and_open_lead_where_they_should(world, login):
    first = notify(world.users["staff_a"])
    client = login("staff_a")

    response = client.post(reverse("notifications:notification_read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"] == LIST
    first.refresh_from_db()
    assert first.read_at is not None

    second = notify(world.users["staff_a"])
    response = client.post(reverse("notifications:notification_open", args=[second.pk]))
    assert response.status_code == 302 and response["Location"] == "/my-work/"
    second.refresh_from_db()
    assert second.read_at is not None


def test_reading_needs_a_post(world, login):
    notice = notify(world.users["staff_a"])

    assert login("staff_a").get(reverse("notifications:notification_read", args=[notice.pk])).status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_anonymous_visitor_is_sent_to_sign_in(world, client):
    response = client.get(LIST)

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_bell_shows_the_unread_count(world, login):
    notify(world.users["staff_a"], count=3)
    notify(world.users["staff_b"])
    client = login("staff_a")

    page = client.get(reverse("plans:my_work")).content.decode()
    badge = page[page.index('id="notification-bell"') :]
    assert badge[: badge.index("</a>")].rstrip().endswith("data-unread>3</span>")
    assert 'aria-label="Thông báo: 3 chưa đọc"' in page

    client.post(reverse("notifications:notification_read_all"))
    assert "data-unread" not in client.get(reverse("plans:my_work")).content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_list_page_query_count_does_not_grow(world, login, django_assert_num_queries, count):
    notify(world.users["specialist"], count=count)
    client = login("specialist")

    # Session, user, the user's department (navigation), the page's count and rows, the bell.
    with django_assert_num_queries(6):
        response = client.get(LIST)

    assert len(response.context["notices"]) == count


def test_text_follows_the_readers_language(world):
    notice = notify(world.users["staff_a"])

    with translation.override("en"):
        english = notice.title
    with translation.override("vi"):
        vietnamese = notice.title

    assert (english, vietnamese) == (
        "Entry returned: Nhiệm vụ 0 (Quý 4 năm 2026)",
        "Báo cáo bị trả lại: Nhiệm vụ 0 (Quý 4 năm 2026)",
    )


def test_a_link_off_the_site_is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        notification_send(recipients=[world.users["staff_a"]], kind=K.REMINDER, link="//evil.example/")
    assert not Notification.objects.exists()


# --- e-mail preferences -------------------------------------------------------------------------


def test_preferences_page_lists_the_kinds_of_the_users_role(world, login):
    staff = login("staff_a").get(PREFERENCES)
    assert set(staff.context["form"].fields) == {
        K.PROGRESS_RETURNED, K.PROGRESS_APPROVED, K.PROGRESS_ACCEPTED, K.REMINDER, K.TASK_OVERDUE,
        K.DELEGATION_REPORT_LATE, K.EXPORT_DONE, K.EXPORT_FAILED,
    }  # fmt: skip
    specialist = login("specialist").get(PREFERENCES)
    assert set(specialist.context["form"].fields) == {K.REPORT_DONE, K.REPORT_FAILED, K.EXPORT_DONE, K.EXPORT_FAILED}


def test_preference_off_means_no_email_but_the_notice_in_the_portal(world, login, django_capture_on_commit_callbacks):
    client = login("staff_a")
    # Every box the page shows is ticked but "returned": the browser sends only the ticked ones.
    ticked = {kind: "on" for kind in client.get(PREFERENCES).context["form"].fields if kind != K.PROGRESS_RETURNED}
    assert client.post(PREFERENCES, ticked).status_code == 302
    assert NotificationPreference.objects.get(user=world.users["staff_a"], kind=K.PROGRESS_RETURNED).email is False
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        login("specialist").post(
            reverse("plans:progress_step", args=[entry.pk, "return"]), {"comment": "Thiếu số liệu"}
        )

    assert notified(K.PROGRESS_RETURNED) == {"staff_a"}
    assert mail.outbox == []
    assert login("staff_a").get(PREFERENCES).context["form"].fields[K.PROGRESS_RETURNED].initial is False


def test_reminder_still_reaches_the_department_mailbox_when_everyone_turned_it_off(
    world, login, django_capture_on_commit_callbacks
):
    for name in ("staff_b", "head_b"):
        NotificationPreference.objects.create(user=world.users[name], kind=K.REMINDER, email=False)
    world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        login("specialist").post(reverse("plans:review_remind", args=[world.period.pk]))

    assert notified(K.REMINDER) == {"staff_b", "head_b"}
    (message,) = mail.outbox
    assert message.to == ["giaoduc@example.vn"]


# --- the reminder log on the review page -----------------------------------------------------------


def test_review_page_shows_who_reminded_whom_and_when(world, login, django_capture_on_commit_callbacks):
    world.entry("a", state=WorkflowState.SUBMITTED)
    client = login("specialist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("plans:review_remind", args=[world.period.pk]))

    page = client.get(reverse("plans:review"), {"period": world.period.pk}).content.decode()

    section = page[page.index('id="reminder-log"') :]
    section = section[: section.index("</section>")]
    assert "gửi bởi" in section and world.users["specialist"].get_full_name() in section
    assert "Sở Giáo dục và Đào tạo" in section and "Sở Văn hóa" not in section
    assert "đến 2 người dùng của" in section
    assert timezone.localtime().strftime("%d/%m/%Y") in section


def test_review_page_reminder_log_costs_the_same_queries(world, login):
    client = login("specialist")
    client.get(reverse("plans:review"), {"period": world.period.pk})  # the period's obligations stored

    def queries_with_logs(count):
        for _index in range(count):
            log = ReminderLog.objects.create(period=world.period, sent_by=world.users["specialist"])
            log.departments.set([world.departments["a"], world.departments["b"]])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("plans:review"), {"period": world.period.pk})
        return len(queries), len(response.context["reminder_logs"])

    few, shown = queries_with_logs(2)
    assert shown == 2
    many, shown = queries_with_logs(28)
    assert (many, shown) == (few, 20)


def test_review_page_says_when_no_reminder_was_sent(world, login):
    page = login("specialist").get(reverse("plans:review"), {"period": world.period.pk}).content.decode()

    assert "Chưa gửi nhắc nhở nào cho kỳ này." in page


# --- a failure after the commit never undoes the change --------------------------------------------


class BrokenMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_mail_server_down_after_the_commit_keeps_the_returned_entry(
    world, login, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = login("specialist").post(
            reverse("plans:progress_step", args=[entry.pk, "return"]), {"comment": "Thiếu số liệu"}
        )

    assert any(callback.__qualname__ == "notification_send.<locals>.email_send" for callback in callbacks)
    assert mail.outbox == []  # the e-mail failed
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.state == WorkflowState.RETURNED
    assert notified(K.PROGRESS_RETURNED) == {"staff_a"}


@pytest.mark.django_db(transaction=True)
def test_mail_server_down_after_a_real_commit_keeps_the_change(world, settings, caplog):
    settings.EMAIL_BACKEND = f"{__name__}.BrokenMailServer"
    entry = world.entry("a", state=WorkflowState.SUBMITTED)

    with transaction.atomic():
        progress_transition(progress=entry, by=world.users["specialist"], step="return", comment="Thiếu số liệu")

    assert TaskProgress.objects.get(pk=entry.pk).state == WorkflowState.RETURNED
    assert Notification.objects.filter(recipient=world.users["staff_a"]).count() == 1
    assert "mail server down" in caplog.text
