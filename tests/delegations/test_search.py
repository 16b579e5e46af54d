"""Search without diacritics over the delegations' search columns, names only for those who read them."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse

from delegations.models import Delegation
from delegations.search import search_columns, search_query
from delegations.services import delegation_update
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:delegation-list")
STATS_URL = reverse("api:delegation-stats")


@pytest.fixture
def japan(department_a):
    return DelegationCountryFactory(
        country="JP",
        delegation__department=department_a,
        delegation__title="Đoàn công tác của tỉnh đi Nhật Bản",
        delegation__purpose="Xúc tiến đầu tư",
        delegation__leader_name="Đặng Thị Hằng",
        delegation__partner="tỉnh Đắk Lắk",
        delegation__reference="REF-JP-1",
    ).delegation


@pytest.fixture
def laos(department_a):
    return DelegationCountryFactory(
        delegation__department=department_a, delegation__title="Đoàn Luông Pha Băng"
    ).delegation


def test_search_columns_are_lower_case_without_diacritics():
    columns = search_columns({"title": "Đoàn đi NHẬT BẢN", "partner": "Đắk Lắk", "leader_name": "Đặng Thị Hằng"})

    assert columns == {"search_text": "\ndoan di nhat ban\n\ndak lak", "search_names": "dang thi hang\n"}
    assert search_query("  Nhật   Bản ") == "nhat ban"


@pytest.mark.parametrize("words", ["nhat ban", "Nhật Bản", "NHAT BAN", "dak lak", "đắk", "ref-jp", "xuc tien"])
def test_api_search_finds_with_or_without_diacritics(api_as, japan, laos, words):
    response = api_as("specialist").get(LIST_URL, {"search": words})

    assert [row["id"] for row in response.json()["results"]] == [japan.pk]


def test_html_list_search_finds_without_diacritics(client_as, japan, laos):
    response = client_as("staff_a").get(reverse("delegations:delegation_list"), {"search": "nhat ban"})

    assert list(response.context["delegations"]) == [japan]


def test_search_is_a_phrase_within_one_field(api_as, japan):
    # "ban xuc" would span the end of the title and the start of the purpose.
    assert api_as("specialist").get(LIST_URL, {"search": "ban xuc"}).json()["results"] == []


def test_search_by_name_only_for_readers_of_names(api_as, japan):
    leader = api_as("leadership").get(LIST_URL, {"search": "dang thi hang"}).json()["results"]
    reader = api_as("reader").get(STATS_URL, {"search": "dang thi hang"}).json()
    reader_by_title = api_as("reader").get(STATS_URL, {"search": "nhat ban"}).json()

    assert [row["id"] for row in leader] == [japan.pk]
    assert sum(total["delegations"] for total in reader["totals"]) == 0
    assert sum(total["delegations"] for total in reader_by_title["totals"]) == 1


def test_search_columns_follow_every_save(users, japan):
    delegation_update(delegation=japan, by=users["specialist"], title="Đoàn đi Hàn Quốc", leader_name="Lê Văn Tám")

    japan.refresh_from_db()
    assert "han quoc" in japan.search_text and "nhat ban" not in japan.search_text
    assert japan.search_names.startswith("le van tam")


def test_search_columns_follow_a_save_of_some_fields(japan):
    japan.title = "Đoàn đi Ấn Độ"
    japan.save(update_fields=["title"])

    assert "an do" in Delegation.objects.get(pk=japan.pk).search_text


def test_rebuild_command_fills_rows_loaded_around_save(japan, laos):
    # What a bulk load (COPY) leaves behind: the columns at their database default.
    Delegation.objects.update(search_text="", search_names="")

    call_command("delegation_search_rebuild", stdout=None)

    japan.refresh_from_db()
    assert (japan.search_text, japan.search_names) == tuple(
        search_columns(
            {
                field: getattr(japan, field)
                for field in ("reference", "title", "purpose", "partner", "leader_name", "leader_position")
            }
        ).values()
    )
    assert Delegation.objects.filter(search_text="").count() == 0


def test_search_query_count_does_not_grow(api_as, department_a, django_assert_max_num_queries):
    for n in range(30):
        DelegationCountryFactory(
            delegation__department=department_a,
            delegation__title=f"Đoàn Nhật Bản {n}",
            delegation__start_date=datetime.date(2019, 1, 1) + datetime.timedelta(days=n),
            delegation__end_date=datetime.date(2019, 3, 1),
        )
    api = api_as("specialist")

    with django_assert_max_num_queries(6):
        response = api.get(LIST_URL, {"search": "nhat ban"})

    assert len(response.json()["results"]) == 30


def test_search_with_only_spaces_filters_nothing(api_as, japan, laos):
    assert len(api_as("specialist").get(LIST_URL, {"search": "   "}).json()["results"]) == 2


def test_factory_rows_get_search_columns():
    delegation = DelegationFactory(title="Đoàn Cộng hòa Liên bang Đức")

    assert "cong hoa lien bang duc" in delegation.search_text
