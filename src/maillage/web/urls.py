from django.contrib.auth import views as auth_views
from django.urls import path

from maillage.web import views

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
]
