"""API tokens that expire: a token leaked from a script or a laptop stops working on its own."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expires_at(token: Token) -> datetime.datetime | None:
    """When the token stops working; None when tokens never expire (API_TOKEN_TTL_DAYS = 0)."""
    if not settings.API_TOKEN_TTL_DAYS:
        return None
    return token.created + datetime.timedelta(days=settings.API_TOKEN_TTL_DAYS)


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, refusing tokens older than API_TOKEN_TTL_DAYS and inactive users."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        expires_at = token_expires_at(token)
        if expires_at is not None and expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(
                _("This API token expired. Create a new one on the API token page of the portal.")
            )
        return user, token
