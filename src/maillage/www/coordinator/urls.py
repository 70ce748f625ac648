"""The coordinator's territory page, under <lang>/coordinator/."""

from django.urls import path

from maillage.www.coordinator import views

app_name = "coordinator"

urlpatterns = [
    path("", views.coordinator_home, name="home"),
    path("skills/<int:pk>/confirm/", views.confirm_level, name="confirm_level"),
]
