"""The statistics rollup: exact after every write path, and answering what the delegations answer."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.choices import Role, SuccessionKind
from delegations import selectors
from delegations.choices import DelegationStatus, Direction
from delegations.filtersets import DelegationStatsFilterSet
from delegations.importing import delegations_import
from delegations.models import (
    Delegation,
    DelegationDayRollup,
    DelegationMonthRollup,
    DelegationProvinceDayRollup,
    DelegationProvinceMonthRollup,
)
from delegations.rollup import rollup_rebuild
from delegations.selectors import delegation_stats
from delegations.services import delegation_cancel, delegation_create, delegation_update
from plans.services import department_succession_record
from tests.accounts.factories import DepartmentFactory, UserFactory
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory
from tests.delegations.stats_oracle import oracle_stats

pytestmark = pytest.mark.django_db

STATS_URL = reverse("api:delegation-stats")
PAGE_URL = reverse("delegations:delegation_stats")
D = datetime.date


def rollup_rows() -> list[tuple]:
    return sorted(
        DelegationDayRollup.objects.values_list(
            "start_date", "department_id", "direction", "status", "country", "delegations", "persons"
        )
    )


def province_rows() -> list[tuple]:
    return sorted(
        DelegationProvinceDayRollup.objects.values_list(
            "start_date", "direction", "status", "country", "delegations", "persons"
        )
    )


def month_rows() -> list[tuple]:
    return sorted(
        DelegationMonthRollup.objects.values_list(
            "start_date", "department_id", "direction", "status", "country", "delegations", "persons"
        )
    )


def every_rollup() -> list[list[tuple]]:
    province_months = DelegationProvinceMonthRollup.objects.values_list(
        "start_date", "direction", "status", "country", "delegations", "persons"
    )
    return [rollup_rows(), month_rows(), province_rows(), sorted(province_months)]


def assert_rollup_exact() -> None:
    """The rollups as the writes left them equal the rollups built anew from the delegations."""
    kept = every_rollup()
    rollup_rebuild()
    assert kept == every_rollup()


def fields(department, **more) -> dict:
    values = {
        "direction": Direction.OUTBOUND,
        "title": "Đoàn công tác tại Lào",
        "department": department,
        "leader_name": "Nguyễn Văn A",
        "member_count": 5,
        "start_date": D(2019, 5, 2),
        "end_date": D(2019, 5, 6),
    }
    return {**values, **more}


def test_rollup_follows_create_update_and_cancel(users, department_a, department_b):
    specialist = users["specialist"]
    delegation = delegation_create(by=specialist, countries=["LA", "TH"], **fields(department_a))
    assert (D(2019, 5, 2), department_a.pk, "outbound", "planned", "", 1, 5) in rollup_rows()
    assert_rollup_exact()

    # Moving the trip to another day, department and set of countries empties its old rows.
    delegation_update(
        delegation=delegation,
        by=specialist,
        countries=["CN"],
        start_date=D(2019, 6, 1),
        end_date=D(2019, 6, 3),
        department=department_b,
        member_count=7,
    )
    assert rollup_rows() == [
        (D(2019, 6, 1), department_b.pk, "outbound", "planned", "", 1, 7),
        (D(2019, 6, 1), department_b.pk, "outbound", "planned", "CN", 1, 7),
    ]
    assert_rollup_exact()

    delegation_cancel(delegation=delegation, by=specialist, reason="Đối tác hoãn")
    assert {row[3] for row in rollup_rows()} == {"cancelled"}
    assert_rollup_exact()


def test_rollup_follows_a_form_that_changed_the_instance_before_the_service(users, department_a, department_b):
    # A ModelForm writes its fields onto the instance before the service saves: the old key is read
    # from the database, not from the instance.
    delegation = delegation_create(by=users["specialist"], countries=["LA"], **fields(department_a))
    delegation.department = department_b
    delegation.start_date = D(2019, 5, 3)
    delegation_update(delegation=delegation, by=users["specialist"])

    assert {row[:2] for row in rollup_rows()} == {(D(2019, 5, 3), department_b.pk)}
    assert_rollup_exact()


def test_rollup_follows_the_api(api_as, department_a):
    api = api_as("staff_a")
    created = api.post(
        reverse("api:delegation-list"),
        {**fields(department_a.pk), "countries": ["LA", "KH"], "start_date": "2019-05-02", "end_date": "2019-05-06"},
        format="json",
    )
    assert created.status_code == 201, created.data
    url = reverse("api:delegation-detail", args=[created.data["id"]])

    assert api.patch(url, {"countries": ["JP"], "member_count": 9}, format="json").status_code == 200
    assert_rollup_exact()
    assert api.post(url + "cancel/", {"reason": "Hoãn"}, format="json").status_code == 200
    assert_rollup_exact()
    assert DelegationDayRollup.objects.filter(status="cancelled", country="JP", persons=9).exists()


def test_rollup_follows_the_admin_deleting_one_and_many(client, department_a):
    admin = UserFactory(username="root", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    trips = [DelegationCountryFactory(delegation__department=department_a).delegation for _ in range(3)]
    assert_rollup_exact()

    url = reverse("admin:delegations_delegation_delete", args=[trips[0].pk])
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert_rollup_exact()
    changelist = reverse("admin:delegations_delegation_changelist")
    selected = [trip.pk for trip in trips[1:]]
    response = client.post(changelist, {"action": "delete_selected", "_selected_action": selected, "post": "yes"})
    assert response.status_code == 302
    assert not Delegation.objects.exists()
    assert every_rollup() == [[], [], [], []]


def test_rollup_follows_the_admin_inline_countries(client, department_a):
    admin = UserFactory(username="root", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
    client.force_login(admin)
    link = DelegationCountryFactory(delegation__department=department_a, country="LA")
    link.country = "CN"
    link.save()
    assert_rollup_exact()
    link.delete()
    assert_rollup_exact()
    assert [row[4] for row in rollup_rows()] == [""]


def test_rollup_follows_a_merger_of_departments(department_a, department_b):
    successor = DepartmentFactory(code="NEW", name="Sở mới")
    for day in (D(2020, 6, 30), D(2020, 7, 1), D(2020, 8, 5)):
        for department in (department_a, department_b):
            DelegationCountryFactory(
                delegation__department=department, delegation__start_date=day, delegation__end_date=day, country="LA"
            )

    department_succession_record(
        predecessors=[department_a, department_b],
        successor=successor,
        kind=SuccessionKind.MERGER,
        effective_date=D(2020, 7, 1),
    )

    assert_rollup_exact()
    moved = DelegationDayRollup.objects.filter(department=successor, country="")
    assert sorted(moved.values_list("start_date", "delegations")) == [(D(2020, 7, 1), 2), (D(2020, 8, 5), 2)]


def test_rollup_follows_an_import_once_for_the_whole_file(users, department_a, django_assert_max_num_queries):
    rows = [
        (
            line,
            {
                "reference": f"D-IMP-{line}",
                "direction": "Đoàn vào",
                "title": "Đoàn tỉnh Hủa Phăn",
                "department": department_a.name,
                "leader_name": "Phôn-xay",
                "member_count": line,
                "countries": "Lào; Thái Lan" if line % 2 else "Lào",
                "start_date": D(2018, 3, line),
                "end_date": D(2018, 3, 20),
                "status": "Hoàn thành",
            },
        )
        for line in range(2, 12)
    ]
    result = delegations_import(rows=rows, user=users["specialist"])
    assert (result.created, result.errors) == (10, [])
    assert_rollup_exact()

    # Importing again updates every row; the rollup stays exact and is recomputed once, at the end.
    result = delegations_import(
        rows=[(line, {**data, "member_count": 3}) for line, data in rows], user=users["specialist"]
    )
    assert (result.updated, result.errors) == (10, [])
    assert_rollup_exact()


def test_a_failed_import_leaves_the_rollup_as_it_was(users, department_a):
    DelegationCountryFactory(delegation__department=department_a)
    before = rollup_rows()
    good = {
        "reference": "D-IMP-1",
        "direction": "Đoàn vào",
        "title": "Đoàn",
        "department": department_a.name,
        "leader_name": "X",
        "member_count": 4,
        "countries": "Lào",
        "start_date": D(2018, 3, 1),
        "end_date": D(2018, 3, 2),
    }
    result = delegations_import(
        rows=[(2, good), (3, {**good, "reference": "D-IMP-2", "member_count": 0})], user=users["specialist"]
    )

    assert result.errors
    assert rollup_rows() == before


def test_rollup_rebuild_command_repairs_a_stale_rollup(department_a):
    for day in range(1, 4):
        DelegationCountryFactory(
            delegation__department=department_a,
            delegation__start_date=D(2019, 1, day),
            delegation__end_date=D(2019, 1, day),
        )
    expected = rollup_rows()
    Delegation.objects.filter(start_date=D(2019, 1, 2)).update(member_count=99)  # no signal: stale
    DelegationDayRollup.objects.filter(start_date=D(2019, 1, 1)).delete()

    call_command("delegation_rollup_rebuild")

    assert len(rollup_rows()) == len(expected)
    assert DelegationDayRollup.objects.filter(start_date=D(2019, 1, 2), country="").get().persons == 99
    assert DelegationProvinceDayRollup.objects.filter(start_date=D(2019, 1, 2), country="").get().persons == 99


def test_rollup_refuses_empty_or_personless_rows(department_a):
    row = {"start_date": D(2019, 1, 1), "direction": "inbound", "department": department_a, "status": "planned"}
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationDayRollup.objects.create(**row, delegations=0, persons=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationDayRollup.objects.create(**row, delegations=2, persons=1)
    DelegationDayRollup.objects.create(**row, delegations=1, persons=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationDayRollup.objects.create(**row, delegations=1, persons=1)


# ------------------------------------------------------------------ reading


@pytest.fixture
def province(department_a, department_b):
    """Trips over a few days: several countries, cancellations, and A and B merged into C on 1/7/2020."""
    rng = random.Random(15)
    merged = DepartmentFactory(code="C", name="Sở C (hợp nhất)")
    other = DepartmentFactory(code="D", name="Sở D")
    days = [D(2019, 12, 30), D(2020, 1, 1), D(2020, 1, 2), D(2020, 3, 31), D(2020, 4, 1), D(2020, 7, 1), D(2021, 1, 1)]
    for n in range(80):
        status = rng.choice(list(DelegationStatus))
        delegation = DelegationFactory(
            title="Đoàn Lào" if n % 5 == 0 else f"Đoàn {n}",
            direction=rng.choice(list(Direction)),
            department=rng.choice([department_a, department_b, other]),
            member_count=rng.randint(1, 30),
            start_date=rng.choice(days),
            end_date=D(2021, 2, 1),
            status=status,
        )
        for code in rng.sample(["LA", "CN", "JP", "TH"], rng.choice([0, 1, 1, 1, 2, 3])):
            DelegationCountryFactory(delegation=delegation, country=code)
    department_succession_record(
        predecessors=[department_a, department_b],
        successor=merged,
        kind=SuccessionKind.MERGER,
        effective_date=D(2020, 7, 1),
    )
    return [department_a, department_b, merged, other]


def random_query(rng: random.Random, departments) -> QueryDict:
    query = QueryDict(mutable=True)
    query["group_by"] = rng.choice(selectors.GROUP_BY_CHOICES)
    choices = {
        "bodies": lambda: rng.choice(["as_of", "current"]),
        "start_date_after": lambda: rng.choice(["2019-12-30", "2020-01-01", "2020-01-02", "2020-04-01", "2020-07-01"]),
        "start_date_before": lambda: rng.choice(["2020-03-31", "2020-03-30", "2020-07-01", "2020-12-31", "2021-01-01"]),
        "year": lambda: rng.choice([2019, 2020, 2021]),
        "direction": lambda: rng.choice(list(Direction)),
        "department": lambda: rng.choice(departments).pk,
        "status": lambda: rng.choice(list(DelegationStatus)),
        "cancelled": lambda: rng.choice(["true", "false"]),
        "include_cancelled": lambda: rng.choice(["true", "false"]),
        "search": lambda: rng.choice(["Lào", "Đoàn 1"]),
    }
    for name, value in choices.items():
        if rng.random() < 0.35:
            query[name] = str(value())
    query.setlist("country", rng.sample(["LA", "CN", "JP", "TH", "KH"], rng.choice([0, 0, 1, 1, 2])))
    return query


def oracle_answer(query: QueryDict, user) -> dict:
    filterset = DelegationStatsFilterSet(query, queryset=selectors.delegations_for_stats(user=user))
    assert filterset.is_valid(), filterset.errors
    options = filterset.stats_options()
    return oracle_stats(delegations=filterset.qs, **options)


def ordered(rows: list[dict]) -> list[list]:
    return [list(row.items()) for row in rows]


def test_stats_api_answers_what_the_delegations_answer_for_random_filters(api_as, users, province, monkeypatch):
    # Given a province of trips (several countries, cancellations, a merger) and random filters
    api = api_as("specialist")
    rng = random.Random(2026)
    rollup_source = selectors._rollup_source
    used = []

    def counted(*args):
        source = rollup_source(*args)
        used.append(source.rows.model if source else None)
        return source

    monkeypatch.setattr(selectors, "_rollup_source", counted)
    for _ in range(240):
        query = random_query(rng, province)
        expected = oracle_answer(query, users["specialist"])

        # When the API answers from the rollup where it can, and from the delegations where it cannot
        answer = api.get(STATS_URL, query)
        with monkeypatch.context() as forced:
            forced.setattr(selectors, "_rollup_source", lambda *args: None)
            fallback = api.get(STATS_URL, query)

        # Then both answers are the ones the delegations gave before the rollup, row for row
        assert answer.status_code == fallback.status_code == 200, query
        for response in (answer, fallback):
            assert ordered(response.data["rows"]) == ordered(expected["rows"]), query.urlencode()
            assert ordered(response.data["totals"]) == ordered(expected["totals"]), query.urlencode()
    # Every rollup and the delegations themselves answered some of the questions.
    assert set(used) == {
        DelegationProvinceMonthRollup,
        DelegationProvinceDayRollup,
        DelegationMonthRollup,
        DelegationDayRollup,
        None,
    }
    assert 0.4 < sum(model is not None for model in used) / len(used) < 0.95


@pytest.mark.parametrize("group_by", selectors.GROUP_BY_CHOICES)
def test_stats_of_querysets_the_rollup_cannot_read_match_the_delegations(province, group_by):
    # The reports filter by end date, some callers through a join on the countries.
    querysets = [
        Delegation.objects.filter(end_date__lte=D(2021, 2, 1), start_date__year=2020),
        Delegation.objects.filter(countries__country="LA"),
        Delegation.objects.filter(pk__in=Delegation.objects.filter(direction="inbound").values("pk")),
        Delegation.objects.none(),
    ]
    for delegations in querysets:
        for bodies in ("as_of", "current"):
            answer = delegation_stats(delegations=delegations, group_by=group_by, bodies=bodies)
            expected = oracle_stats(
                delegations=delegations, group_by=group_by, include_cancelled=False, countries=None, bodies=bodies
            )
            assert ordered(answer["rows"]) == ordered(expected["rows"])
            assert ordered(answer["totals"]) == ordered(expected["totals"])


@pytest.mark.parametrize(
    ("query", "group_by", "table"),
    [
        ({"start_date__year": 2020}, "month", "delegations_delegationprovincemonthrollup"),
        (
            {"start_date__gte": D(2020, 1, 1), "start_date__lte": D(2020, 7, 1)},
            "country",
            "delegations_delegationprovincedayrollup",
        ),  # noqa: E501
        (
            {"start_date__gte": D(2020, 1, 1), "start_date__lte": D(2020, 6, 30)},
            "department",
            "delegations_delegationmonthrollup",
        ),
        ({"start_date__year": 2020, "department_id": 1}, "country", "delegations_delegationmonthrollup"),
        (
            {"start_date__gte": D(2020, 1, 2), "start_date__lte": D(2020, 6, 30)},
            "department",
            "delegations_delegationdayrollup",
        ),
        (
            {"start_date__gte": D(2020, 1, 1), "start_date__lt": D(2020, 6, 30)},
            "department",
            "delegations_delegationdayrollup",
        ),
        ({"start_date__month": 3}, "department", "delegations_delegationdayrollup"),
        ({"start_date__lte": D(2020, 6, 30), "department_id": 1}, "year", "delegations_delegationmonthrollup"),
        ({"title__icontains": "Lào"}, "department", "delegations_delegation"),
    ],
)
def test_stats_read_the_smallest_rollup_that_answers(province, query, group_by, table):
    with CaptureQueriesContext(connection) as queries:
        answer = delegation_stats(delegations=Delegation.objects.filter(**query), group_by=group_by)
    assert f'FROM "{table}"' in queries[-1]["sql"]
    expected = oracle_stats(
        delegations=Delegation.objects.filter(**query),
        group_by=group_by,
        include_cancelled=False,
        countries=None,
        bodies="as_of",
    )
    assert ordered(answer["rows"]) == ordered(expected["rows"])
    assert ordered(answer["totals"]) == ordered(expected["totals"])


@pytest.mark.parametrize(
    ("query", "group_by", "expected"),
    [
        # From the rollup: rows and totals in one query; by present body, its mapping first.
        ({"start_date__year": 2020}, "month", 1),
        ({"start_date__year": 2020}, "country", 1),
        ({"start_date__year": 2020, "department_id": 1}, "department", 1),
        # From the delegations: one scan with the totals, and a second one for the totals by country.
        ({"title__icontains": "Lào"}, "year", 1),
        ({"title__icontains": "Lào"}, "country", 2),
    ],
)
def test_stats_query_counts(province, django_assert_num_queries, query, group_by, expected):
    with django_assert_num_queries(expected):
        delegation_stats(delegations=Delegation.objects.filter(**query), group_by=group_by)
    with django_assert_num_queries(expected + (group_by == "department")):
        delegation_stats(delegations=Delegation.objects.filter(**query), group_by=group_by, bodies="current")


def test_stats_page_asks_once_per_figure(client_as, province, django_assert_num_queries):
    client = client_as("specialist")
    client.get(PAGE_URL)  # the session and the user warmed up alike in both requests
    # The session, the user, the user's department (navigation), the bell's unread count, the form's
    # reporting periods, then one query per figure (directions, countries, months, departments), each
    # with its totals: no totals query of its own.
    with django_assert_num_queries(9):
        response = client.get(PAGE_URL, {"start_date_after": "01/01/2020", "start_date_before": "31/12/2020"})
    assert response.status_code == 200
    assert response.context["stats"]["direction"]["totals"]
