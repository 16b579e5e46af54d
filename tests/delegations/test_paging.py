"""Keyset pages of the API list and capped pages of the HTML list."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from delegations.models import Delegation
from delegations.views import DelegationListView
from tests.delegations.factories import DelegationCountryFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:delegation-list")
PAGE_URL = reverse("delegations:delegation_list")


@pytest.fixture
def many(department_a):
    """23 delegations over 8 start dates, so that many share a start date (ties broken by id)."""
    return [
        DelegationCountryFactory(
            delegation__department=department_a,
            delegation__start_date=datetime.date(2020, 1, 1) + datetime.timedelta(days=n % 8),
            delegation__end_date=datetime.date(2020, 2, 1),
            delegation__member_count=1 + n % 5,
        ).delegation
        for n in range(23)
    ]


def _cursor(link):
    return parse_qs(urlparse(link).query)["cursor"][0]


def walk(api, params, *, page_size):
    """Every page forwards, then every page backwards from the last one: ids as seen."""
    forwards, pages, response = [], [], api.get(LIST_URL, params).json()
    while True:
        pages.append(response)
        forwards += [row["id"] for row in response["results"]]
        if not response["next"]:
            break
        response = api.get(LIST_URL, {**params, "cursor": _cursor(response["next"])}).json()
    backwards = [row["id"] for row in pages[-1]["results"]]
    response = pages[-1]
    while response["previous"]:
        response = api.get(LIST_URL, {**params, "cursor": _cursor(response["previous"])}).json()
        backwards = [row["id"] for row in response["results"]] + backwards
    return forwards, backwards, pages


def test_api_keyset_pages_list_every_delegation_once_in_order(api_as, many, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 5}
    expected = list(Delegation.objects.order_by("-start_date", "-id").values_list("id", flat=True))

    forwards, backwards, pages = walk(api_as("specialist"), {}, page_size=5)

    assert forwards == expected and backwards == expected
    assert [len(page["results"]) for page in pages] == [5, 5, 5, 5, 3]
    assert pages[0]["previous"] is None and "count" not in pages[0]


def test_api_keyset_pages_follow_the_chosen_ordering(api_as, many, settings):
    expected = list(Delegation.objects.order_by("member_count", "id").values_list("id", flat=True))
    api = api_as("specialist")

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 3}
    first = api.get(LIST_URL, {"ordering": "member_count"})
    ids = [row["id"] for row in first.json()["results"]]
    nxt = first.json()["next"]
    while nxt:
        page = api.get(LIST_URL, {"ordering": "member_count", "cursor": _cursor(nxt)}).json()
        ids += [row["id"] for row in page["results"]]
        nxt = page["next"]

    assert ids == expected


def test_api_keyset_pages_keep_the_filters(api_as, many, department_b, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 4}
    DelegationCountryFactory(delegation__department=department_b)

    forwards, _backwards, _pages = walk(api_as("specialist"), {"department": many[0].department_id}, page_size=4)

    assert sorted(forwards) == sorted(delegation.pk for delegation in many)


@pytest.mark.parametrize("cursor", ["garbage", "e30=", "eyJwIjpbXSwiciI6MH0=", "eyJwIjpbIngiLCJ5Il0sInIiOjB9"])
def test_api_bad_cursor_answers_404(api_as, many, cursor):
    assert api_as("specialist").get(LIST_URL, {"cursor": cursor}).status_code == 404


def test_api_deep_page_costs_what_page_one_costs(api_as, many, settings, django_assert_num_queries):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "PAGE_SIZE": 5}
    api = api_as("specialist")
    _forwards, _backwards, pages = walk(api, {}, page_size=5)

    with django_assert_num_queries(2):  # the page's rows, their countries
        api.get(LIST_URL)
    with django_assert_num_queries(2):
        api.get(LIST_URL, {"cursor": _cursor(pages[-2]["next"])})


def test_api_schema_documents_the_cursor(api_as):
    schema = api_as("specialist").get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/delegations/"]["get"]

    assert "cursor" in {parameter["name"] for parameter in operation["parameters"]}
    assert "page" not in {parameter["name"] for parameter in operation["parameters"]}
    listing = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert set(schema["components"]["schemas"][listing]["properties"]) == {"next", "previous", "results"}


def test_html_list_counts_pages_up_to_the_cap(client_as, many, settings):
    settings.DELEGATION_LIST_MAX_PAGES = 100

    response = client_as("specialist").get(PAGE_URL)

    paginator = response.context["paginator"]
    assert (paginator.count, paginator.num_pages, paginator.capped) == (23, 1, False)
    assert "23 đoàn" in response.content.decode() or "23 delegations" in response.content.decode()


def test_html_list_caps_deep_pages_and_asks_to_narrow_the_filters(client_as, many, settings, monkeypatch):
    monkeypatch.setattr(DelegationListView, "paginate_by", 5)
    settings.DELEGATION_LIST_MAX_PAGES = 2
    client = client_as("specialist")
    expected = list(Delegation.objects.order_by("-start_date", "-id"))

    second = client.get(PAGE_URL, {"page": 2})
    far = client.get(PAGE_URL, {"page": 99})

    paginator = second.context["paginator"]
    assert (paginator.count, paginator.num_pages, paginator.capped) == (10, 2, True)
    assert list(second.context["delegations"]) == expected[5:10]
    assert far.status_code == 200 and list(far.context["delegations"]) == expected[5:10]
    assert "Narrow the filters" in second.content.decode() or "thu hẹp" in second.content.decode()


@pytest.mark.parametrize("rows", [12, 60])
def test_html_list_costs_the_same_queries_at_any_size(client_as, department_a, rows, django_assert_num_queries):
    for n in range(rows):
        DelegationCountryFactory(delegation__department=department_a, delegation__title=f"Đoàn {n}")
    client = client_as("specialist")

    # session, user, the capped count, the bell, the department choices (twice), the rows, their countries
    with django_assert_num_queries(8):
        client.get(PAGE_URL, {"page": 1})


def test_html_list_page_past_the_end_of_a_short_list_is_404(client_as, many):
    assert client_as("specialist").get(PAGE_URL, {"page": 9}).status_code == 404
