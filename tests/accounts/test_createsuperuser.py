"""The operator's first step on a new install: `createsuperuser` must give a working administrator."""

import pytest
from django.core.management import call_command

from accounts.choices import Role
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_createsuperuser_makes_the_portal_administrator(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "a-long-enough-password")
    call_command("createsuperuser", "--noinput", username="root", email="root@example.org", verbosity=0)
    user = User.objects.get(username="root")
    assert (user.role, user.is_superuser, user.department) == (Role.ADMINISTRATOR, True, None)
