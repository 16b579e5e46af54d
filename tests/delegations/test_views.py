"""Browser pages: list with filters and pagination, detail, create, edit, cancel, statistics."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCountry
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

LIST = reverse("delegations:delegation_list")
CREATE = reverse("delegations:delegation_create")
STATS = reverse("delegations:delegation_stats")


def form_data(department, countries=(("LA", "tỉnh Luông Pha Băng"),), initial_rows=0, **overrides):
    """The form's fields and its country rows (three more than the initial ones, the extra ones empty)."""
    rows = {"countries-TOTAL_FORMS": str(initial_rows + 3), "countries-INITIAL_FORMS": str(initial_rows)}
    for index, (code, locality) in enumerate(countries):
        rows[f"countries-{index}-country"] = code
        rows[f"countries-{index}-locality"] = locality
    data = {
        "direction": "outbound",
        "title": "Đoàn công tác tại tỉnh Luông Pha Băng",
        "purpose": "Ký kết biên bản hợp tác",
        "department": department.pk,
        "leader_name": "Nguyễn Văn A",
        "leader_position": "Phó Chủ tịch UBND tỉnh",
        "member_count": 7,
        "partner_kind": "locality",
        "partner": "tỉnh Luông Pha Băng",
        "start_date": "2018-05-02",
        "end_date": "2018-05-05",
        "funding_source": "provincial_budget",
        "cost_vnd": "250000000",
        "approval_document": "120/QĐ-UBND",
        "approval_date": "2018-04-20",
        "status": "approved",
    }
    return {**data, **rows, **overrides}


@pytest.fixture
def overdue(department_a):
    """Back on 01/01/2018, no result report: long overdue."""
    delegation = DelegationFactory(
        department=department_a,
        direction=Direction.OUTBOUND,
        title="Đoàn quá hạn báo cáo",
        start_date=datetime.date(2017, 12, 28),
        end_date=datetime.date(2018, 1, 1),
    )
    DelegationCountryFactory(delegation=delegation)
    return delegation


def test_list_shows_delegations_with_overdue_flag(client_as, overdue, department_a):
    reported = DelegationFactory(
        department=department_a,
        direction=Direction.OUTBOUND,
        title="Đoàn đã báo cáo",
        result_report_submitted_on=datetime.date(2018, 1, 5),
    )

    response = client_as("specialist").get(LIST)

    assert response.status_code == 200
    rows = {d.title: d.report_overdue for d in response.context["delegations"]}
    assert rows == {overdue.title: True, reported.title: False}
    assert "Quá hạn báo cáo kết quả" in response.content.decode()
    assert "01/01/2018" in response.content.decode()


def test_overdue_counts_the_configured_days(client_as, department_a, settings):
    settings.DELEGATION_RESULT_REPORT_DAYS = 10
    today = datetime.date.today()
    due_today = DelegationFactory(
        department=department_a,
        direction=Direction.OUTBOUND,
        title="hạn hôm nay",
        start_date=today - datetime.timedelta(days=12),
        end_date=today - datetime.timedelta(days=10),
    )
    late = DelegationFactory(
        department=department_a,
        direction=Direction.OUTBOUND,
        title="quá một ngày",
        start_date=today - datetime.timedelta(days=12),
        end_date=today - datetime.timedelta(days=11),
    )
    DelegationFactory(
        department=department_a,
        direction=Direction.INBOUND,
        title="đoàn vào",
        start_date=today - datetime.timedelta(days=40),
        end_date=today - datetime.timedelta(days=30),
    )

    flags = {d.title: d.report_overdue for d in client_as("specialist").get(LIST).context["delegations"]}

    assert flags == {due_today.title: False, late.title: True, "đoàn vào": False}


def test_list_filters_by_direction_country_department_status_and_dates(client_as, overdue, department_a, department_b):
    inbound = DelegationCountryFactory(delegation__department=department_b, country="TH").delegation
    client = client_as("specialist")

    def titles(**params):
        return {d.title for d in client.get(LIST, params).context["delegations"]}

    assert titles(direction="inbound") == {inbound.title}
    assert titles(country="LA") == {overdue.title}
    assert titles(department=department_b.pk) == {inbound.title}
    assert titles(status="completed") == {overdue.title, inbound.title}
    assert titles(start_date_after="2018-01-01") == {inbound.title}
    assert titles(start_date_before="2017-12-31") == {overdue.title}


def test_list_bad_filter_shows_the_error_not_500(client_as, overdue):
    response = client_as("specialist").get(LIST, {"year": "99999", "start_date_after": "xx"})

    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_list_paginates(client_as, department_a):
    DelegationFactory.create_batch(30, department=department_a)
    client = client_as("specialist")

    first = client.get(LIST)
    second = client.get(LIST, {"page": 2})
    missing = client.get(LIST, {"page": 9})

    assert len(first.context["delegations"]) == 25
    assert len(second.context["delegations"]) == 5
    assert missing.status_code == 404


