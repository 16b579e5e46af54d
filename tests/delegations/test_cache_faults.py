"""With Redis (the cache) dead, a save answers success once and writes once; the pages still render.

Before, the cache invalidation that runs after the commit raised, the saved change answered 500,
and the user saved again: a 412 for progress, a duplicate for a delegation.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from delegations.models import Delegation
from tests.conftest import only_degraded
from tests.delegations.test_api import payload
from tests.delegations.test_views import form_data as delegation_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("dead_cache")]


def test_delegation_form_and_api_create_with_dead_cache_write_once(
    users, department_a, client_as, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as("staff_a").post(reverse("delegations:delegation_create"), delegation_form(department_a))
    assert response.status_code == 302
    api = APIClient()
    api.force_authenticate(users["staff_a"])
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(reverse("api:delegation-list"), payload(department_a), format="json")
    assert response.status_code == 201
    assert Delegation.objects.count() == 2
    assert only_degraded(caplog)
