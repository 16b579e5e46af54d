"""With Redis (the cache) dead, a save answers success once and writes once; the pages still render.

Before, the cache invalidation that runs after the commit raised, the saved change answered 500,
and the user saved again: a 412 for progress, a duplicate for a delegation.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from plans.models import TaskProgress
from tests.conftest import only_degraded
from tests.plans.test_views import form_data as progress_form
from tests.plans.test_views import form_url as progress_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dead_cache")]


def test_progress_form_save_with_dead_cache_succeeds_once(world, login, django_capture_on_commit_callbacks, caplog):
    client = login("staff_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(progress_url(world), progress_form(world))
    assert response.status_code == 302
    assert TaskProgress.objects.filter(task=world.task, department=world.departments["a"]).count() == 1
    assert only_degraded(caplog)


def test_progress_api_save_with_dead_cache_succeeds_once(world, django_capture_on_commit_callbacks, caplog):
    progress = world.entry()
    api = APIClient()
    api.force_authenticate(world.users["staff_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.patch(
            reverse("api:progress-detail", args=[progress.pk]),
            {"percent_done": 70},
            format="json",
            headers={"If-Match": f'"{progress.version}"'},
        )
    assert response.status_code == 200
    progress.refresh_from_db()
    assert (progress.percent_done, progress.version) == (70, 2)
    assert only_degraded(caplog)


def test_dashboard_renders_uncached_with_dead_cache(world, login, caplog):
    assert login("leadership").get(reverse("dashboard:dashboard")).status_code == 200
    assert only_degraded(caplog)
