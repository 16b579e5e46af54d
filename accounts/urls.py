from django.urls import path

from . import tokens

app_name = "accounts"

urlpatterns = [
    path("tokens/", tokens.ApiTokenView.as_view(), name="api_token"),
]
