"""Pages under <lang>/api-tokens/."""

from django.urls import URLPattern

app_name = "tokens"

urlpatterns: list[URLPattern] = []
