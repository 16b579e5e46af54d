"""The delegations API: reading, writing, validation in Vietnamese, tokens, and constant query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationCountry
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:delegation-list")


def detail_url(delegation):
    return reverse("api:delegation-detail", args=[delegation.pk])


def payload(dept, **overrides):
    data = {
        "direction": "inbound",
        "title": "Đoàn đại biểu tỉnh Hủa Phăn",
        "purpose": "Hội đàm hợp tác năm 2018",
        "department": dept.pk,
        "leader_name": "Phôn-xay Vi-lay-sắc",
        "leader_position": "Phó Tỉnh trưởng",
        "member_count": 12,
        "countries": ["LA"],
        "partner": "tỉnh Hủa Phăn",
        "start_date": "2018-04-10",
        "end_date": "2018-04-12",
        "funding_source": "provincial_budget",
        "cost_vnd": 150000000,
        "approval_document": "495/QĐ-UBND",
        "status": "approved",
    }
    return {**data, **overrides}


@pytest.fixture
def delegation_a(department_a):
    delegation = DelegationFactory(department=department_a, status=DelegationStatus.APPROVED)
    DelegationCountryFactory(delegation=delegation, country="LA")
    return delegation


def test_delegation_list_returns_the_documented_fields(api_as, delegation_a):
    response = api_as("specialist").get(LIST_URL)

    assert response.status_code == 200
    row = response.json()["results"][0]
    assert set(row) == {
        "id",
        "direction",
        "title",
        "purpose",
        "department",
        "leader_name",
        "leader_position",
        "member_count",
        "countries",
        "partner",
        "start_date",
        "end_date",
        "funding_source",
        "cost_vnd",
        "approval_document",
        "status",
    }
    assert row["countries"] == ["LA"]
    assert row["start_date"] == "2018-03-01"


def test_delegation_cost_is_a_whole_number_of_dong(api_as, department_a):
    response = api_as("specialist").post(LIST_URL, payload(department_a, cost_vnd=12150000000), format="json")

    assert response.status_code == 201
    assert '"cost_vnd":12150000000,' in response.content.decode()


def test_delegation_create_records_it_with_its_countries(api_as, department_a):
    response = api_as("staff_a").post(LIST_URL, payload(department_a, countries=["LA", "TH"]), format="json")

    assert response.status_code == 201, response.content
    delegation = Delegation.objects.get(pk=response.json()["id"])
    assert sorted(delegation.countries.values_list("country", flat=True)) == ["LA", "TH"]
    assert delegation.created_by.username == "staff_a"
    assert response.json()["countries"] == ["LA", "TH"]


def test_delegation_put_replaces_and_patch_changes(api_as, delegation_a, department_a):
    api = api_as("head_a")

    put = api.put(detail_url(delegation_a), payload(department_a, countries=["KH"]), format="json")
    patch = api.patch(detail_url(delegation_a), {"member_count": 3, "status": "completed"}, format="json")

    assert put.status_code == 200, put.content
    assert patch.status_code == 200, patch.content
    delegation_a.refresh_from_db()
    assert list(delegation_a.countries.values_list("country", flat=True)) == ["KH"]
    assert (delegation_a.member_count, delegation_a.status, delegation_a.title) == (
        3,
        "completed",
        payload(department_a)["title"],
    )


def test_delegation_patch_keeps_the_locality_of_kept_countries(api_as, delegation_a):
    api_as("specialist").patch(detail_url(delegation_a), {"countries": ["LA", "TH"]}, format="json")

    assert delegation_a.countries.get(country="LA").locality == "tỉnh Luông Pha Băng"


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"end_date": "2018-04-01"}, "end_date", "Ngày kết thúc không được trước ngày bắt đầu."),
        ({"member_count": 0}, "member_count", "Đảm bảo giá trị này lớn hơn hoặc bằng 1."),
        ({"countries": ["XX"]}, "countries", "không phải là một lựa chọn hợp lệ"),
        ({"countries": []}, "countries", "Danh sách này không thể để trống."),
        ({"countries": ["LA", "LA"]}, "countries", "Một quốc gia được liệt kê hai lần."),
        ({"start_date": "2018-02-30"}, "start_date", "sai định dạng"),
        ({"start_date": "10/04/2018"}, "start_date", "sai định dạng"),
        ({"direction": "sideways"}, "direction", "không phải là một lựa chọn hợp lệ"),
        ({"status": "lost"}, "status", "không phải là một lựa chọn hợp lệ"),
        ({"cost_vnd": -1}, "cost_vnd", "lớn hơn hoặc bằng 0"),
        ({"member_count": "many"}, "member_count", "số nguyên"),
        ({"title": ""}, "title", "Trường này không được bỏ trống."),
        ({"department": 999999}, "department", "không tồn tại"),
        ({"member_count": 10**12}, "member_count", "nhỏ hơn hoặc bằng"),
        ({"cost_vnd": 10**20}, "cost_vnd", "nhỏ hơn hoặc bằng"),
        ({"cost_vnd": 1.5}, "cost_vnd", "số nguyên"),
    ],
)
def test_delegation_create_refuses_bad_input_in_vietnamese(api_as, department_a, overrides, field, message):
    response = api_as("specialist").post(LIST_URL, payload(department_a, **overrides), format="json")

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert message in str(response.json()[field])
    assert not Delegation.objects.exists()


@pytest.mark.parametrize(
    "change,field",
    [
        ({"end_date": "2018-01-01"}, "end_date"),
        ({"member_count": 0}, "member_count"),
        ({"countries": ["ZZ"]}, "countries"),
        ({"start_date": "not a date"}, "start_date"),
    ],
)
@pytest.mark.parametrize("method", ["put", "patch"])
def test_delegation_update_refuses_bad_input_and_changes_nothing(
    api_as, delegation_a, department_a, method, change, field
):
    data = payload(department_a, **change) if method == "put" else change

    response = getattr(api_as("specialist"), method)(detail_url(delegation_a), data, format="json")

    assert response.status_code == 400
    assert field in response.json()
    before = Delegation.objects.get(pk=delegation_a.pk)
    assert (before.title, before.end_date, before.member_count) == (delegation_a.title, delegation_a.end_date, 10)
    assert list(before.countries.values_list("country", flat=True)) == ["LA"]


def test_delegation_create_applies_the_outbound_caps(api_as, department_a, settings):
    settings.DELEGATION_MAX_OUTBOUND_MEMBERS = 10
    settings.DELEGATION_MAX_OUTBOUND_COUNTRIES = 2

    response = api_as("specialist").post(
        LIST_URL,
        payload(department_a, direction="outbound", member_count=11, countries=["LA", "TH", "KH"]),
        format="json",
    )

    assert response.status_code == 400
    body = response.json()
    assert "tối đa 10 người" in body["member_count"][0]
    assert "tối đa 2 quốc gia" in body["countries"][0]
    assert not Delegation.objects.exists()


def test_delegation_caps_do_not_apply_to_inbound_or_when_zero(api_as, department_a, settings):
    settings.DELEGATION_MAX_OUTBOUND_MEMBERS = 10
    settings.DELEGATION_MAX_OUTBOUND_COUNTRIES = 0
    api = api_as("specialist")

    inbound = api.post(LIST_URL, payload(department_a, member_count=40), format="json")
    outbound = api.post(
        LIST_URL,
        payload(department_a, direction="outbound", countries=["LA", "TH", "KH", "CN"], member_count=10),
        format="json",
    )

    assert (inbound.status_code, outbound.status_code) == (201, 201)


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"direction": "outbound"}, {"out"}),
        ({"country": "TH"}, {"out"}),
        ({"status": "cancelled"}, {"cancelled"}),
        ({"year": 2019}, {"cancelled"}),
        ({"start_date_after": "2018-03-01", "start_date_before": "2018-03-01"}, {"in"}),
        ({"search": "Hủa Phăn"}, {"out"}),
        ({"search": "Khăm-phăn"}, {"cancelled"}),
    ],
)
def test_delegation_list_filters(api_as, department_a, department_b, params, expected):
    titles = {}
    titles["in"] = DelegationCountryFactory(delegation__department=department_a, country="LA").delegation
    titles["out"] = DelegationCountryFactory(
        delegation__department=department_a,
        delegation__direction=Direction.OUTBOUND,
        delegation__partner="tỉnh Hủa Phăn",
        delegation__start_date=datetime.date(2018, 5, 1),
        delegation__end_date=datetime.date(2018, 5, 3),
        country="TH",
    ).delegation
    titles["cancelled"] = DelegationCountryFactory(
        delegation__department=department_b,
        delegation__status=DelegationStatus.CANCELLED,
        delegation__leader_name="Khăm-phăn Phôm-ma-thắt",
        delegation__start_date=datetime.date(2019, 1, 1),
        delegation__end_date=datetime.date(2019, 1, 2),
    ).delegation
    names = {delegation.pk: key for key, delegation in titles.items()}

    response = api_as("specialist").get(LIST_URL, params)

    assert response.status_code == 200
    assert {names[row["id"]] for row in response.json()["results"]} == expected


def test_delegation_list_department_filter(api_as, delegation_a, department_a, department_b):
    DelegationFactory(department=department_b)
    api = api_as("leadership")

    assert [row["id"] for row in api.get(LIST_URL, {"department": department_a.pk}).json()["results"]] == [
        delegation_a.pk
    ]


@pytest.mark.parametrize(
    "params", [{"year": "twenty"}, {"country": "XX"}, {"start_date_after": "yesterday"}, {"status": "lost"}]
)
def test_delegation_list_bad_filters_answer_400(api_as, params):
    assert api_as("specialist").get(LIST_URL, params).status_code == 400


@pytest.mark.parametrize(
    "url", ["/api/v1/delegations/abc/", "/api/v1/delegations/999999/", "/api/v1/delegations/?cursor=bm90LWEtY3Vyc29y"]
)
def test_delegation_unknown_things_answer_404_not_500(api_as, url):
    assert api_as("specialist").get(url).status_code == 404


def test_delegation_delete_is_not_offered(api_as, delegation_a):
    response = api_as("specialist").delete(detail_url(delegation_a))

    assert response.status_code == 405
    assert Delegation.objects.filter(pk=delegation_a.pk).exists()


def test_delegation_api_accepts_a_token(users, delegation_a):
    token = Token.objects.create(user=users["specialist"])
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    response = client.get(LIST_URL)
    stats = client.get(reverse("api:delegation-stats"))

    assert response.status_code == 200
    assert stats.status_code == 200


def test_delegation_api_refuses_a_wrong_token(users, delegation_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get(LIST_URL).status_code == 401


def count_queries(api, url):
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200
    return len(queries)


def add_delegations(department, count):
    for _ in range(count):
        delegation = DelegationFactory(department=department)
        DelegationCountry.objects.create(delegation=delegation, country="LA")
        DelegationCountry.objects.create(delegation=delegation, country="TH")


@pytest.mark.parametrize("role", ["specialist", "staff_a"])
def test_delegation_list_query_count_does_not_grow(api_as, department_a, role):
    api = api_as(role)
    add_delegations(department_a, 2)
    few = count_queries(api, LIST_URL)
    add_delegations(department_a, 60)

    many = count_queries(api, LIST_URL)

    assert few == many <= 3


def test_delegation_detail_query_count_does_not_grow(api_as, department_a):
    api = api_as("specialist")
    add_delegations(department_a, 1)
    first = Delegation.objects.first()
    few = count_queries(api, detail_url(first))
    for code in ["KH", "CN", "JP", "KR", "US", "FR"]:
        DelegationCountry.objects.create(delegation=first, country=code)

    many = count_queries(api, detail_url(first))

    assert few == many <= 2


def cancel_url(delegation):
    return reverse("api:delegation-cancel", args=[delegation.pk])


def test_delegation_edit_cannot_cancel_without_the_cancel_action(api_as, delegation_a):
    response = api_as("specialist").patch(detail_url(delegation_a), {"status": "cancelled"}, format="json")

    assert response.status_code == 400
    assert "status" in response.json()
    delegation_a.refresh_from_db()
    assert delegation_a.status == DelegationStatus.APPROVED


def test_delegation_cancel_action_records_the_reason(api_as, delegation_a):
    response = api_as("staff_a").post(cancel_url(delegation_a), {"reason": "Đối tác hoãn chuyến thăm"}, format="json")

    assert response.status_code == 200
    assert response.json()["status"] == "cancelled"
    delegation_a.refresh_from_db()
    assert (delegation_a.status, delegation_a.cancellation_reason) == ("cancelled", "Đối tác hoãn chuyến thăm")


@pytest.mark.parametrize(
    "who,status,reason,expected",
    [
        ("specialist", DelegationStatus.APPROVED, "", 400),
        ("specialist", DelegationStatus.COMPLETED, "Hoãn", 400),
        ("leadership", DelegationStatus.APPROVED, "Hoãn", 403),
        ("staff_b", DelegationStatus.APPROVED, "Hoãn", 404),
    ],
)
def test_delegation_cancel_action_refusals_change_nothing(api_as, department_a, who, status, reason, expected):
    delegation = DelegationFactory(department=department_a, status=status)

    response = api_as(who).post(cancel_url(delegation), {"reason": reason}, format="json")

    assert response.status_code == expected
    delegation.refresh_from_db()
    assert (delegation.status, delegation.cancellation_reason) == (status, "")


def test_delegation_brought_back_from_cancelled_forgets_the_old_reason(api_as, department_a):
    delegation = DelegationFactory(department=department_a, status=DelegationStatus.CANCELLED)
    DelegationCountryFactory(delegation=delegation, country="LA")

    response = api_as("specialist").patch(detail_url(delegation), {"status": "planned"}, format="json")

    assert response.status_code == 200
    delegation.refresh_from_db()
    assert (delegation.status, delegation.cancellation_reason) == ("planned", "")
