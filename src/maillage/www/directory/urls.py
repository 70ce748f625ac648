"""Pages under <lang>/directory/."""

from django.urls import URLPattern

app_name = "directory"

urlpatterns: list[URLPattern] = []
