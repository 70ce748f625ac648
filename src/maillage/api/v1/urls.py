"""URLs of /api/v1/."""

from django.urls import URLPattern, URLResolver

app_name = "api_v1"

urlpatterns: list[URLPattern | URLResolver] = []
