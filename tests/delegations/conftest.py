"""Users of every role around two departments, and API clients acting as them."""

import pytest
from rest_framework.test import APIClient

from accounts.choices import Role
from tests.accounts.factories import DepartmentFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    # Seven users per test: the production hasher would make the suite crawl without testing anything here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def department_a(db):
    return DepartmentFactory(name="Sở Văn hóa, Thể thao và Du lịch", code="SVHTTDL")


@pytest.fixture
def department_b(db):
    return DepartmentFactory(name="UBND huyện Sông Mã", code="UBND-SM")


@pytest.fixture
def users(db, focal_department, department_a, department_b):
    """One user per role; staff and heads of department A, and staff of department B."""
    return {
        "specialist": UserFactory(username="specialist", role=Role.SPECIALIST, department=focal_department),
        "administrator": UserFactory(username="administrator", role=Role.ADMINISTRATOR, department=None),
        "leadership": UserFactory(username="leader", role=Role.LEADERSHIP, department=None),
        "staff_a": UserFactory(username="staff_a", role=Role.STAFF, department=department_a),
        "head_a": UserFactory(username="head_a", role=Role.HEAD, department=department_a),
        "staff_b": UserFactory(username="staff_b", role=Role.STAFF, department=department_b),
        "reader": UserFactory(username="reader", role=Role.STATISTICS_READER, department=None),
    }


@pytest.fixture
def api_as(users):
    """An APIClient signed in as the named user, answering in Vietnamese."""

    def make(name):
        client = APIClient(HTTP_ACCEPT_LANGUAGE="vi")
        client.force_authenticate(users[name])
        return client

    return make


@pytest.fixture
def client_as(client, users):
    def make(name):
        client.force_login(users[name])
        return client

    return make
