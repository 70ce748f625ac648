"""Pages under <lang>/notifications/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "notifications"

urlpatterns: list[URLPattern] = []