def page_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def add(department, count):
    for _ in range(count):
        delegation = DelegationFactory(department=department)
        DelegationCountry.objects.create(delegation=delegation, country="LA")
        DelegationCountry.objects.create(delegation=delegation, country="KH")


def test_list_query_count_does_not_grow(client_as, department_a):
    client = client_as("staff_a")
    add(department_a, 3)
    few = page_queries(client, LIST)
    add(department_a, 40)

    assert page_queries(client, LIST) == few


def test_detail_query_count_does_not_grow(client_as, department_a):
    client = client_as("specialist")
    add(department_a, 1)
    delegation = Delegation.objects.get()
    url = reverse("delegations:delegation_detail", args=[delegation.pk])
    few = page_queries(client, url)
    for code in ["TH", "CN", "JP", "KR"]:
        DelegationCountry.objects.create(delegation=delegation, country=code)

    assert page_queries(client, url) == few


def test_stats_page_query_count_does_not_grow(client_as, department_a):
    client = client_as("specialist")
    add(department_a, 2)
    few = page_queries(client, STATS + "?start_date_after=2018-01-01&start_date_before=2018-12-31")
    add(department_a, 30)

    assert page_queries(client, STATS + "?start_date_after=2018-01-01&start_date_before=2018-12-31") == few


def test_detail_shows_the_delegation_and_its_overdue_report(client_as, overdue, settings):
    settings.DELEGATION_RESULT_REPORT_DAYS = 15

    response = client_as("staff_a").get(reverse("delegations:delegation_detail", args=[overdue.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert overdue.title in page
    assert "16/01/2018" in page  # due date: 01/01/2018 + 15 days


def test_create_records_a_delegation(client_as, department_a):
    response = client_as("staff_a").post(
        CREATE, form_data(department_a, countries=[("LA", "tỉnh Hủa Phăn"), ("TH", "")])
    )

    delegation = Delegation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("delegations:delegation_detail", args=[delegation.pk])
    assert list(delegation.countries.values_list("country", "locality")) == [("LA", "tỉnh Hủa Phăn"), ("TH", "")]
    assert delegation.cost_vnd == 250000000


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"end_date": "2018-05-01"}, "end_date", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"member_count": "0"}, "member_count", "lớn hơn hoặc bằng"),
        ({"start_date": "31/02/2018"}, "start_date", "Nhập một ngày hợp lệ"),
        ({"title": ""}, "title", "bắt buộc"),
    ],
)
def test_create_refuses_bad_input_in_vietnamese(client_as, department_a, overrides, field, message):
    response = client_as("specialist").post(CREATE, form_data(department_a, **overrides))

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert not Delegation.objects.exists()


@pytest.mark.parametrize(
    "countries,message",
    [
        ([("XX", "")], "Hãy chọn một lựa chọn hợp lệ"),
        ([("", "tỉnh Hủa Phăn")], "Hãy chọn quốc gia của địa phương này."),
        ([], "Hãy chọn ít nhất một quốc gia."),
        ([("LA", "a"), ("LA", "b")], "Một quốc gia được liệt kê hai lần."),
    ],
)
def test_create_refuses_bad_country_rows(client_as, department_a, countries, message):
    response = client_as("specialist").post(CREATE, form_data(department_a, countries=countries))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Delegation.objects.exists()


def test_create_applies_the_outbound_caps(client_as, department_a, settings):
    settings.DELEGATION_MAX_OUTBOUND_MEMBERS = 5

    response = client_as("specialist").post(CREATE, form_data(department_a))

    assert "tối đa 5 người" in str(response.context["form"].errors["member_count"])
    assert not Delegation.objects.exists()


def test_create_offers_staff_only_their_department(client_as, department_a, department_b):
    client = client_as("staff_a")

    offered = list(client.get(CREATE).context["form"].fields["department"].queryset)
    response = client.post(CREATE, form_data(department_b))

    assert offered == [department_a]
    assert "department" in response.context["form"].errors
    assert not Delegation.objects.exists()


def test_edit_changes_the_delegation(client_as, overdue, department_a):
    url = reverse("delegations:delegation_update", args=[overdue.pk])
    client = client_as("head_a")

    page = client.get(url)
    response = client.post(
        url,
        form_data(
            department_a,
            countries=[("LA", "tỉnh Phông Xa Lỳ"), ("KH", "")],
            initial_rows=1,
            title="Tên mới",
            result_report_submitted_on="2018-01-10",
        ),
    )

    assert [row.initial for row in page.context["formset"].initial_forms] == [
        {"country": "LA", "locality": "tỉnh Luông Pha Băng"}
    ]
    assert response.status_code == 302
    overdue.refresh_from_db()
    assert (overdue.title, overdue.result_report_submitted_on) == ("Tên mới", datetime.date(2018, 1, 10))
    assert list(overdue.countries.values_list("country", "locality")) == [("LA", "tỉnh Phông Xa Lỳ"), ("KH", "")]


