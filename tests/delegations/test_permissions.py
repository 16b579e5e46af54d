"""Who may do what with delegations, over the API and in the browser."""

import pytest
from django.urls import reverse

from delegations.choices import DelegationStatus
from delegations.models import Delegation
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("api:delegation-list")
STATS_URL = reverse("api:delegation-stats")
LEADER = "Bun-thoong Chít-ma-ny"


@pytest.fixture
def delegation_a(department_a):
    delegation = DelegationFactory(department=department_a, status=DelegationStatus.APPROVED, leader_name=LEADER)
    DelegationCountryFactory(delegation=delegation)
    return delegation


@pytest.fixture
def delegation_b(department_b):
    delegation = DelegationFactory(department=department_b, status=DelegationStatus.APPROVED, leader_name=LEADER)
    DelegationCountryFactory(delegation=delegation)
    return delegation


def api_detail(delegation):
    return reverse("api:delegation-detail", args=[delegation.pk])


def new_payload(department):
    return {
        "direction": "inbound",
        "title": "Đoàn mới",
        "department": department.pk,
        "leader_name": "A",
        "member_count": 2,
        "countries": ["LA"],
        "start_date": "2018-01-01",
        "end_date": "2018-01-02",
        "status": "planned",
    }


# --- API --------------------------------------------------------------------------------------


@pytest.mark.parametrize("method,url", [("get", LIST_URL), ("get", STATS_URL), ("post", LIST_URL)])
def test_api_refuses_anonymous(client, delegation_a, method, url):
    response = getattr(client, method)(url)

    assert response.status_code == 401
    assert Delegation.objects.count() == 1


def test_api_anonymous_cannot_read_a_delegation(client, delegation_a):
    assert client.get(api_detail(delegation_a)).status_code == 401


def test_api_statistics_reader_reads_stats_without_names(api_as, delegation_a):
    api = api_as("reader")

    responses = [api.get(STATS_URL, {"group_by": group}) for group in ["country", "department", "month", "direction"]]

    assert all(response.status_code == 200 for response in responses)
    assert all(LEADER not in response.content.decode() for response in responses)
    assert responses[0].json()["totals"] == [{"direction": "inbound", "delegations": 1, "persons": 10}]


def test_api_statistics_reader_cannot_find_delegations_by_name(api_as, delegation_a):
    response = api_as("reader").get(STATS_URL, {"search": "Bun-thoong"})

    assert response.json()["totals"] == []


@pytest.mark.parametrize(
    "method,target",
    [("get", "list"), ("get", "detail"), ("post", "list"), ("put", "detail"), ("patch", "detail")],
)
def test_api_statistics_reader_cannot_read_or_write_delegations(api_as, delegation_a, department_a, method, target):
    url = LIST_URL if target == "list" else api_detail(delegation_a)

    response = getattr(api_as("reader"), method)(url, new_payload(department_a), format="json")

    assert response.status_code == 403
    assert LEADER not in response.content.decode()
    assert Delegation.objects.get().title == delegation_a.title


def test_api_staff_list_only_their_department(api_as, delegation_a, delegation_b):
    response = api_as("staff_a").get(LIST_URL)

    assert [row["id"] for row in response.json()["results"]] == [delegation_a.pk]


def test_api_staff_cannot_reach_another_departments_delegation(api_as, delegation_b):
    api = api_as("staff_a")

    read = api.get(api_detail(delegation_b))
    patch = api.patch(api_detail(delegation_b), {"title": "Đổi tên"}, format="json")

    assert (read.status_code, patch.status_code) == (404, 404)
    assert Delegation.objects.get(pk=delegation_b.pk).title == delegation_b.title


def test_api_staff_cannot_record_for_another_department(api_as, department_b):
    response = api_as("staff_a").post(LIST_URL, new_payload(department_b), format="json")

    assert response.status_code == 400
    assert "chính cơ quan" in str(response.json()["department"])
    assert not Delegation.objects.exists()


def test_api_staff_cannot_move_their_delegation_to_another_department(api_as, delegation_a, department_b):
    response = api_as("head_a").patch(api_detail(delegation_a), {"department": department_b.pk}, format="json")

    assert response.status_code == 400
    assert Delegation.objects.get(pk=delegation_a.pk).department_id == delegation_a.department_id


