"""Statistics against figures computed by hand, for every grouping, over the API."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCountry
from delegations.rollup import rollup_touch
from delegations.selectors import delegation_stats, delegation_stats_sentences
from tests.delegations.factories import DelegationFactory

pytestmark = pytest.mark.django_db

STATS_URL = reverse("api:delegation-stats")
D = datetime.date


def make(direction, countries, persons, start, department, status=DelegationStatus.COMPLETED):
    delegation = DelegationFactory(
        direction=direction,
        member_count=persons,
        start_date=start,
        end_date=start,
        department=department,
        status=status,
    )
    for code in countries:
        DelegationCountry.objects.create(delegation=delegation, country=code)
    return delegation


@pytest.fixture
def data_set(department_a, department_b):
    """Eight delegations; the expected figures in the tests below are counted by hand from this list."""
    a, b = department_a, department_b
    inbound, outbound = Direction.INBOUND, Direction.OUTBOUND
    return {
        "i1": make(inbound, ["LA"], 10, D(2018, 1, 15), a),
        "i2": make(inbound, ["LA", "TH"], 6, D(2018, 3, 31), b, DelegationStatus.APPROVED),
        "i3": make(inbound, ["CN"], 4, D(2018, 4, 1), a, DelegationStatus.PLANNED),
        "i4": make(inbound, ["LA"], 20, D(2018, 2, 10), a, DelegationStatus.CANCELLED),
        "i5": make(inbound, ["TH"], 3, D(2017, 12, 31), a),
        "o1": make(outbound, ["LA"], 5, D(2018, 1, 1), b),
        "o2": make(outbound, ["LA", "KH"], 8, D(2018, 12, 31), a),
        "o3": make(outbound, ["KH"], 2, D(2019, 1, 1), b),
    }


def stats(api, **params):
    response = api.get(STATS_URL, params)
    assert response.status_code == 200, response.content
    return response.json()


def figures(rows, *keys):
    return {tuple(row[key] for key in keys): (row["delegations"], row["persons"]) for row in rows}


def test_stats_totals_per_direction_leave_cancelled_and_other_years_out(api_as, data_set):
    body = stats(api_as("specialist"), year=2018)

    assert figures(body["totals"], "direction") == {("inbound",): (3, 20), ("outbound",): (2, 13)}
    assert figures(body["rows"], "direction") == {("inbound",): (3, 20), ("outbound",): (2, 13)}
    assert body["group_by"] == "direction"
    assert "start date" in body["counting"] or "ngày bắt đầu" in body["counting"]


def test_stats_by_country_counts_multi_country_delegations_in_each_row_once_in_totals(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, group_by="country")

    assert figures(body["rows"], "direction", "country") == {
        ("inbound", "LA"): (2, 16),
        ("inbound", "TH"): (1, 6),
        ("inbound", "CN"): (1, 4),
        ("outbound", "LA"): (2, 13),
        ("outbound", "KH"): (1, 8),
    }
    assert figures(body["totals"], "direction") == {("inbound",): (3, 20), ("outbound",): (2, 13)}
    names = {row["country"]: row["country_name"] for row in body["rows"]}
    assert names == {"LA": "Lào", "TH": "Thái Lan", "CN": "Trung Quốc", "KH": "Campuchia"}


def test_stats_by_department(api_as, data_set, department_a, department_b):
    body = stats(api_as("specialist"), year=2018, group_by="department")

    assert figures(body["rows"], "direction", "department") == {
        ("inbound", department_a.pk): (2, 14),
        ("inbound", department_b.pk): (1, 6),
        ("outbound", department_a.pk): (1, 8),
        ("outbound", department_b.pk): (1, 5),
    }


def test_stats_by_month_counts_by_start_date(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, group_by="month")

    assert figures(body["rows"], "direction", "month") == {
        ("inbound", "2018-01"): (1, 10),
        ("inbound", "2018-03"): (1, 6),
        ("inbound", "2018-04"): (1, 4),
        ("outbound", "2018-01"): (1, 5),
        ("outbound", "2018-12"): (1, 8),
    }


def test_stats_by_quarter_puts_31_march_and_1_april_in_different_quarters(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, group_by="quarter")

    assert figures(body["rows"], "direction", "year", "quarter") == {
        ("inbound", 2018, 1): (2, 16),
        ("inbound", 2018, 2): (1, 4),
        ("outbound", 2018, 1): (1, 5),
        ("outbound", 2018, 4): (1, 8),
    }


def test_stats_by_year_over_all_years(api_as, data_set):
    body = stats(api_as("specialist"), group_by="year")

    assert figures(body["rows"], "direction", "year") == {
        ("inbound", 2017): (1, 3),
        ("inbound", 2018): (3, 20),
        ("outbound", 2018): (2, 13),
        ("outbound", 2019): (1, 2),
    }
    assert figures(body["totals"], "direction") == {("inbound",): (4, 23), ("outbound",): (3, 15)}


def test_stats_include_cancelled_on_request(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, group_by="country", include_cancelled="true")

    assert figures(body["rows"], "direction", "country")[("inbound", "LA")] == (3, 36)
    assert figures(body["totals"], "direction")[("inbound",)] == (4, 40)
    assert body["include_cancelled"] is True


def test_stats_status_cancelled_asks_for_cancelled_ones(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, status="cancelled")

    assert figures(body["totals"], "direction") == {("inbound",): (1, 20)}


def test_stats_cancelled_filter_counts_the_cancelled_ones(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, cancelled="true")

    assert figures(body["totals"], "direction") == {("inbound",): (1, 20)}


@pytest.mark.parametrize(
    "params,expected",
    [
        # Both ends are inclusive: 01/01 and 31/12 delegations belong to the year.
        (
            {"start_date_after": "2018-01-01", "start_date_before": "2018-12-31"},
            {"inbound": (3, 20), "outbound": (2, 13)},
        ),
        # 31/03 ends the first quarter, 01/04 starts the second.
        (
            {"start_date_after": "2018-01-01", "start_date_before": "2018-03-31"},
            {"inbound": (2, 16), "outbound": (1, 5)},
        ),
        (
            {"start_date_after": "2018-04-01", "start_date_before": "2018-12-31"},
            {"inbound": (1, 4), "outbound": (1, 8)},
        ),
        ({"start_date_after": "2018-12-31", "start_date_before": "2019-01-01"}, {"outbound": (2, 10)}),
        ({"start_date_before": "2017-12-31"}, {"inbound": (1, 3)}),
    ],
)
def test_stats_date_filters_at_period_edges(api_as, data_set, params, expected):
    body = stats(api_as("specialist"), **params)

    assert {row["direction"]: (row["delegations"], row["persons"]) for row in body["totals"]} == expected


def test_stats_country_filter_limits_rows_and_totals_to_that_country(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, group_by="country", country="TH")

    assert figures(body["rows"], "direction", "country") == {("inbound", "TH"): (1, 6)}
    assert figures(body["totals"], "direction") == {("inbound",): (1, 6)}


def test_stats_two_countries_filter_counts_a_delegation_to_both_once(api_as, data_set):
    body = stats(api_as("specialist"), year=2018, country=["LA", "TH"])

    assert figures(body["totals"], "direction") == {("inbound",): (2, 16), ("outbound",): (2, 13)}


def test_stats_department_and_direction_filters(api_as, data_set, department_a):
    body = stats(api_as("specialist"), year=2018, department=department_a.pk, direction="inbound")

    assert figures(body["totals"], "direction") == {("inbound",): (2, 14)}


@pytest.mark.parametrize(
    "params,field",
    [
        ({"group_by": "planet"}, "group_by"),
        ({"start_date_after": "31/02/2018"}, "start_date"),
        ({"year": "abc"}, "year"),
        ({"year": "99999"}, "year"),
        ({"country": "XX"}, "country"),
        ({"department": "999999"}, "department"),
    ],
)
def test_stats_bad_filters_answer_400_with_the_field(api_as, data_set, params, field):
    response = api_as("specialist").get(STATS_URL, params)

    assert response.status_code == 400
    assert field in response.json()


@pytest.fixture
def son_la_2017(department_a):
    """266 inbound delegations with 2.024 visitors, 14 of them with 176 from Laos; 112 outbound with 627."""
    others = ["TH", "CN", "KH", "JP", "KR", "US", "FR", "DE", "AU", "SG", "MY", "ID", "PH", "IN"]

    def bulk(direction, sizes, countries):
        start = Delegation.objects.count()
        delegations = Delegation.objects.bulk_create(
            Delegation(
                reference=f"R-{start + i}",
                direction=direction,
                title="Đoàn",
                department=department_a,
                leader_name="X",
                member_count=size,
                start_date=D(2017, 6, 1),
                end_date=D(2017, 6, 2),
                status=DelegationStatus.COMPLETED,
            )
            for i, size in enumerate(sizes)
        )
        DelegationCountry.objects.bulk_create(
            DelegationCountry(delegation=d, country=c) for d, c in zip(delegations, countries, strict=True)
        )
        # bulk_create sends no signals: the statistics rollup is told of the new delegations here.
        rollup_touch(keys={(d.start_date, d.department_id) for d in delegations})

    # Inbound: 14 Lao delegations (13 × 12 + 20 = 176) and 252 others (251 × 7 + 91 = 1.848) spread
    # over 14 countries, 18 each: Laos is not the largest, yet the sentence names it (the setting).
    bulk(Direction.INBOUND, [12] * 13 + [20], ["LA"] * 14)
    bulk(Direction.INBOUND, [7] * 251 + [91], [others[i % 14] for i in range(252)])
    # Outbound: 59 to Laos (58 × 7 + 51 = 457) and 53 elsewhere (52 × 3 + 14 = 170).
    bulk(Direction.OUTBOUND, [7] * 58 + [51], ["LA"] * 59)
    bulk(Direction.OUTBOUND, [3] * 52 + [14], ["TH"] * 53)
    # Neither counts: one cancelled, one the day after the period "năm 2017 và 4 tháng đầu năm 2018".
    make(Direction.INBOUND, ["LA"], 30, D(2017, 9, 1), department_a, DelegationStatus.CANCELLED)
    make(Direction.INBOUND, ["LA"], 30, D(2018, 5, 1), department_a)


def test_stats_reproduce_the_son_la_report_sentences(son_la_2017):
    delegations = Delegation.objects.filter(start_date__year=2017)

    with translation.override("vi"):
        by_country = delegation_stats(delegations=delegations, group_by="country")
        laos = delegation_stats(delegations=delegations.filter(countries__country="LA"), group_by="direction")
        sentences = delegation_stats_sentences(by_country=by_country)

    assert sentences["inbound"] == (
        "đã đón tiếp và làm việc với 266 đoàn với 2.024 lượt khách quốc tế; trong đó có "
        "14 đoàn với 176 lượt khách đến từ nước CHDCND Lào"
    )
    assert sentences["outbound"] == (
        "đã cử 112 đoàn với 627 lượt cán bộ đi công tác tại các nước và vùng lãnh thổ; trong đó có "
        "59 đoàn với 457 lượt cán bộ đi công tác tại nước CHDCND Lào"
    )
    assert figures(laos["totals"], "direction") == {("inbound",): (14, 176), ("outbound",): (59, 457)}
    lao_row = figures(by_country["rows"], "direction", "country")[("inbound", "LA")]
    assert lao_row == (14, 176)


def test_stats_sentence_names_the_configured_countries(department_a, settings):
    settings.DELEGATION_REPORT_COUNTRIES = ["TH", "LA"]
    make(Direction.INBOUND, ["LA"], 176, D(2018, 1, 2), department_a)
    make(Direction.INBOUND, ["LA", "TH"], 1848, D(2018, 1, 3), department_a)
    make(Direction.INBOUND, ["CN"], 1, D(2018, 1, 4), department_a)

    with translation.override("vi"):
        sentences = delegation_stats_sentences(
            by_country=delegation_stats(delegations=Delegation.objects.all(), group_by="country")
        )

    assert sentences == {
        "inbound": "đã đón tiếp và làm việc với 3 đoàn với 2.025 lượt khách quốc tế; trong đó có "
        "1 đoàn với 1.848 lượt khách đến từ nước Thái Lan, 2 đoàn với 2.024 lượt khách đến từ nước CHDCND Lào"
    }


def test_stats_sentence_names_the_largest_country_when_no_configured_one_appears(department_a, settings):
    settings.DELEGATION_REPORT_COUNTRIES = ["LA"]
    make(Direction.OUTBOUND, ["JP"], 3, D(2018, 1, 2), department_a)
    make(Direction.OUTBOUND, ["KR"], 4, D(2018, 1, 3), department_a)
    make(Direction.OUTBOUND, ["KR"], 2, D(2018, 1, 4), department_a)

    with translation.override("vi"):
        sentences = delegation_stats_sentences(
            by_country=delegation_stats(delegations=Delegation.objects.all(), group_by="country")
        )

    assert sentences["outbound"].endswith("trong đó có 2 đoàn với 6 lượt cán bộ đi công tác tại nước Hàn Quốc")


def test_stats_token_client_reproduces_the_son_la_figures(users, son_la_2017):
    """The "done when" of the issue: a REST client with a token gets the report's figures."""
    token = Token.objects.create(user=users["reader"])
    client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    period = {"start_date_after": "2017-01-01", "start_date_before": "2018-04-30"}

    by_country = client.get(STATS_URL, {**period, "group_by": "country"}).json()
    laos = client.get(STATS_URL, {**period, "country": "LA"}).json()

    assert figures(by_country["totals"], "direction") == {("inbound",): (266, 2024), ("outbound",): (112, 627)}
    rows = figures(by_country["rows"], "direction", "country")
    assert (rows[("inbound", "LA")], rows[("outbound", "LA")]) == ((14, 176), (59, 457))
    assert figures(laos["totals"], "direction") == {("inbound",): (14, 176), ("outbound",): (59, 457)}
    assert {row["country_name"] for row in by_country["rows"] if row["country"] == "LA"} == {"Lào"}


def count_queries(api, params):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(STATS_URL, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("group_by", ["direction", "country", "department", "month", "quarter", "year"])
def test_stats_query_count_does_not_grow_with_delegations(api_as, department_a, group_by):
    api = api_as("specialist")
    make(Direction.INBOUND, ["LA"], 3, D(2018, 1, 1), department_a)
    few = count_queries(api, {"group_by": group_by})
    for day in range(1, 29):
        make(Direction.OUTBOUND, ["LA", "TH"], 2, D(2018, 2, day), department_a)
        make(Direction.INBOUND, ["CN"], 2, D(2018, 3, day), department_a)

    many = count_queries(api, {"group_by": group_by})

    assert few == many
    assert many <= 3
