from django.contrib.auth import views as auth_views
from django.urls import path

from maillage.web import plan_views, views

urlpatterns = [
    path("", views.landing, name="landing"),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            template_name="web/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="home"),
    path("worker/", views.worker_home, name="worker_home"),
    path("worker/availability/", views.worker_add_availability, name="worker_add_availability"),
    path(
        "worker/availability/<int:window_id>/delete/",
        views.worker_remove_availability,
        name="worker_remove_availability",
    ),
    path("worker/skills/", views.worker_claim_skill, name="worker_claim_skill"),
    path("buyer/", views.buyer_home, name="buyer_home"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("coordinator/", views.coordinator_home, name="coordinator_home"),
    path("overview/", views.union_home, name="union_home"),
    path("plans/", plan_views.plans, name="plans"),
    path("plans/territory/<int:territory_id>/run/", plan_views.plan_run, name="plan_run"),
    path("plans/runs/<int:pk>/", plan_views.plan_run_detail, name="plan_run_detail"),
    path("plans/versions/<int:pk>/", plan_views.plan_version, name="plan_version"),
    path("plans/versions/<int:pk>/publish/", plan_views.plan_publish, name="plan_publish"),
    path("plans/versions/<int:pk>/rules/", plan_views.plan_pair_rule, name="plan_pair_rule"),
    path("worker/week/", plan_views.worker_week, name="worker_week"),
    path("worker/week/<int:pk>/answer/", plan_views.worker_respond, name="worker_respond"),
]
