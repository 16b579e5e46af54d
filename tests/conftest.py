"""Shared pytest fixtures for the portal's test suite."""

import logging

import pytest

from accounts.choices import Role
from tests.accounts.factories import DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: API throttle counters and cached figures stay its own."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def no_report_pdf(settings):
    """Reports compile without their PDF (LibreOffice takes seconds); tests/reports/test_pdf.py makes it."""
    settings.REPORT_PDF = False


@pytest.fixture
def focal_department(db):
    return DepartmentFactory(name="Sở Ngoại vụ", short_name="Sở Ngoại vụ", code="SNgV")


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=Role.ADMINISTRATOR, department=None, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture
def dead_cache(settings, caplog):
    """The cache pointed at a Redis that is not there; returns caplog to read what was logged."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.FaultTolerantRedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    caplog.set_level(logging.WARNING)
    return caplog


def only_degraded(caplog) -> bool:
    """The cache failures were logged as warnings and answered without it; nothing failed outright."""
    messages = [record.getMessage() for record in caplog.records]
    failures = [record for record in caplog.records if record.levelno >= logging.ERROR]
    return any("Cache unreachable" in message for message in messages) and not failures
