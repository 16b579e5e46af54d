"""The settings of the test suite: the runtime settings plus what only the tests need."""

import os

from .settings import *  # noqa: F403
from .settings import DATABASES, VAR_DIR

# The Celery worker the tests start opens the test database from another process, which SQLite's
# in-memory test database does not allow: tests on SQLite use a file under var/, one per test run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("TEST", {}).setdefault("NAME", str(VAR_DIR / f"test-{os.getpid()}.sqlite3"))
