"""After a change the page serves the last figures with their time until the refresh job recomputes them."""

import pytest
from django.urls import reverse

from dashboard import cache as dashboard_cache
from dashboard.tasks import dashboard_figures_refresh_task
from plans.choices import ProgressStatus

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard:dashboard")


def complete_t5(province) -> None:
    entry = province.tasks["T5"].progress_entries.get(period=province.world.period)
    entry.status, entry.percent_done = ProgressStatus.COMPLETED, 100
    entry.save()


def test_dashboard_serves_last_figures_with_their_time_until_the_job_runs(province, login, monkeypatch):
    client = login("leadership")
    first = client.get(DASHBOARD)
    assert first.context["figures"]["tasks"]["completed"] == 2
    assert first.context["figures_current"]
    assert "Figures computed at" in first.content.decode() or "Số liệu tính lúc" in first.content.decode()

    # Given a committed change whose refresh job has not run (a worker that is busy or down)
    queued = []
    monkeypatch.setattr(dashboard_cache, "refresh_dispatch", queued.append)
    complete_t5(province)
    dashboard_cache._pending.bump = True
    dashboard_cache._replace_generation_once()
    assert len(queued) == 1

    # Then the page answers at once with the last figures and says they are being recomputed
    stale = client.get(DASHBOARD)
    assert stale.context["figures"]["tasks"]["completed"] == 2
    assert not stale.context["figures_current"]
    assert stale.context["computed_at"] == first.context["computed_at"]

    # When the job runs, the next page shows the change
    assert dashboard_figures_refresh_task() == 1
    fresh = client.get(DASHBOARD)
    assert fresh.context["figures"]["tasks"]["completed"] == 3
    assert fresh.context["figures_current"]
    assert dashboard_figures_refresh_task() == 0


def test_dashboard_refresh_survives_a_broker_that_is_down(province, login, monkeypatch):
    client = login("leadership")
    client.get(DASHBOARD)

    def down():
        raise OSError("broker unreachable")

    monkeypatch.setattr(dashboard_figures_refresh_task, "delay", down)
    complete_t5(province)
    dashboard_cache._pending.bump = True
    dashboard_cache._replace_generation_once()  # logs, does not raise
    assert client.get(DASHBOARD).status_code == 200
