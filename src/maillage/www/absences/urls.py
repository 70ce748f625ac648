"""Pages under <lang>/absences/."""

from django.urls import URLPattern, path  # noqa: F401

app_name = "absences"

urlpatterns: list[URLPattern] = []
