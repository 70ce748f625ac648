"""Pages under <lang>/directory/."""

from django.urls import path

from maillage.www.directory import views

app_name = "directory"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.territory_page, name="territory"),
    path("<slug:slug>/new/", views.structure_create, name="structure_create"),
    path("<slug:slug>/import/", views.import_page, name="import"),
    path("<slug:slug>/<int:pk>/", views.structure_detail, name="structure"),
]