def test_api_staff_and_heads_change_their_own_department(api_as, delegation_a):
    staff = api_as("staff_a").patch(api_detail(delegation_a), {"title": "Tên mới"}, format="json")
    head = api_as("head_a").patch(api_detail(delegation_a), {"member_count": 4}, format="json")

    assert (staff.status_code, head.status_code) == (200, 200)
    delegation_a.refresh_from_db()
    assert (delegation_a.title, delegation_a.member_count) == ("Tên mới", 4)


def test_api_leadership_reads_all_but_changes_nothing(api_as, delegation_a, delegation_b, department_a):
    api = api_as("leadership")

    listing = api.get(LIST_URL)
    patch = api.patch(api_detail(delegation_a), {"title": "Đổi tên"}, format="json")
    create = api.post(LIST_URL, new_payload(department_a), format="json")

    assert len(listing.json()["results"]) == 2
    assert (patch.status_code, create.status_code) == (403, 403)
    assert Delegation.objects.count() == 2
    assert Delegation.objects.get(pk=delegation_a.pk).title == delegation_a.title


@pytest.mark.parametrize("role", ["specialist", "administrator"])
def test_api_managers_change_every_department(api_as, delegation_b, department_a, role):
    api = api_as(role)

    patch = api.patch(api_detail(delegation_b), {"department": department_a.pk}, format="json")
    create = api.post(LIST_URL, new_payload(department_a), format="json")

    assert (patch.status_code, create.status_code) == (200, 201)


# --- Browser ----------------------------------------------------------------------------------


def page_urls(delegation):
    return [
        reverse("delegations:delegation_list"),
        reverse("delegations:delegation_create"),
        reverse("delegations:delegation_detail", args=[delegation.pk]),
        reverse("delegations:delegation_update", args=[delegation.pk]),
        reverse("delegations:delegation_cancel", args=[delegation.pk]),
        reverse("delegations:delegation_export", args=["csv"]),
        reverse("delegations:delegation_import"),
        reverse("delegations:delegation_import_template"),
        reverse("delegations:delegation_stats"),
        reverse("delegations:delegation_stats_export", args=["xlsx"]),
        reverse("accounts:api_token"),
    ]


def test_pages_send_anonymous_to_login(client, delegation_a):
    for url in page_urls(delegation_a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert reverse("login") in response["Location"]


def test_pages_statistics_reader_sees_only_statistics(client_as, delegation_a):
    client = client_as("reader")
    allowed = {reverse("delegations:delegation_stats"), reverse("accounts:api_token")}
    allowed.add(reverse("delegations:delegation_stats_export", args=["xlsx"]))

    for url in page_urls(delegation_a):
        response = client.get(url)
        assert response.status_code == (200 if url in allowed else 403), url
        assert LEADER.encode() not in response.content


def test_pages_staff_of_another_department_get_404_and_change_nothing(client_as, delegation_b):
    client = client_as("staff_a")

    detail = client.get(reverse("delegations:delegation_detail", args=[delegation_b.pk]))
    edit = client.post(reverse("delegations:delegation_update", args=[delegation_b.pk]), {"title": "X"})
    cancel = client.post(reverse("delegations:delegation_cancel", args=[delegation_b.pk]), {"reason": "Không đi"})

    assert (detail.status_code, edit.status_code, cancel.status_code) == (404, 404, 404)
    delegation_b.refresh_from_db()
    assert (delegation_b.title, delegation_b.status) != ("X", DelegationStatus.CANCELLED)
    assert delegation_b.status == DelegationStatus.APPROVED


def test_pages_leadership_reads_but_cannot_edit_or_cancel(client_as, delegation_a):
    client = client_as("leadership")

    detail = client.get(reverse("delegations:delegation_detail", args=[delegation_a.pk]))
    edit = client.get(reverse("delegations:delegation_update", args=[delegation_a.pk]))
    cancel = client.post(reverse("delegations:delegation_cancel", args=[delegation_a.pk]), {"reason": "Không đi"})
    create = client.get(reverse("delegations:delegation_create"))

    assert detail.status_code == 200
    assert (edit.status_code, cancel.status_code, create.status_code) == (403, 403, 403)
    assert Delegation.objects.get(pk=delegation_a.pk).status == DelegationStatus.APPROVED


def test_api_staff_read_province_wide_statistics(api_as, delegation_a, delegation_b):
    """Staff list only their department's delegations, but the figures are the province's."""
    response = api_as("staff_a").get(STATS_URL)

    assert response.json()["totals"] == [{"direction": "inbound", "delegations": 2, "persons": 20}]
