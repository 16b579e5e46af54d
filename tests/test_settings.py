"""Settings read from the environment: database, broker and the production guard.

Each case imports the settings in a fresh interpreter, because settings are read once per process.
"""

import os
import subprocess
import sys
from pathlib import Path

import environ

ROOT = Path(__file__).resolve().parent.parent
# Variables that CI or a developer's shell may set; each case starts without them.
CONFIG_VARS = {"DJANGO_ENV", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_TASK_ALWAYS_EAGER"}


def read_settings(tmp_path: Path, expression: str, **env_vars: str) -> subprocess.CompletedProcess:
    """Set up Django in a subprocess with the given variables and print `expression`."""
    env = {key: value for key, value in os.environ.items() if key not in CONFIG_VARS}
    env.update(VAR_DIR=str(tmp_path), **env_vars)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'foreign_affairs.settings'; "
        f"django.setup(); from django.conf import settings; print({expression})"
    )
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


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
