"""The OpenAPI schema validates and describes every delegation endpoint, its filters and errors."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_schema_validates_without_warnings(tmp_path):
    out = tmp_path / "schema.yml"

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))

    assert out.stat().st_size > 0


@pytest.fixture
def schema(admin_client):
    response = admin_client.get(reverse("api-schema"), HTTP_ACCEPT="application/vnd.oai.openapi")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_lists_every_delegation_endpoint(schema):
    paths = schema["paths"]

    assert set(paths["/api/v1/delegations/"]) >= {"get", "post"}
    assert set(paths["/api/v1/delegations/{id}/"]) >= {"get", "put", "patch"}
    assert "get" in paths["/api/v1/delegations/stats/"]


def parameter_names(operation):
    return {parameter["name"] for parameter in operation.get("parameters", [])}


def test_schema_describes_the_filters(schema):
    filters = {
        "direction",
        "country",
        "department",
        "status",
        "start_date_after",
        "start_date_before",
        "year",
        "search",
    }

    assert parameter_names(schema["paths"]["/api/v1/delegations/"]["get"]) >= filters
    assert parameter_names(schema["paths"]["/api/v1/delegations/stats/"]["get"]) >= filters | {
        "group_by",
        "include_cancelled",
        "bodies",
    }


def test_schema_describes_the_stats_shape_and_error_responses(schema):
    stats = schema["paths"]["/api/v1/delegations/stats/"]["get"]
    create = schema["paths"]["/api/v1/delegations/"]["post"]
    detail = schema["paths"]["/api/v1/delegations/{id}/"]["patch"]

    assert {"200", "400", "401", "403"} <= set(stats["responses"])
    assert {"201", "400", "401", "403"} <= set(create["responses"])
    assert {"200", "400", "403", "404"} <= set(detail["responses"])
    ref = stats["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].split("/")[-1]
    assert set(schema["components"]["schemas"][ref]["properties"]) == {
        "group_by",
        "include_cancelled",
        "bodies",
        "counting",
        "rows",
        "totals",
    }


def test_docs_page_answers(admin_client):
    assert admin_client.get(reverse("api-docs")).status_code == 200
