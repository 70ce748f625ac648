"""Landing, sign-in and sign-out, and the dispatch to the home of the user's role."""

from django.contrib.auth import views as auth_views
from django.urls import path

from maillage.www.home import views

app_name = "home"

urlpatterns = [
    path("", views.landing, name="landing"),
    path(
        "accounts/login/",
        views.sign_in,
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("home/", views.home, name="role_home"),
]
