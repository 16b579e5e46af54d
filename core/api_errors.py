"""One shape for every API error: services raise Django's ValidationError, clients get DRF's 400."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def api_validation_error(error: DjangoValidationError) -> ValidationError:
    """The error as a serializer would report it: {field: [messages]}, "non_field_errors" for the rest."""
    key = api_settings.NON_FIELD_ERRORS_KEY
    if not hasattr(error, "error_dict"):
        return ValidationError({key: error.messages})
    return ValidationError(
        {key if field == NON_FIELD_ERRORS else field: messages for field, messages in error.message_dict.items()}
    )


def exception_handler(exc, context):
    """DRF's handler, taught that a model's or a service's ValidationError is bad input (400), not a 500."""
    if isinstance(exc, DjangoValidationError):
        exc = api_validation_error(exc)
    return drf_exception_handler(exc, context)
