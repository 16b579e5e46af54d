"""The reports page: who reads, who compiles, downloads and previews, and constant query counts."""

import datetime

import pytest
from django.urls import reverse

from reports.choices import ReportState
from reports.models import CompiledReport
from reports.services import report_request, report_run
from tests.reports.factories import CompiledReportFactory

pytestmark = pytest.mark.django_db
D = datetime.date
LIST_URL = reverse("reports:report_list")
READERS = ["specialist", "leadership", "administrator"]
OUT_OF_REACH = ["staff", "head", "statistics_reader"]


@pytest.fixture
def done_report(province, delegations):
    report = report_request(period=province.period, by=province.users["specialist"])
    report_run(report_id=report.pk)
    report.refresh_from_db()
    return report


@pytest.mark.parametrize("name", READERS)
def test_report_list_shows_reports_to_readers(client_as, done_report, name):
    response = client_as(name).get(LIST_URL)

    assert response.status_code == 200
    assert done_report.title in response.content.decode()
    assert 'href="/reports/"' in response.content.decode()


@pytest.mark.parametrize("name", OUT_OF_REACH)
def test_report_list_is_out_of_reach_for_department_users_and_statistics_reader(client_as, done_report, name):
    response = client_as(name).get(LIST_URL)

    assert response.status_code == 404


def test_report_list_sends_anonymous_users_to_login(client):
    assert client.get(LIST_URL).status_code == 302


def test_report_list_shows_the_compile_form_only_to_those_who_compile(client_as, province):
    assert 'id="report-request"' in client_as("specialist").get(LIST_URL).content.decode()
    assert 'id="report-request"' not in client_as("leadership").get(LIST_URL).content.decode()


def test_report_compile_now_queues_and_compiles_a_range_report(
    client_as, province, delegations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("specialist").post(
            LIST_URL, {"date_from": "01/01/2017", "date_to": "30/04/2018", "period": "", "plan": ""}
        )

    assert response.status_code == 302
    report = CompiledReport.objects.get()
    assert (report.date_from, report.date_to, report.plan) == (D(2017, 1, 1), D(2018, 4, 30), None)
    assert report.requested_by == province.users["specialist"]
    assert report.state == ReportState.DONE
    assert report.title == "Kết quả công tác đối ngoại tỉnh Sơn La từ ngày 01/01/2017 đến ngày 30/04/2018"


def test_report_compile_now_twice_gives_one_version(client_as, province, django_capture_on_commit_callbacks):
    client = client_as("specialist")
    data = {"period": province.period.pk, "plan": province.plan.pk}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST_URL, data)
        client.post(LIST_URL, data)

    assert CompiledReport.objects.count() == 1


