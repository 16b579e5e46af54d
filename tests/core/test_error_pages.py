"""Error pages speak Vietnamese, and a query stopped by the statement timeout answers 503, not 500."""

import gc
import json
import os
import runpy
import types
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.views.defaults import server_error

from core.middleware import StatementTimeoutMiddleware, is_statement_timeout

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def cancelled_statement() -> OperationalError:
    """What Django raises when PostgreSQL cancels a statement: psycopg2's error, SQLSTATE 57014, as cause."""
    cause = Exception("canceling statement due to statement timeout")
    cause.pgcode = "57014"  # type: ignore[attr-defined]
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


def test_a_missing_page_says_so_in_vietnamese(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_the_server_error_page_speaks_vietnamese_without_the_database():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Máy chủ gặp sự cố" in response.content.decode()


def test_only_a_cancelled_statement_counts_as_a_timeout():
    assert is_statement_timeout(cancelled_statement())
    assert not is_statement_timeout(OperationalError("server closed the connection unexpectedly"))
    assert not is_statement_timeout(ValueError("57014"))


def test_a_page_whose_query_timed_out_answers_503_with_what_to_do(rf):
    middleware = StatementTimeoutMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/delegations/stats/"), cancelled_statement())
    assert response.status_code == 503
    assert "thu hẹp bộ lọc" in response.content.decode()


def test_an_api_call_whose_query_timed_out_answers_503_in_the_api_shape(rf):
    middleware = StatementTimeoutMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/api/v1/delegations/stats/"), cancelled_statement())
    assert response.status_code == 503
    assert "thu hẹp bộ lọc" in json.loads(response.content)["detail"]


def test_other_errors_are_left_to_django(rf):
    middleware = StatementTimeoutMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), OperationalError("disk full")) is None


def test_gunicorn_gives_web_workers_a_statement_timeout_under_its_own(monkeypatch):
    monkeypatch.setenv("GUNICORN_TIMEOUT", "60")
    # Set, then removed: monkeypatch then removes what gunicorn.conf.py sets when the test ends.
    monkeypatch.setenv("DATABASE_STATEMENT_TIMEOUT_MS", "")
    monkeypatch.delenv("DATABASE_STATEMENT_TIMEOUT_MS")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["timeout"] == 60
    assert os.environ["DATABASE_STATEMENT_TIMEOUT_MS"] == "50000"


def test_gunicorn_workers_freeze_what_they_loaded_after_their_first_requests():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    worker = types.SimpleNamespace(nr=2)  # a request after the first: nothing frozen
    frozen_before = gc.get_freeze_count()
    try:
        config["post_request"](worker, None, {}, None)
        assert gc.get_freeze_count() == frozen_before

        worker.nr = config["FREEZE_AFTER_REQUESTS"][0]
        config["post_request"](worker, None, {}, None)
        assert gc.get_freeze_count() > frozen_before
    finally:
        gc.unfreeze()
