"""The health check the proxy and docker-compose ask: no login, plain text, the database asked."""

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_login(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz/")
    assert (response.status_code, response.content) == (200, b"ok")