def test_report_compile_now_is_refused_to_leadership_and_changes_nothing(client_as, province):
    response = client_as("leadership").post(LIST_URL, {"period": province.period.pk})

    assert response.status_code == 403
    assert not CompiledReport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Chọn kỳ báo cáo hoặc nhập đủ ngày bắt đầu và ngày kết thúc."),
        ({"date_from": "30/04/2018", "date_to": "01/01/2017"}, "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"date_from": "31/02/2018", "date_to": "01/03/2018"}, "Nhập một ngày hợp lệ."),
    ],
)
def test_report_compile_now_explains_bad_input_in_vietnamese_and_changes_nothing(client_as, province, data, message):
    response = client_as("specialist").post(LIST_URL, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CompiledReport.objects.exists()


def test_report_compile_now_refuses_both_a_period_and_a_range(client_as, province):
    data = {"period": province.period.pk, "date_from": "01/01/2018", "date_to": "30/04/2018"}
    response = client_as("specialist").post(LIST_URL, data)

    assert response.status_code == 400
    assert "Chọn kỳ báo cáo hoặc khoảng thời gian, không chọn cả hai." in response.content.decode()


def test_report_again_makes_a_new_version_and_keeps_the_old(client_as, done_report, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("specialist").post(reverse("reports:report_again", args=[done_report.pk]))

    assert response.status_code == 302
    versions = list(CompiledReport.objects.order_by("version").values_list("version", "state"))
    assert versions == [(1, ReportState.DONE), (2, ReportState.DONE)]


def test_report_again_is_refused_to_leadership(client_as, done_report):
    response = client_as("leadership").post(reverse("reports:report_again", args=[done_report.pk]))

    assert response.status_code == 403
    assert CompiledReport.objects.count() == 1


def test_report_again_of_a_missing_report_is_404(client_as, province):
    assert client_as("specialist").post(reverse("reports:report_again", args=[999])).status_code == 404


@pytest.mark.parametrize("name", READERS)
@pytest.mark.parametrize(("file_type", "content_type"), [("docx", "wordprocessingml"), ("xlsx", "spreadsheetml")])
def test_report_download_streams_the_files_to_readers(client_as, done_report, name, file_type, content_type):
    response = client_as(name).get(reverse("reports:report_download", args=[done_report.pk, file_type]))

    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert f"bao-cao-{done_report.pk}-v1.{file_type}" in response["Content-Disposition"]
    assert b"".join(response.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize("name", OUT_OF_REACH)
def test_report_download_is_out_of_reach_for_others(client_as, done_report, name):
    response = client_as(name).get(reverse("reports:report_download", args=[done_report.pk, "docx"]))

    assert response.status_code == 404


def test_report_download_of_an_unknown_type_or_unfinished_report_is_404(client_as, done_report, province):
    queued = CompiledReportFactory(fingerprint="x")
    client = client_as("specialist")

    assert client.get(reverse("reports:report_download", args=[done_report.pk, "pdf"])).status_code == 404
    assert client.get(reverse("reports:report_download", args=[queued.pk, "docx"])).status_code == 404


def test_report_preview_shows_the_same_content_as_the_files(client_as, done_report):
    response = client_as("leadership").get(reverse("reports:report_preview", args=[done_report.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Kết quả công tác đối ngoại tỉnh Sơn La quý 1 năm 2018" in page
    assert "đã đón tiếp và làm việc với 2 đoàn với 2.030 lượt khách quốc tế" in page
    assert "II. CÔNG TÁC ĐOÀN RA, ĐOÀN VÀO" in page


def test_report_preview_is_out_of_reach_for_staff(client_as, done_report):
    assert client_as("staff").get(reverse("reports:report_preview", args=[done_report.pk])).status_code == 404


def test_report_list_shows_the_reason_of_a_failure(client_as, province):
    CompiledReportFactory(fingerprint="f", state=ReportState.FAILED, failure_reason="OSError: disk full")

    page = client_as("specialist").get(LIST_URL).content.decode()

    assert "OSError: disk full" in page
    assert "Lỗi" in page


@pytest.mark.parametrize("many_reports", [3, 60], indirect=True)
def test_report_list_query_count_does_not_grow_with_reports(client_as, many_reports, django_assert_max_num_queries):
    client = client_as("specialist")

    with django_assert_max_num_queries(9):
        response = client.get(LIST_URL)

    assert response.status_code == 200


def test_report_again_of_a_range_report_keeps_its_range(client_as, province, django_capture_on_commit_callbacks):
    first = report_request(date_from=D(2017, 1, 1), date_to=D(2018, 4, 30), plan=province.plan)
    report_run(report_id=first.pk)

    with django_capture_on_commit_callbacks(execute=True):
        client_as("administrator").post(reverse("reports:report_again", args=[first.pk]))

    second = CompiledReport.objects.get(version=2)
    assert (second.fingerprint, second.period, second.date_from, second.date_to) == (
        first.fingerprint, None, D(2017, 1, 1), D(2018, 4, 30),
    )  # fmt: skip
    assert second.requested_by == province.users["administrator"]


def test_report_again_explains_a_refusal_of_the_service(client_as, province, django_capture_on_commit_callbacks):
    first = report_request(period=province.period, plan=province.plan)
    report_run(report_id=first.pk)
    province.plan.status = "draft"
    province.plan.save()

    response = client_as("specialist").post(reverse("reports:report_again", args=[first.pk]), follow=True)

    assert response.status_code == 200
    assert "Không thể lập báo cáo cho kế hoạch đang là dự thảo." in response.content.decode()
    assert CompiledReport.objects.count() == 1
