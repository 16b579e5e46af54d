"""Cached figures are dropped as soon as the data behind them changes."""

import pytest
from django.urls import reverse

from dashboard import cache as dashboard_cache
from dashboard.cache import GENERATION_KEY, bump_generation, current_generation
from dashboard.tasks import dashboard_figures_refresh_task
from plans.choices import ProgressStatus
from plans.services import progress_save_draft
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Do to the test transaction's on-commit callbacks what a commit does (run each once), then the refresh job.

    Through the public capture API (not the connection's private run_on_commit list): each call
    runs what was queued since the previous call, and starts capturing again.
    """
    capture = django_capture_on_commit_callbacks(execute=True)
    capture.__enter__()

    def run():
        nonlocal capture
        capture.__exit__(None, None, None)
        # The figures are recomputed by the job the commit queued: run it, as a worker would (eagerly
        # without a broker it already ran, and finds nothing left to do).
        dashboard_figures_refresh_task()
        capture = django_capture_on_commit_callbacks(execute=True)
        capture.__enter__()

    yield run
    capture.__exit__(None, None, None)


@pytest.fixture
def generation_writes(monkeypatch):
    """Every value the generation token is set to, in order."""
    written = []
    real_set = dashboard_cache.cache.set

    def spy(key, value, *args, **kwargs):
        if key == GENERATION_KEY:
            written.append(value)
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(dashboard_cache.cache, "set", spy)
    return written


DASHBOARD = reverse("dashboard:dashboard")


def tasks(client) -> dict:
    return client.get(DASHBOARD).context["figures"]["tasks"]


def test_dashboard_cache_serves_figures_until_data_changes(province, login, commit):
    client = login("leadership")
    assert tasks(client)["completed"] == 2

    # When T5's entry is completed (and committed)
    entry = province.tasks["T5"].progress_entries.get(period=province.world.period)
    entry.status, entry.percent_done = ProgressStatus.COMPLETED, 100
    entry.save()
    commit()

    # Then the next page shows it
    assert tasks(client) == {"total": 7, "completed": 3, "on_track": 1, "behind": 1, "overdue": 2}


def test_dashboard_cache_dropped_when_a_task_is_deleted(province, login, commit):
    client = login("leadership")
    # Reported progress protects its task: remove it first, then fill the cache again.
    province.tasks["T7"].progress_entries.all().delete()
    assert tasks(client)["overdue"] == 2
    province.tasks["T7"].delete()
    commit()
    assert tasks(client)["overdue"] == 1


def test_dashboard_cache_dropped_when_a_delegation_is_recorded(province, login, commit):
    from tests.dashboard.conftest import SPAN

    client = login("leadership")
    before = client.get(DASHBOARD, SPAN).context["figures"]["delegations"]["this_year"]["inbound"]
    delegation = DelegationFactory(start_date="2025-05-05", end_date="2025-05-06", member_count=4)
    DelegationCountryFactory(delegation=delegation, country="LA")
    commit()
    after = client.get(DASHBOARD, SPAN).context["figures"]["delegations"]["this_year"]["inbound"]
    assert after == {"delegations": before["delegations"] + 1, "persons": before["persons"] + 4}


def test_dashboard_cache_dropped_by_the_progress_service(province, login, commit):
    client = login("leadership")
    assert tasks(client)["behind"] == 1
    staff = province.world.users["staff_a"]
    progress_save_draft(
        task=province.tasks["T2"],
        period=province.world.period,
        department=staff.department,
        by=staff,
        data={"status": ProgressStatus.COMPLETED, "percent_done": 100, "results": "Xong"},
        expected_version=0,
    )
    commit()
    assert tasks(client)["completed"] == 3


def test_dashboard_cache_bumped_once_per_transaction_when_it_commits(province, login, commit, generation_writes):
    client = login("leadership")
    assert tasks(client)["total"] == 7
    commit()
    generation = current_generation()
    generation_writes.clear()

    task = province.tasks["T5"]
    task.save()
    task.coordinating_departments.add(province.world.departments["b"])
    DelegationFactory(start_date="2025-05-05", end_date="2025-05-06")

    # Not committed yet: a request now reads the figures without the change, under the old token.
    assert current_generation() == generation
    assert generation_writes == []
    commit()
    assert current_generation() != generation
    assert len(generation_writes) == 1


def test_dashboard_cache_ignores_m2m_pre_actions(province, commit, generation_writes):
    commit()
    generation = current_generation()
    generation_writes.clear()

    bump_generation(action="pre_add")
    bump_generation(action="pre_clear")
    commit()

    assert generation_writes == []
    assert current_generation() == generation


def test_a_handover_or_a_succession_replaces_the_generation(province, commit, generation_writes):
    # Both decide which body owes an entry, so the timeliness figures change with them.
    from accounts.choices import SuccessionKind
    from accounts.models import DepartmentSuccession
    from plans.choices import TaskRole
    from plans.models import TaskHandover

    commit()
    generation_writes.clear()
    departments = province.world.departments
    TaskHandover.objects.create(
        task=province.tasks["T5"],
        role=TaskRole.LEAD,
        from_department=province.tasks["T5"].lead_department,
        to_department=departments["b"],
        effective_date="2026-07-01",
    )
    commit()
    assert len(generation_writes) == 1
    DepartmentSuccession.objects.create(
        predecessor=departments["a"],
        successor=departments["b"],
        kind=SuccessionKind.MERGER,
        effective_date="2026-07-01",
    )
    commit()
    assert len(generation_writes) == 2
