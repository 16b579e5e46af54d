"""Settings for the foreign-affairs plan portal.

Everything comes from environment variables (12-factor). With none set, the portal runs as a
development install: SQLite under var/, Celery tasks executed in-process, mail printed to the
console. Production sets DJANGO_ENV=production and at least SECRET_KEY, DATABASE_URL, REDIS_URL
and ALLOWED_HOSTS; see README.md.
"""

import secrets
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.countries import countries_override

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be 'development' or 'production'.")
PRODUCTION = DJANGO_ENV == "production"

# var/ holds everything a development install writes: database, secret key, uploads, reports.
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))


def _development_secret_key() -> str:
    """Read the development key from var/, creating it on first use so sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set in production.")
    SECRET_KEY = _development_secret_key()

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The portal's apps come first: where two catalogues translate the same text ("Filter",
    # "Clear"), the app listed first wins, and ours carry the wording of this portal.
    "core",
    "accounts",
    "notifications",
    "plans",
    "delegations",
    "reports",
    "dashboard",
    "demo",
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "django_celery_beat",
    "simple_history",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.AdminInlineStyleMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.PrivateResponseMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.StatementTimeoutMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "foreign_affairs.urls"
WSGI_APPLICATION = "foreign_affairs.wsgi.application"
ASGI_APPLICATION = "foreign_affairs.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
                "notifications.context_processors.notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a writer instead of failing at once when two requests write together.
    # IMMEDIATE: a writing transaction takes the lock when it starts, so two writers queue instead of
    # one failing at once with "database is locked" when both try to upgrade their read locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Options of every PostgreSQL session. JIT compiles each dashboard query for longer than it runs
    # (3.4 s of 3.96 s at 10^5 rows, EXPLAIN ANALYZE): the portal's queries are short, so compiling
    # only costs. DATABASE_SERVER_OPTIONS empty: the server's defaults.
    session_options = [env.str("DATABASE_SERVER_OPTIONS", default="-c jit=off")]
    # PostgreSQL stops a statement that runs longer than this (0: never). gunicorn.conf.py sets it for
    # the web workers a little under gunicorn's timeout, so a slow query answers a clear 503
    # (core.middleware.StatementTimeoutMiddleware) instead of a killed worker; Celery has none.
    DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=0)
    if DATABASE_STATEMENT_TIMEOUT_MS:
        session_options.append(f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}")
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and any(session_options):
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(filter(None, session_options))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users ----------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Sign-in, sessions and API clients --------------------------------------------------------
# Model permissions follow the user's role (accounts/permissions.py), on top of Django's own.
AUTHENTICATION_BACKENDS = [
    # First: refuses every attempt on a locked-out user name before a password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "accounts.permissions.RolePermissionBackend",
]
# django-axes: AXES_FAILURE_LIMIT wrong passwords for one user name lock it for AXES_COOLOFF_MINUTES
# (the login form and the admin's alike); an administrator can unlock it sooner in the admin.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=30) / 60  # hours, as axes counts
AXES_LOCKOUT_PARAMETERS = ["username"]
# Not by address: a department's staff share one office address behind NAT, and one colleague's
# mistakes must not lock everyone out. The account is what an attacker guesses at.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind the TLS proxy the client's address is the one the proxy forwards.
AXES_IPWARE_PROXY_COUNT = 1 if PRODUCTION else None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
# A session ends after SESSION_IDLE_TIMEOUT_MINUTES without a request (core.middleware) and, however
# busy, SESSION_COOKIE_AGE after it began: a shared office computer is not left signed in.
SESSION_IDLE_TIMEOUT_MINUTES = env.int("SESSION_IDLE_TIMEOUT_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=10) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# API tokens stop working this many days after they were made (accounts.authentication); 0: never.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=90)
# Password reset links are valid this long.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_HOURS", default=24) * 3600

# Content-Security-Policy (django-csp): nothing inline, nothing from another host. Scripts and styles
# come from static/ only; values written by script through the DOM (Chart.js sizes) are allowed by
# CSP, attributes in the HTML are not, so templates carry classes, never style="…" or onclick="…".
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Language, time and formats -------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_TZ = True
FORMAT_MODULE_PATH = ["core.formats"]
# Grouping is applied where a figure is shown (|intcomma, reports), never to ids and years.
USE_THOUSAND_SEPARATOR = False

# --- Static files and uploads ---------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development serves static files straight from the apps and static/, without collectstatic.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Uploads (signed plans, attachments, compiled reports) live outside the web root and are served
# only by views that check who is asking; there is deliberately no MEDIA_URL route.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
# Redis unreachable means no cache, never a failed request (core/cache.py); short timeouts keep a
# dead Redis from holding a request up.
CACHES = {
    "default": (
        {
            "BACKEND": "core.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Celery ---------------------------------------------------------------------------------
# Without a broker the embedded default runs every task in-process, so no Redis is needed.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=600)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=660)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The schedule is reviewed in git; django-celery-beat loads it into the database at start so that
# administrators can see and adjust it in the admin.
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# A message a dead worker took is handed out again after this many seconds (Redis has no real
# acknowledgement); it must exceed the hard time limit, or a long report would run twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)}
# The sweeper (reports.tasks.reports_sweep_task) runs every REPORT_SWEEP_SECONDS. It sends again a
# queued report whose message went nowhere (broker down) after REPORT_REDISPATCH_AFTER_SECONDS, and
# takes back a running report whose worker has not beaten for REPORT_WORKER_DEAD_AFTER_SECONDS
# (a worker beats every REPORT_HEARTBEAT_SECONDS while it compiles); after REPORT_MAX_ATTEMPTS
# workers died on it, the report is failed with the reason. Minutes, not the hour of the broker's
# visibility timeout.
# The report's PDF: LibreOffice headless converts the Word file in the worker (REPORT_PDF=false skips it).
REPORT_PDF = env.bool("REPORT_PDF", default=True)
LIBREOFFICE_BINARY = env.str("LIBREOFFICE_BINARY", default="soffice")
REPORT_PDF_TIMEOUT_SECONDS = env.int("REPORT_PDF_TIMEOUT_SECONDS", default=180)
# A report whose tables have more rows than this gets no PDF (LibreOffice would run past the limit).
REPORT_PDF_MAX_TABLE_ROWS = env.int("REPORT_PDF_MAX_TABLE_ROWS", default=3000)
REPORT_SWEEP_SECONDS = env.int("REPORT_SWEEP_SECONDS", default=120)
REPORT_REDISPATCH_AFTER_SECONDS = env.int("REPORT_REDISPATCH_AFTER_SECONDS", default=120)
REPORT_HEARTBEAT_SECONDS = env.int("REPORT_HEARTBEAT_SECONDS", default=30)
REPORT_WORKER_DEAD_AFTER_SECONDS = env.int("REPORT_WORKER_DEAD_AFTER_SECONDS", default=120)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
CELERY_BEAT_SCHEDULE = {
    # Daily, so that next year's periods exist long before the first of them opens on 15 December.
    "plans-reporting-periods-ahead": {
        "task": "plans.tasks.reporting_periods_ahead_task",
        "schedule": crontab(hour=1, minute=0),
    },
    "reports-compile-due-periods": {
        "task": "reports.tasks.reports_compile_due_task",
        "schedule": crontab(hour=6, minute=0),
    },
    "reports-send-reminders": {
        "task": "reports.tasks.report_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "reports-send-overdue-notices": {
        "task": "reports.tasks.overdue_notices_task",
        "schedule": crontab(hour=7, minute=30),
    },
    "reports-sweep": {
        "task": "reports.tasks.reports_sweep_task",
        "schedule": float(REPORT_SWEEP_SECONDS),
    },
    # Exports use the reports' sweep timings (REPORT_REDISPATCH_AFTER_SECONDS and the heartbeat ones).
    "delegations-exports-sweep": {
        "task": "delegations.tasks.delegation_exports_sweep_task",
        "schedule": float(REPORT_SWEEP_SECONDS),
    },
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng kế hoạch đối ngoại <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where e-mails point their links: the address users open the portal at.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ExpiringTokenAuthentication",
    ],
    # Per client: anonymous callers by address, signed-in ones by user (rates from the environment).
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="30/minute"),
        "user": env.str("API_THROTTLE_USER", default="600/minute"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "core.api_schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
    "COERCE_DECIMAL_TO_STRING": False,
    "DATE_INPUT_FORMATS": ["iso-8601"],
    "DATE_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Foreign affairs plan portal API",
    "DESCRIPTION": "Plans, tasks, progress and delegations of the provincial foreign-affairs portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "PlanStatusEnum": "plans.choices.PlanStatus",
        "ProgressStatusEnum": "plans.choices.ProgressStatus",
        "WorkflowStateEnum": "plans.choices.WorkflowState",
    },
}

# --- Security (production) ------------------------------------------------------------------
# Production sits behind a TLS-terminating proxy (Caddy in docker-compose.yml) that sets
# X-Forwarded-Proto; every value can be changed from the environment, so `check --deploy` is clean
# with the defaults and an operator can still step HSTS up gradually.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    # Trust the header that says "the client used HTTPS" only when a proxy in front sets it
    # (docker-compose: SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto, from Caddy); without one, any
    # client could claim HTTPS and skip the redirect.
    _proxy_ssl_header = env.str("SECURE_PROXY_SSL_HEADER", default="")
    if _proxy_ssl_header:
        SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # The health check of the proxy and of docker-compose asks over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    # Preloading is a decision for the province's domain owner, not a default of this portal.
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- Portal settings (differ between provinces; see docs/architecture.md) -------------------
PROVINCE_NAME = env.str("PROVINCE_NAME", default="Sơn La")
# Working days between the close of a reporting window and the submission deadline (Decree 09
# requires at least one; many provinces use two).
REPORT_DEADLINE_WORKING_DAYS = env.int("REPORT_DEADLINE_WORKING_DAYS", default=2)
# Some provinces add a nine-month periodic report (15/12 of the previous year to 14/09).
REPORT_NINE_MONTH_PERIOD = env.bool("REPORT_NINE_MONTH_PERIOD", default=True)
# Days after an outbound delegation returns by which its result report is due (7, 10 or 15 in use).
DELEGATION_RESULT_REPORT_DAYS = env.int("DELEGATION_RESULT_REPORT_DAYS", default=15)
# Caps on an outbound trip set by the province (0 disables a cap).
DELEGATION_MAX_OUTBOUND_MEMBERS = env.int("DELEGATION_MAX_OUTBOUND_MEMBERS", default=0)
DELEGATION_MAX_OUTBOUND_COUNTRIES = env.int("DELEGATION_MAX_OUTBOUND_COUNTRIES", default=0)
# Pages of 25 the delegation list reaches; past them the page asks to narrow the filters.
DELEGATION_LIST_MAX_PAGES = env.int("DELEGATION_LIST_MAX_PAGES", default=40)
# Exports of at most this many delegations are written in the request; larger ones by a worker,
# which the user follows on a page until the file is ready (delegations/exports.py).
DELEGATION_EXPORT_IMMEDIATE_ROWS = env.int("DELEGATION_EXPORT_IMMEDIATE_ROWS", default=5000)
# How long a finished export file is kept before the sweeper deletes it.
DELEGATION_EXPORT_KEEP_DAYS = env.int("DELEGATION_EXPORT_KEEP_DAYS", default=7)
# The export task's hard time limit in seconds (a million rows to XLSX take minutes, not the default ten).
DELEGATION_EXPORT_TIME_LIMIT = env.int("DELEGATION_EXPORT_TIME_LIMIT", default=3600)

# --- Plans and progress ---------------------------------------------------------------------
# The period kind the province reports on most often: "my work" opens on the one containing today.
MY_WORK_PERIOD_KIND = env.str("MY_WORK_PERIOD_KIND", default="quarterly")
# The period kinds in which departments owe progress entries (plans.selectors.obligations); ad hoc
# periods are always collected.
PROGRESS_COLLECTED_PERIOD_KINDS = env.list("PROGRESS_COLLECTED_PERIOD_KINDS", default=["quarterly", "yearly"])
# Rows per page of the review list.
REVIEW_ROWS_PER_PAGE = env.int("REVIEW_ROWS_PER_PAGE", default=50)
# A deadline this many days away or fewer earns a "due soon" badge.
DUE_SOON_DAYS = env.int("DUE_SOON_DAYS", default=7)
# Largest attachment accepted on a progress entry, in megabytes.
PROGRESS_ATTACHMENT_MAX_BYTES = env.int("PROGRESS_ATTACHMENT_MAX_MB", default=20) * 1024 * 1024
# How many files one progress entry may hold, and how much in all.
PROGRESS_ATTACHMENT_MAX_COUNT = env.int("PROGRESS_ATTACHMENT_MAX_COUNT", default=10)
PROGRESS_ATTACHMENT_MAX_TOTAL_BYTES = env.int("PROGRESS_ATTACHMENT_MAX_TOTAL_MB", default=100) * 1024 * 1024
# Largest signed plan document (a scan of a long plan runs to tens of megabytes).
PLAN_DOCUMENT_MAX_MB = env.int("PLAN_DOCUMENT_MAX_MB", default=30)
# Largest Excel file accepted by a plan's task import, in megabytes (2,000 tasks fit in well under 1).
PLAN_IMPORT_MAX_MB = env.int("PLAN_IMPORT_MAX_MB", default=5)

# --- Delegations ----------------------------------------------------------------------------
# Country names as the foreign ministry writes them in Vietnamese (core/countries.py).
COUNTRIES_OVERRIDE = countries_override()
# Partner countries the report sentences name after the totals ("… trong đó có 14 đoàn với 176 lượt
# khách đến từ nước Lào"), as ISO 3166-1 alpha-2 codes, in order. Border provinces name Laos.
DELEGATION_REPORT_COUNTRIES = env.list("DELEGATION_REPORT_COUNTRIES", default=["LA"])
# Largest Excel file accepted by the delegation import, in megabytes (2,000 rows fit in well under 1).
DELEGATION_IMPORT_MAX_MB = env.int("DELEGATION_IMPORT_MAX_MB", default=5)

# --- Spreadsheets users upload (core/spreadsheets.py) ---------------------------------------
# Checked before and while parsing, on what the file really holds, so a crafted file is refused
# in a moment: its unpacked size, the last row and column holding data, the length of a cell.
SPREADSHEET_MAX_UNCOMPRESSED_MB = env.int("SPREADSHEET_MAX_UNCOMPRESSED_MB", default=50)
SPREADSHEET_MAX_ROWS = env.int("SPREADSHEET_MAX_ROWS", default=5000)
SPREADSHEET_MAX_COLUMNS = env.int("SPREADSHEET_MAX_COLUMNS", default=60)
SPREADSHEET_MAX_CELL_CHARS = env.int("SPREADSHEET_MAX_CELL_CHARS", default=10000)

# --- Compiled reports -----------------------------------------------------------------------
# The header, number, signature and recipients of the Word report (Decree 30/2020/NĐ-CP) differ
# between provinces and signers.
REPORT_PARENT_BODY = env.str("REPORT_PARENT_BODY", default=f"UBND TỈNH {PROVINCE_NAME.upper()}")
REPORT_ISSUING_BODY = env.str("REPORT_ISSUING_BODY", default="SỞ NGOẠI VỤ")
REPORT_DOCUMENT_SYMBOL = env.str("REPORT_DOCUMENT_SYMBOL", default="BC-SNgV")
REPORT_PLACE = env.str("REPORT_PLACE", default=PROVINCE_NAME)
# "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" when a deputy signs; an empty authority line when the director does.
REPORT_SIGNER_AUTHORITY = env.str("REPORT_SIGNER_AUTHORITY", default="KT. GIÁM ĐỐC")
REPORT_SIGNER_TITLE = env.str("REPORT_SIGNER_TITLE", default="PHÓ GIÁM ĐỐC")
REPORT_SIGNER_NAME = env.str("REPORT_SIGNER_NAME", default="")
REPORT_RECIPIENTS = env.list(
    "REPORT_RECIPIENTS", default=["Bộ Ngoại giao (b/c)", "TT Tỉnh ủy (b/c)", f"UBND tỉnh {PROVINCE_NAME} (b/c)"]
)
REPORT_ARCHIVE_NOTE = env.str("REPORT_ARCHIVE_NOTE", default="Lưu: VT, NV")
# The body names at most this many tasks or texts in a list (an area's results, the tasks due, the
# difficulties and proposals); the rest are counted ("… và 230 nhiệm vụ khác, xem Phụ lục") and the
# annex lists them all.
REPORT_BODY_MAX_ITEMS = env.int("REPORT_BODY_MAX_ITEMS", default=10)
# Reminders go to departments that still owe entries this many days before a deadline, and after it.
REPORT_REMINDER_DAYS_BEFORE = env.int("REPORT_REMINDER_DAYS_BEFORE", default=3)

# --- Leadership dashboard -------------------------------------------------------------------
# Seconds the dashboard's figures stay cached; any change of the data drops them sooner (dashboard/cache.py).
# How long the last dashboard figures are kept: served (with the time they were computed) while the
# refresh job recomputes them after a change, and dropped only when nobody looked for this long.
DASHBOARD_FIGURES_KEEP_SECONDS = env.int("DASHBOARD_FIGURES_KEEP_SECONDS", default=7 * 24 * 3600)
