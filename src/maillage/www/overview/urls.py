"""The aggregated overview, under <lang>/overview/."""

from django.urls import path

from maillage.www.overview import views

app_name = "overview"

urlpatterns = [path("", views.union_home, name="home")]
