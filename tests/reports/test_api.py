"""The reports API: readers list and open reports, compilers request them, others are refused."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from reports.choices import ReportState
from reports.models import CompiledReport
from reports.services import report_request, report_run

pytestmark = pytest.mark.django_db
LIST_URL = reverse("api:report-list")


@pytest.fixture
def api_as(province):
    def make(name):
        api = APIClient()
        api.force_authenticate(province.users[name])
        return api

    return make


@pytest.fixture
def done_report(province):
    report = report_request(period=province.period)
    report_run(report_id=report.pk)
    return CompiledReport.objects.get(pk=report.pk)


@pytest.mark.parametrize("name", ["specialist", "leadership", "administrator"])
def test_report_api_lists_reports_with_their_file_links(api_as, done_report, name):
    response = api_as(name).get(LIST_URL)

    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert (row["id"], row["state"], row["version"]) == (done_report.pk, "done", 1)
    assert row["docx_url"].endswith(f"/reports/{done_report.pk}/docx/")


@pytest.mark.parametrize("name", ["staff", "head", "statistics_reader"])
def test_report_api_refuses_department_users_and_statistics_reader(api_as, done_report, name):
    api = api_as(name)

    assert api.get(LIST_URL).status_code == 403
    assert api.get(reverse("api:report-detail", args=[done_report.pk])).status_code == 403


def test_report_api_answers_404_for_a_missing_report(api_as, province):
    assert api_as("specialist").get(reverse("api:report-detail", args=[999])).status_code == 404


def test_report_api_request_queues_once_and_answers_the_same_version(api_as, province):
    api = api_as("specialist")
    data = {"date_from": "2017-01-01", "date_to": "2018-04-30", "plan": province.plan.pk}

    first = api.post(LIST_URL, data, format="json")
    second = api.post(LIST_URL, data, format="json")

    assert first.status_code == second.status_code == 202
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["docx_url"] is None
    assert CompiledReport.objects.get().state == ReportState.QUEUED


def test_report_api_request_is_refused_to_leadership_and_changes_nothing(api_as, province):
    response = api_as("leadership").post(LIST_URL, {"period": province.period.pk}, format="json")

    assert response.status_code == 403
    assert not CompiledReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date_from": "2018-04-30"}, "Chọn kỳ báo cáo hoặc nhập đủ ngày bắt đầu và ngày kết thúc."),
        ({"date_from": "2018-04-30", "date_to": "2018-01-01"}, "Ngày kết thúc không được trước ngày bắt đầu."),
    ],
)
def test_report_api_request_explains_bad_input_in_vietnamese(api_as, province, data, message):
    response = api_as("specialist").post(LIST_URL, data, format="json", HTTP_ACCEPT_LANGUAGE="vi")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": [message]}
    assert not CompiledReport.objects.exists()


def test_report_api_request_refuses_both_a_period_and_a_range(api_as, province):
    data = {"period": province.period.pk, "date_from": "2018-01-01", "date_to": "2018-04-30"}

    response = api_as("specialist").post(LIST_URL, data, format="json")

    assert response.status_code == 400
    assert not CompiledReport.objects.exists()


@pytest.mark.parametrize("many_reports", [3, 60], indirect=True)
def test_report_api_list_query_count_does_not_grow(api_as, many_reports, django_assert_max_num_queries):
    api = api_as("specialist")

    with django_assert_max_num_queries(3):
        response = api.get(LIST_URL)

    assert response.json()["count"] == many_reports
