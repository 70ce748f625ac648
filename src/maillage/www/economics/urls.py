"""Pages under <lang>/economics/."""

from django.urls import path

from maillage.www.economics import views

app_name = "economics"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.model, name="model"),
    path("<slug:slug>/<slug:phase>/new/", views.new_version, name="new_version"),
]
