"""A worker's own profile pages, under <lang>/worker/."""

from django.urls import path

from maillage.www.workers import views

app_name = "workers"

urlpatterns = [
    path("", views.worker_home, name="home"),
    path("availability/", views.worker_add_availability, name="add_availability"),
    path(
        "availability/<int:window_id>/delete/",
        views.worker_remove_availability,
        name="remove_availability",
    ),
    path("skills/", views.worker_claim_skill, name="claim_skill"),
]
