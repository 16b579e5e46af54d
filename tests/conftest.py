"""Shared pytest fixtures for the portal's test suite."""

import pytest

from accounts.choices import Role
from tests.accounts.factories import DepartmentFactory, UserFactory


@pytest.fixture
def focal_department(db):
    return DepartmentFactory(name="Sở Ngoại vụ", short_name="Sở Ngoại vụ", code="SNgV", is_focal_point=True)


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", role=Role.ADMINISTRATOR, department=None, is_staff=True, is_superuser=True)


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client
