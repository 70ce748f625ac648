"""Plan pages (coordinators) under <lang>/plans/, a worker's week under <lang>/worker/week/."""

from django.urls import path

from maillage.www.plans import views

app_name = "plans"

urlpatterns = [
    path("plans/", views.plans, name="list"),
    path("plans/territory/<int:territory_id>/run/", views.plan_run, name="run"),
    path("plans/runs/<int:pk>/", views.plan_run_detail, name="run_detail"),
    path("plans/versions/<int:pk>/", views.plan_version, name="version"),
    path("plans/versions/<int:pk>/publish/", views.plan_publish, name="publish"),
    path("plans/versions/<int:pk>/restore/", views.plan_restore, name="restore"),
    path("plans/versions/<int:pk>/rules/", views.plan_pair_rule, name="pair_rule"),
    path(
        "plans/versions/<int:pk>/rules/<int:rule_pk>/remove/",
        views.plan_pair_rule_remove,
        name="pair_rule_remove",
    ),
    path("worker/week/", views.worker_week, name="worker_week"),
    path("worker/week/<int:pk>/answer/", views.worker_respond, name="worker_respond"),
]
