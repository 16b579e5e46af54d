"""Statistics by the body as it was (as_of) or as it is now (current), in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import SuccessionKind
from accounts.models import DepartmentSuccession
from accounts.selectors import present_bodies
from delegations.models import Delegation
from delegations.selectors import delegation_stats
from plans.services import department_succession_record
from tests.accounts.factories import DepartmentFactory
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db
STATS_URL = reverse("api:delegation-stats")
PAGE_URL = reverse("delegations:delegation_stats")


def make(department, start: datetime.date, persons: int = 2):
    delegation = DelegationFactory(
        department=department, start_date=start, end_date=start + datetime.timedelta(days=2), member_count=persons
    )
    DelegationCountryFactory(delegation=delegation, country="LA")
    return delegation


def merge(predecessors, successor, day=datetime.date(2025, 3, 1), kind=SuccessionKind.MERGER, **more):
    return department_succession_record(
        predecessors=predecessors, successor=successor, kind=kind, effective_date=day, **more
    )


@pytest.fixture
def chain(db):
    """A renamed twice (A → B → C); D merged into C; E split into C (heir) and F."""
    bodies = {code: DepartmentFactory(code=code, name=f"Sở {code}") for code in "ABCDEFG"}
    merge([bodies["A"]], bodies["B"], datetime.date(2024, 7, 1), SuccessionKind.RENAME)
    merge([bodies["B"]], bodies["C"], datetime.date(2025, 1, 1), SuccessionKind.RENAME)
    merge([bodies["D"]], bodies["C"])
    merge([bodies["E"]], bodies["C"], kind=SuccessionKind.SPLIT, other_successors=[bodies["F"]])
    return bodies


def test_present_bodies_follows_chains_to_a_body_with_no_successor(chain):
    pk = {code: body.pk for code, body in chain.items()}

    assert present_bodies() == {pk["A"]: pk["C"], pk["B"]: pk["C"], pk["D"]: pk["C"], pk["E"]: pk["C"]}


def test_present_bodies_stops_on_a_cycle_written_past_the_service(chain):
    # The service cannot record a cycle (an ended body never takes over); data written by hand might.
    DepartmentSuccession.objects.create(
        predecessor=chain["C"],
        successor=chain["A"],
        kind=SuccessionKind.RENAME,
        effective_date=datetime.date(2026, 1, 1),
    )

    mapping = present_bodies()

    assert set(mapping) == {chain[code].pk for code in "ABCDE"}
    assert all(target in {chain[code].pk for code in "ABC"} for target in mapping.values())


def test_current_bodies_fold_rows_and_keep_totals(chain):
    for code, persons in zip("ABDEFG", (1, 2, 3, 4, 5, 6), strict=True):
        make(chain[code], datetime.date(2024, 3, 1), persons)
    delegations = Delegation.objects.all()

    as_of = delegation_stats(delegations=delegations, group_by="department")
    current = delegation_stats(delegations=delegations, group_by="department", bodies="current")

    assert as_of["totals"] == current["totals"] == [{"direction": "inbound", "delegations": 6, "persons": 21}]
    assert {row["department_name"]: row["persons"] for row in as_of["rows"]} == {
        "Sở A": 1, "Sở B": 2, "Sở D": 3, "Sở E": 4, "Sở F": 5, "Sở G": 6,
    }  # fmt: skip
    assert {row["department_name"]: row["persons"] for row in current["rows"]} == {"Sở C": 10, "Sở F": 5, "Sở G": 6}
    assert sum(row["delegations"] for row in current["rows"]) == 6


def test_current_bodies_leave_other_groupings_alone(chain):
    make(chain["A"], datetime.date(2024, 3, 1))

    as_of = delegation_stats(delegations=Delegation.objects.all(), group_by="month")
    current = delegation_stats(delegations=Delegation.objects.all(), group_by="month", bodies="current")

    assert as_of["rows"] == current["rows"]


def test_unknown_bodies_is_refused(chain, api_as):
    response = api_as("specialist").get(STATS_URL, {"group_by": "department", "bodies": "then"})

    assert response.status_code == 400
    assert "bodies" in response.json()
    with pytest.raises(ValueError):
        delegation_stats(delegations=Delegation.objects.all(), bodies="then")


def _queries(api, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(STATS_URL, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("bodies", ["as_of", "current"])
def test_department_rows_query_count_does_not_grow_with_delegations_or_successions(api_as, chain, bodies):
    api = api_as("specialist")
    params = {"group_by": "department", "bodies": bodies}
    if bodies == "current":
        params["department"] = chain["C"].pk  # the filter maps bodies too
    make(chain["A"], datetime.date(2024, 3, 1))
    few = _queries(api, params)
    for day in range(1, 29):
        make(chain["B"], datetime.date(2024, 8, day))
        make(chain["D"], datetime.date(2024, 9, day))
        old, new = DepartmentFactory(code=f"old-{day}"), DepartmentFactory(code=f"new-{day}")
        merge([old], new)

    many = _queries(api, params)

    assert few == many
    # current adds the succession table, read for the rows and for the department filter.
    assert many <= (2 if bodies == "as_of" else 5)


def test_stats_page_offers_the_switch_and_groups_by_present_body(client_as, chain):
    make(chain["A"], datetime.date(2024, 3, 1), 3)
    make(chain["D"], datetime.date(2024, 4, 1), 4)
    client = client_as("specialist")
    period = {"start_date_after": "01/01/2024", "start_date_before": "31/12/2024"}

    as_of = client.get(PAGE_URL, period)
    current = client.get(PAGE_URL, {**period, "bodies": "current"})

    assert 'name="bodies"' in as_of.content.decode()
    assert [row["department_name"] for row in as_of.context["stats"]["department"]["rows"]] == ["Sở A", "Sở D"]
    assert [(row["department_name"], row["persons"]) for row in current.context["stats"]["department"]["rows"]] == [
        ("Sở C", 7)
    ]
    assert current.context["stats"]["direction"]["totals"] == as_of.context["stats"]["direction"]["totals"]
    assert "bodies=current" in current.context["export_query"]


def test_stats_export_by_present_body(client_as, chain):
    make(chain["A"], datetime.date(2024, 3, 1), 3)
    client = client_as("specialist")
    query = {"start_date_after": "2024-01-01", "start_date_before": "2024-12-31", "group_by": "department"}

    as_of = client.get(reverse("delegations:delegation_stats_export", args=["csv"]), query)
    current = client.get(reverse("delegations:delegation_stats_export", args=["csv"]), {**query, "bodies": "current"})

    as_of_text, current_text = (b"".join(r.streaming_content).decode("utf-8-sig") for r in (as_of, current))
    assert "Sở A" in as_of_text and "Sở C" not in as_of_text
    assert "Sở C" in current_text and "Sở A" not in current_text
