"""Sign-in hardening: lockout, password change and reset, session limits, private answers, CSP, tokens."""

import datetime
import re

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.choices import Role
from core.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"
LOGIN = reverse("login")


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def staff(db):
    return UserFactory(username="canbo", email="canbo@example.vn", role=Role.STAFF)


def log_in(client, password, username="canbo"):
    return client.post(LOGIN, {"username": username, "password": password})


def test_ten_wrong_passwords_lock_the_account_even_against_the_right_one(client, staff, settings):
    settings.AXES_FAILURE_LIMIT = 10
    for _attempt in range(9):
        assert log_in(client, "wrong").status_code == 200
    assert log_in(client, "wrong").status_code == 429  # the tenth
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "tạm thời bị khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_before_the_limit_signs_in_and_resets_the_count(client, staff):
    for _attempt in range(5):
        log_in(client, "wrong")
    assert log_in(client, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_password_change_page_changes_the_password(client, staff):
    client.force_login(staff)
    page = client.get(reverse("password_change"))
    assert page.status_code == 200 and "Đổi mật khẩu" in page.content.decode()
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "Hủa-Phăn-2026!", "new_password2": "Hủa-Phăn-2026!"},
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Hủa-Phăn-2026!")


def test_password_reset_by_e_mail_in_vietnamese_sets_a_new_password(client, staff):
    response = client.post(reverse("password_reset"), {"email": "canbo@example.vn"})
    assert response.status_code == 302
    (message,) = mail.outbox
    assert "Đặt mật khẩu mới" in message.subject and "Tên đăng nhập: canbo" in message.body
    link = re.search(r"https?://[^/]+(/\S+)", message.body).group(1)
    form = client.get(link, follow=True)
    assert form.status_code == 200 and "Đặt mật khẩu mới" in form.content.decode()
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": "Luông-Pha-Băng-9", "new_password2": "Luông-Pha-Băng-9"}
    )
    assert done.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("Luông-Pha-Băng-9")


def test_idle_session_is_ended_and_the_user_sent_to_log_in(client, staff, settings):
    client.force_login(staff)
    assert client.get(reverse("accounts:api_token")).status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] -= settings.SESSION_IDLE_TIMEOUT_MINUTES * 60 + 5
    session.save()
    response = client.get(reverse("accounts:api_token"))
    assert response.status_code == 302 and response.url.startswith(LOGIN)
    assert "_auth_user_id" not in client.session


def test_session_ends_after_its_absolute_lifetime_however_busy(client, staff, settings):
    client.force_login(staff)
    client.get(reverse("accounts:api_token"))
    session = client.session
    session[SESSION_STARTED] -= settings.SESSION_COOKIE_AGE + 5
    session.save()
    assert client.get(reverse("accounts:api_token")).status_code == 302


def test_answers_to_a_signed_in_user_are_never_stored(client, staff):
    client.force_login(staff)
    response = client.get(reverse("accounts:api_token"))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_api_answers_to_a_token_are_never_stored(staff):
    token = Token.objects.create(user=staff)
    response = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}").get(reverse("api:delegation-list"))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]


def test_every_page_has_a_csp_without_inline_script(client):
    policy = client.get(LOGIN)["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy).group(1)
    assert "'self'" in script_src and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_templates_carry_no_inline_script_handler_or_style(settings):
    pages = [path for path in settings.BASE_DIR.glob("**/templates/**/*.html") if ".venv" not in path.parts]
    offending = [
        str(path)
        for path in pages
        if re.search(r"\son[a-z]+=|\sstyle=|<script(?![^>]*\b(src|type=\"application/json\")\b)", path.read_text())
    ]
    assert pages and offending == []


def test_api_is_throttled_with_a_vietnamese_429(staff, monkeypatch):
    # DRF reads the rates when the throttle classes are defined, so the test sets them there.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/minute", "user": "3/minute"})
    api = APIClient()
    api.force_authenticate(staff)
    statuses = [api.get(reverse("api:delegation-list")).status_code for _ in range(4)]
    assert statuses[:3] == [200, 200, 200] and statuses[3] == 429
    assert "Quá nhiều yêu cầu" in api.get(reverse("api:delegation-list"), HTTP_ACCEPT_LANGUAGE="vi").json()["detail"]


def test_an_expired_api_token_is_refused(staff, settings):
    settings.API_TOKEN_TTL_DAYS = 90
    token = Token.objects.create(user=staff)
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(reverse("api:delegation-list")).status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(days=91))
    response = api.get(reverse("api:delegation-list"))
    assert response.status_code == 401 and "hết hạn" in response.json()["detail"]


def test_load_demo_data_is_refused_in_production_unless_forced(settings):
    from accounts.models import User

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo_data")
    assert not User.objects.exists()


def test_token_page_tells_when_the_new_token_stops_working(client, staff, settings):
    settings.API_TOKEN_TTL_DAYS = 90
    client.force_login(staff)
    page = client.post(reverse("accounts:api_token"), {"action": "create"}).content.decode()
    expires = (timezone.localdate() + datetime.timedelta(days=90)).strftime("%d/%m/%Y")
    assert f"Có hiệu lực đến ngày {expires}" in page
