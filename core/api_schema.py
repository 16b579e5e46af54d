"""The OpenAPI schema tells every status an endpoint can answer, with the one error shape.

drf-spectacular documents the success answer of each operation; the errors come from DRF and
core/api_errors.py in one shape for the whole API, so they are added here once, by rule, rather
than on every view: 401/403/429 everywhere (authentication, permission, throttling), 400 wherever
input is read, 404 where the path names an object or a page or filter may name none, 409 where a
delete may be refused. Operations
with more (412/428 for If-Match, 409 for a stale version) add them with @extend_schema, which wins.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """{"detail": "…"}: why the request was refused, in the user's language."""

    detail = serializers.CharField()


class ValidationErrorSerializer(serializers.Serializer):
    """{"field": ["message", …], "non_field_errors": [...]} or {"detail": "…"} for unreadable input."""

    non_field_errors = serializers.ListField(child=serializers.CharField(), required=False)

    class Meta:
        ref_name = "ValidationError"


ERROR_DESCRIPTIONS = {
    "400": "Invalid input: the messages name each field.",
    "401": "Not signed in, or the token is unknown or expired.",
    "403": "Signed in, but this role or department may not do this.",
    "404": "No such object, or not within the user's reach.",
    "409": "Refused: other records depend on it, or it changed meanwhile.",
    "429": "Too many requests; the detail says when to try again.",
}


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema plus the error answers every operation of this API can give."""

    def _error_codes(self) -> list[str]:
        codes = ["400", "401", "403", "429"]
        # A path naming an object, a page past the end of a list, a filter naming an object out of reach.
        if "{" in self.path or self.method == "GET":
            codes.append("404")
        if self.method == "DELETE":
            codes.append("409")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code in responses:
                continue
            body = ValidationErrorSerializer if code == "400" else ErrorSerializer
            response = OpenApiResponse(response=body, description=ERROR_DESCRIPTIONS[code])
            responses[code] = self._get_response_for_code(response, code, direction=direction)
        return responses
