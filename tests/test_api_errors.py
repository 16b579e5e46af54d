"""Every API answers a model's or a service's ValidationError as a 400 in one shape."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from core.api_errors import exception_handler


class Raising(APIView):
    authentication_classes = []
    permission_classes = []
    error = None

    def get(self, request):
        raise self.error


@pytest.mark.parametrize(
    "error,expected",
    [
        (ValidationError({"end_date": ["Sai ngày."]}), {"end_date": ["Sai ngày."]}),
        (ValidationError({"__all__": ["Trùng."]}), {"non_field_errors": ["Trùng."]}),
        (ValidationError("Không hợp lệ."), {"non_field_errors": ["Không hợp lệ."]}),
    ],
)
def test_api_answers_django_validation_errors_as_400_with_field_messages(error, expected):
    view = Raising.as_view(error=error)

    response = view(APIRequestFactory().get("/"))

    assert response.status_code == 400
    assert response.data == expected


def test_api_error_handler_leaves_other_errors_to_drf():
    assert exception_handler(KeyError("x"), {}) is None