def test_edit_refuses_bad_input_and_changes_nothing(client_as, overdue, department_a):
    url = reverse("delegations:delegation_update", args=[overdue.pk])

    response = client_as("specialist").post(
        url, form_data(department_a, initial_rows=1, end_date="2018-01-01", title="Tên mới", member_count="0")
    )

    assert set(response.context["form"].errors) == {"end_date", "member_count"}
    assert Delegation.objects.get(pk=overdue.pk).title == overdue.title


def test_cancel_needs_a_reason_and_records_it(client_as, department_a):
    delegation = DelegationCountryFactory(
        delegation__department=department_a, delegation__status=DelegationStatus.APPROVED
    ).delegation
    url = reverse("delegations:delegation_cancel", args=[delegation.pk])
    client = client_as("staff_a")

    empty = client.post(url, {"reason": "   "})
    unchanged = Delegation.objects.get(pk=delegation.pk).status
    done = client.post(url, {"reason": "Phía bạn đề nghị lùi thời gian"})

    assert "reason" in empty.context["form"].errors
    assert unchanged == DelegationStatus.APPROVED
    assert done.status_code == 302
    delegation.refresh_from_db()
    assert (delegation.status, delegation.cancellation_reason) == ("cancelled", "Phía bạn đề nghị lùi thời gian")


def test_cancel_refuses_a_completed_delegation(client_as, overdue):
    response = client_as("specialist").post(
        reverse("delegations:delegation_cancel", args=[overdue.pk]), {"reason": "Nhầm"}
    )

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Delegation.objects.get(pk=overdue.pk).status == DelegationStatus.COMPLETED


def test_stats_page_shows_tables_charts_and_sentences(client_as, department_a):
    for day, code in [(2, "LA"), (3, "LA"), (4, "TH")]:
        DelegationCountryFactory(
            delegation__department=department_a,
            delegation__member_count=day,
            delegation__start_date=datetime.date(2018, 3, day),
            delegation__end_date=datetime.date(2018, 3, day),
            country=code,
        )

    response = client_as("reader").get(STATS, {"start_date_after": "2018-01-01", "start_date_before": "2018-12-31"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "đã đón tiếp và làm việc với 3 đoàn với 9 lượt khách quốc tế" in page
    assert "2 đoàn với 5 lượt khách đến từ nước CHDCND Lào" in page
    assert 'id="country-chart"' in page and 'data-chart="month-chart"' in page
    assert "chart.js-4.6.1/chart.umd.min.js" in page
    assert response.context["stats"]["month"]["rows"] == [
        {"direction": "inbound", "month": "2018-03", "delegations": 3, "persons": 9}
    ]
    assert "Bun-thoong" not in page


def test_stats_page_uses_a_reporting_period_window(client_as, department_a):
    from plans.models import ReportingPeriod

    period = ReportingPeriod.objects.create(
        kind="quarterly",
        year=2018,
        sequence=1,
        start_date=datetime.date(2017, 12, 15),
        end_date=datetime.date(2018, 3, 14),
        deadline=datetime.date(2018, 3, 16),
    )
    DelegationFactory(
        department=department_a, start_date=datetime.date(2017, 12, 15), end_date=datetime.date(2017, 12, 16)
    )
    DelegationFactory(
        department=department_a, start_date=datetime.date(2018, 3, 15), end_date=datetime.date(2018, 3, 16)
    )

    response = client_as("specialist").get(STATS, {"period": period.pk})

    assert response.context["stats"]["direction"]["totals"] == [
        {"direction": "inbound", "delegations": 1, "persons": 10}
    ]


def test_stats_page_refuses_a_reversed_period(client_as):
    response = client_as("specialist").get(STATS, {"start_date_after": "2018-12-31", "start_date_before": "2018-01-01"})

    assert response.status_code == 200
    assert "start_date_before" in response.context["form"].errors
    assert "stats" not in response.context


def test_nav_shows_delegations_and_statistics(client_as):
    page = client_as("staff_a").get(LIST).content.decode()

    assert reverse("delegations:delegation_stats") in page
    assert "Thống kê" in page


def test_stats_page_defaults_to_this_calendar_year(client_as, department_a):
    year = datetime.date.today().year
    DelegationFactory(department=department_a, start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 1, 2))
    DelegationFactory(
        department=department_a, start_date=datetime.date(year - 1, 12, 31), end_date=datetime.date(year, 1, 2)
    )

    response = client_as("specialist").get(STATS)

    assert response.context["stats"]["direction"]["totals"] == [
        {"direction": "inbound", "delegations": 1, "persons": 10}
    ]
    # Shown day first, as every date in the portal.
    page = response.content.decode()
    assert f'value="01/01/{year}"' in page and f'value="31/12/{year}"' in page


def test_list_shows_staff_only_their_department(client_as, department_a, department_b):
    own = DelegationFactory(department=department_a, title="Đoàn của sở A")
    DelegationFactory(department=department_b, title="Đoàn của huyện B")

    page = client_as("staff_a").get(LIST)

    assert [d.pk for d in page.context["delegations"]] == [own.pk]
    assert "Đoàn của huyện B" not in page.content.decode()
