"""The dashboard endpoint is described in the OpenAPI schema with its filters and its figures."""

import pytest
import yaml
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_schema_describes_the_dashboard_endpoint(admin_client):
    response = admin_client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    schema = yaml.safe_load(response.content)
    operation = schema["paths"]["/api/v1/dashboard/"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} >= {"plan", "period", "date_from", "date_to"}
    # One object of figures, not a list, though the router names the action "list".
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Dashboard"
    }
    body = schema["components"]["schemas"]["Dashboard"]["properties"]
    assert set(body) >= {"tasks", "areas", "late_tasks", "timeliness", "delegations"}
    assert set(schema["components"]["schemas"]["TaskCounts"]["properties"]) == {
        "total",
        "completed",
        "on_track",
        "behind",
        "overdue",
    }
