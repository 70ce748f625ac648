"""Pages under <lang>/observatory/ (public)."""

from django.urls import path

from maillage.www.observatory import views

app_name = "observatory"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.territory, name="territory"),
    path("<slug:slug>/data.json", views.territory_json, name="territory_json"),
    path("<slug:slug>/data.csv", views.territory_csv, name="territory_csv"),
]
