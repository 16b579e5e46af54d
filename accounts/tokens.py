"""API tokens: each user creates, regenerates and revokes their own token in the portal.

DRF's authtoken keeps one token per user. That is enough here: an outside system gets its own user
(e.g. with the statistics reader role), and regenerating replaces a leaked token at once. A named,
multi-token scheme would need another library for no gain in this portal.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rest_framework.authtoken.models import Token

from .authentication import token_expires_at


@transaction.atomic
def token_regenerate(*, user) -> Token:
    """Replace the user's API token with a new one. Raises nothing."""
    Token.objects.filter(user=user).delete()
    return Token.objects.create(user=user)


@transaction.atomic
def token_revoke(*, user) -> bool:
    """Delete the user's API token; True if there was one. Raises nothing."""
    deleted, _rows = Token.objects.filter(user=user).delete()
    return bool(deleted)


class ApiTokenView(LoginRequiredMixin, View):
    template_name = "accounts/api_token.html"

    def get(self, request):
        token = Token.objects.filter(user=request.user).first()
        return render(request, self.template_name, _context(token, new_key=None))

    def post(self, request):
        action = request.POST.get("action")
        if action not in ("create", "revoke"):
            return HttpResponseBadRequest(_("Unknown action."))
        if action == "revoke":
            if token_revoke(user=request.user):
                messages.success(request, _("Your API token was revoked; programs using it are refused from now on."))
            return redirect("accounts:api_token")
        token = token_regenerate(user=request.user)
        # The key is shown once, right now; afterwards the page only says a token exists.
        return render(request, self.template_name, _context(token, new_key=token.key))


def _context(token: Token | None, *, new_key: str | None) -> dict:
    expires_at = token_expires_at(token) if token is not None else None
    return {"token": token, "new_key": new_key, "expires_at": expires_at}
