"""Pages under <lang>/wages/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "wages"

urlpatterns: list[URLPattern] = []
