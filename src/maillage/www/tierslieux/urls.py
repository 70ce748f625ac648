"""Pages under <lang>/tiers-lieux/."""

from django.urls import URLPattern

app_name = "tierslieux"

urlpatterns: list[URLPattern] = []
