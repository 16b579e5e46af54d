"""Each user creates, regenerates and revokes their own API token in the portal."""

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.choices import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("accounts:api_token")


@pytest.fixture
def reader(client):
    user = UserFactory(username="stats-system", role=Role.STATISTICS_READER, department=None)
    client.force_login(user)
    return user


def test_token_create_shows_the_key_once_and_it_authenticates(client, reader):
    response = client.post(URL, {"action": "create"})
    key = response.context["new_key"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert Token.objects.get(user=reader).key == key
    assert api.get(reverse("api:delegation-stats")).status_code == 200
    assert api.get(reverse("api:delegation-list")).status_code == 403
    assert key not in client.get(URL).content.decode()


def test_token_regenerate_replaces_the_old_one(client, reader):
    old = Token.objects.create(user=reader).key

    client.post(URL, {"action": "create"})

    assert Token.objects.get(user=reader).key != old


def test_token_revoke_stops_it_working(client, reader):
    key = Token.objects.create(user=reader).key

    response = client.post(URL, {"action": "revoke"})
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    assert response.status_code == 302
    assert not Token.objects.filter(user=reader).exists()
    assert api.get(reverse("api:delegation-stats")).status_code == 401


def test_token_page_touches_only_the_users_own_token(client, reader):
    other = Token.objects.create(user=UserFactory(username="someone-else"))

    client.post(URL, {"action": "revoke"})
    client.post(URL, {"action": "create"})

    assert Token.objects.filter(pk=other.pk).exists()


def test_token_page_refuses_anonymous(client):
    response = client.post(URL, {"action": "create"})

    assert response.status_code == 302
    assert not Token.objects.exists()


def test_token_page_refuses_an_unknown_action(client, reader):
    old = Token.objects.create(user=reader).key

    response = client.post(URL, {"action": "steal"})

    assert response.status_code == 400
    assert Token.objects.get(user=reader).key == old
