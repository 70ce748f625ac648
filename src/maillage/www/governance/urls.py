"""Pages under <lang>/governance/."""

from django.urls import URLPattern

app_name = "governance"

urlpatterns: list[URLPattern] = []
