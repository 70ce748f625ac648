"""Pages under <lang>/engagement/."""

from django.urls import URLPattern

app_name = "engagement"

urlpatterns: list[URLPattern] = []
