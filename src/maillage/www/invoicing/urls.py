"""Pages under <lang>/invoicing/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "invoicing"

urlpatterns: list[URLPattern] = []
