"""Pages under <lang>/observatory/."""

from django.urls import URLPattern

app_name = "observatory"

urlpatterns: list[URLPattern] = []
