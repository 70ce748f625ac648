"""Pages under <lang>/audit/."""

from django.urls import path

from maillage.www.audit import views

app_name = "audit"

urlpatterns = [
    path("", views.log, name="log"),
    path("export.csv", views.export, name="export"),
]
