"""Middleware every request passes: the language, the session's time limits, private answers, slow queries."""

import logging
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.deprecation import MiddlewareMixin
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    """Speak Vietnamese unless the user picked another language with the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, and many office computers run
    an English browser; the portal must still open in Vietnamese, so only the cookie set by the
    language switcher (django.views.i18n.set_language) counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))
        return response


# The last-activity stamp is written at most this often, so a busy user does not cost a session
# write on every request.
ACTIVITY_RESOLUTION_SECONDS = 60
SESSION_STARTED = "portal_session_started"
SESSION_LAST_SEEN = "portal_last_seen"


def stamp_session_start(sender, request, user, **kwargs) -> None:
    """Start both clocks at login, so the first pages after it write nothing to the session."""
    now = int(time.time())
    request.session[SESSION_STARTED] = request.session[SESSION_LAST_SEEN] = now


class SessionTimeoutMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT_MINUTES idle, or SESSION_COOKIE_AGE after it began.

    Django's own expiry slides with every save of the session; an office computer left signed in
    over lunch, or for days with the tab open, must still ask for the password again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated and self._expired(request):
            logout(request)
            messages.info(request, _("Your session ended after a period without activity. Please log in again."))
            if not request.path.startswith("/api/"):
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, request) -> bool:
        now = int(time.time())
        session = request.session
        started = session.setdefault(SESSION_STARTED, now)
        last_seen = session.get(SESSION_LAST_SEEN, now)
        idle_limit = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
        if now - last_seen > idle_limit or now - started > settings.SESSION_COOKIE_AGE:
            return True
        if now - last_seen >= ACTIVITY_RESOLUTION_SECONDS or SESSION_LAST_SEEN not in session:
            session[SESSION_LAST_SEEN] = now
        return False


class PrivateResponseMiddleware:
    """Mark every answer to a signed-in user, downloads included, as never to be stored.

    A shared computer's browser cache or a proxy must not keep a page or file that only this
    user may see; the back button after logging out must not show it either.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # API clients sign in with a token that Django's own middleware does not see.
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            patch_cache_control(response, private=True, no_store=True, no_cache=True, max_age=0)
        return response


class AdminInlineStyleMiddleware:
    """Let the Django admin's own templates keep their few inline styles; scripts stay 'self' only.

    The portal's templates carry no inline style; the admin's (Django's and django-celery-beat's)
    do, and an admin page with broken layout helps no one. Listed after CSPMiddleware, so the
    allowance is on the response before CSPMiddleware writes the header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/"):
            response._csp_update = {"style-src": ["'unsafe-inline'"]}
        return response


# PostgreSQL's SQLSTATE for a statement it cancelled, here because of statement_timeout.
QUERY_CANCELED = "57014"
logger = logging.getLogger(__name__)


def is_statement_timeout(error: BaseException) -> bool:
    """Whether the database stopped the statement (statement_timeout), rather than failing otherwise."""
    return isinstance(error, OperationalError) and getattr(error.__cause__, "pgcode", None) == QUERY_CANCELED


class StatementTimeoutMiddleware(MiddlewareMixin):
    """A request whose query ran past the statement timeout answers 503 with what to do, not a 500.

    gunicorn.conf.py gives the web workers a statement timeout just under gunicorn's own, so a slow
    query ends here with a Vietnamese page (or the API's error shape) instead of a worker killed
    mid-answer and a cut reply. The cancelled statement's transaction was rolled back by the database.
    """

    def process_exception(self, request, exception):
        if not is_statement_timeout(exception):
            return None
        logger.warning("Statement timeout on %s %s", request.method, request.path)
        if request.path.startswith("/api/"):
            detail = _("The request took too long. Narrow the filters and try again.")
            return JsonResponse({"detail": detail}, status=503)
        return render(request, "503.html", status=503)
