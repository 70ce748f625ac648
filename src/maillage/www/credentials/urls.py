"""Pages under <lang>/credentials/."""

from django.urls import URLPattern

app_name = "credentials"

urlpatterns: list[URLPattern] = []
