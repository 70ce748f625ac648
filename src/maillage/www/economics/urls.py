"""Pages under <lang>/economics/."""

from django.urls import URLPattern

app_name = "economics"

urlpatterns: list[URLPattern] = []
