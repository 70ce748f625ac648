"""Pages under <lang>/timesheets/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "timesheets"

urlpatterns: list[URLPattern] = []
