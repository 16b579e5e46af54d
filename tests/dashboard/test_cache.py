"""Cached figures are dropped as soon as the data behind them changes."""

import pytest
from django.db import transaction
from django.urls import reverse

from dashboard import cache as cache_module
from dashboard.cache import bump_generation, current_generation
from plans.choices import ProgressStatus
from plans.services import progress_save_draft
from tests.delegations.factories import DelegationCountryFactory, DelegationFactory

# Figures are dropped when a change commits: these tests commit, as the application does.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DASHBOARD = reverse("dashboard:dashboard")


def tasks(client) -> dict:
    return client.get(DASHBOARD).context["figures"]["tasks"]


def test_dashboard_cache_serves_figures_until_data_changes(province, login):
    client = login("leadership")
    assert tasks(client)["completed"] == 2

    # When T5's entry is completed
    entry = province.tasks["T5"].progress_entries.get(period=province.world.period)
    entry.status, entry.percent_done = ProgressStatus.COMPLETED, 100
    entry.save()

    # Then the next page shows it
    assert tasks(client) == {"total": 7, "completed": 3, "on_track": 1, "behind": 1, "overdue": 2}


def test_dashboard_cache_dropped_when_a_task_is_deleted(province, login):
    client = login("leadership")
    assert tasks(client)["overdue"] == 2
    province.tasks["T7"].delete()
    assert tasks(client)["overdue"] == 1


def test_dashboard_cache_dropped_when_a_delegation_is_recorded(province, login):
    from tests.dashboard.conftest import SPAN

    client = login("leadership")
    before = client.get(DASHBOARD, SPAN).context["figures"]["delegations"]["this_year"]["inbound"]
    delegation = DelegationFactory(start_date="2025-05-05", end_date="2025-05-06", member_count=4)
    DelegationCountryFactory(delegation=delegation, country="LA")
    after = client.get(DASHBOARD, SPAN).context["figures"]["delegations"]["this_year"]["inbound"]
    assert after == {"delegations": before["delegations"] + 1, "persons": before["persons"] + 4}


def test_dashboard_cache_dropped_by_the_progress_service(province, login):
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
    assert tasks(client)["completed"] == 3


def test_dashboard_cache_kept_until_the_change_commits_and_bumped_once_per_transaction(province, login, monkeypatch):
    client = login("leadership")
    assert tasks(client)["total"] == 7
    generation = current_generation()
    bumps = []
    replace = cache_module._replace_generation
    monkeypatch.setattr(cache_module, "_replace_generation", lambda: bumps.append(1) or replace())

    with transaction.atomic():
        task = province.tasks["T5"]
        task.save()
        task.coordinating_departments.add(province.world.departments["b"])
        DelegationFactory(start_date="2025-05-05", end_date="2025-05-06")
        # Not yet committed: a request now would read the figures without the change, under the old token.
        assert current_generation() == generation

    assert bumps == [1]
    assert current_generation() != generation


def test_dashboard_cache_ignores_m2m_pre_actions(province, django_capture_on_commit_callbacks):
    generation = current_generation()
    with transaction.atomic(), django_capture_on_commit_callbacks() as callbacks:
        bump_generation(action="pre_add")
        bump_generation(action="pre_clear")
    assert callbacks == []
    assert current_generation() == generation
