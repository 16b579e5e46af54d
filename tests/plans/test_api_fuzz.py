"""schemathesis walks every operation of the OpenAPI schema as a focal-point specialist and as
department staff: no answer may be a 5xx, and every answer must match what the schema declares
(status, content type, body). A bounded, derandomised number of examples per operation keeps it
repeatable and within a few minutes; it runs in both CI passes (SQLite and PostgreSQL).

It lives with the plans tests for their small province (tests/plans/conftest.py), which it fills
with delegations and a report so that every list and detail has something to return.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from rest_framework.authtoken.models import Token
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.delegations.factories import DelegationCountryFactory
from tests.reports.factories import CompiledReportFactory

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 12


@pytest.fixture
def fuzz_world(world, monkeypatch):
    """The small province plus an entry, a delegation and a report, so every list has something to return."""
    # Fuzzing sends hundreds of requests a minute: the throttle is tested elsewhere.
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "100000/minute", "user": "100000/minute"})
    world.entry(department="a")
    DelegationCountryFactory(delegation__department=world.departments["a"])
    CompiledReportFactory(fingerprint="fuzz", period=world.period, requested_by=world.users["specialist"])
    # Requests go straight to the WSGI application: like Django's test client, keep the end of a
    # request from closing the test's database connection (and its transaction).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield world
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


def fuzz(world, username: str) -> list[str]:
    """Run every operation's examples as the user; return the failures, each with the operation named."""
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Token {Token.objects.get_or_create(user=world.users[username])[0].key}"}
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @FUZZING
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report every operation together
            failures.append(f"{operation.label}: {error}"[:3000])
    return failures


FUZZING = hypothesis_settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["specialist", "staff_a"])
def test_api_answers_as_its_schema_says_and_never_5xx(fuzz_world, username):
    failures = fuzz(fuzz_world, username)
    assert failures == [], "\n\n".join(failures)
