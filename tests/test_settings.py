"""Settings read from the environment: database, broker and the production guard.

Each case imports the settings in a fresh interpreter, because settings are read once per process.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
# Variables that CI or a developer's shell may set; each case starts without them.
CONFIG_VARS = {"DJANGO_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER", "ALLOWED_HOSTS"}
# What docker-compose gives the web container, less what `check --deploy` does not look at.
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "ngoaivu.example.gov.vn",
}


def python_in_subprocess(tmp_path: Path, args: list[str], env_vars: dict[str, str]) -> subprocess.CompletedProcess:
    # Not pytest's DJANGO_SETTINGS_MODULE (the test settings) nor the browser tests'
    # DJANGO_ALLOW_ASYNC_UNSAFE: the portal's own settings, as a server would load them.
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in CONFIG_VARS and not key.startswith(("DJANGO_", "SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_"))
    }
    env.update(VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="foreign_affairs.settings", **env_vars)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def read_settings(tmp_path: Path, expression: str, **env_vars: str) -> subprocess.CompletedProcess:
    """Set up Django in a subprocess with the given variables and print `expression`."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'foreign_affairs.settings'; "
        f"django.setup(); from django.conf import settings; print({expression})"
    )
    return python_in_subprocess(tmp_path, ["-c", code], env_vars)


def check_deploy(tmp_path: Path, **env_vars: str) -> subprocess.CompletedProcess:
    """Run `manage.py check --deploy`, failing on warnings, with production settings and `env_vars`."""
    args = ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    return python_in_subprocess(tmp_path, args, {**PRODUCTION, **env_vars})


def test_db_url_config_postgres_engine():
    assert environ.Env.db_url_config("postgres://u@h:5432/n")["ENGINE"] == "django.db.backends.postgresql"


def test_settings_database_url_selects_postgresql(tmp_path):
    result = read_settings(tmp_path, "settings.DATABASES['default']['ENGINE']", DATABASE_URL="postgres://u@h:5432/n")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_settings_without_database_url_uses_sqlite_in_var_dir(tmp_path):
    result = read_settings(tmp_path, "settings.DATABASES['default']['NAME']")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "db.sqlite3")


def test_settings_without_redis_url_runs_tasks_eagerly(tmp_path):
    result = read_settings(tmp_path, "settings.CELERY_TASK_ALWAYS_EAGER")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_settings_redis_url_becomes_broker(tmp_path):
    redis_url = "redis://127.0.0.1:6379/15"

    result = read_settings(
        tmp_path, "settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL", REDIS_URL=redis_url
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", redis_url]


def test_settings_production_without_secret_key_refuses_to_start(tmp_path):
    result = read_settings(tmp_path, "settings.SECRET_KEY", DJANGO_ENV="production")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_settings_production_passes_check_deploy_without_warnings(tmp_path):
    result = check_deploy(tmp_path)

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_settings_production_hsts_and_ssl_redirect_follow_the_environment(tmp_path):
    # Turned off from the environment, Django's own deploy checks must notice: the values are used.
    result = check_deploy(tmp_path, SECURE_HSTS_SECONDS="0", SECURE_SSL_REDIRECT="false")

    assert result.returncode != 0
    assert "security.W004" in result.stderr
    assert "security.W008" in result.stderr


def test_settings_production_hsts_defaults_to_a_year_with_subdomains(tmp_path):
    expression = "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD"

    result = read_settings(tmp_path, expression, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "31536000 True False"


def test_settings_production_trusts_forwarded_proto_only_when_told(tmp_path):
    # Without a proxy in front, a client could send X-Forwarded-Proto: https itself.
    alone = read_settings(tmp_path, "settings.SECURE_PROXY_SSL_HEADER", **PRODUCTION)
    behind_caddy = read_settings(
        tmp_path, "settings.SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto", **PRODUCTION
    )

    assert alone.returncode == 0, alone.stderr
    assert alone.stdout.strip() == "None"
    assert behind_caddy.returncode == 0, behind_caddy.stderr
    assert behind_caddy.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"
