"""Pages under <lang>/notifications/."""

from django.urls import URLPattern, path, re_path

from maillage.www.notifications import views

app_name = "notifications"

urlpatterns: list[URLPattern] = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.open_notification, name="open"),
    path("read-all/", views.read_all, name="read_all"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/verify/", views.send_verification, name="send_verification"),
    # allauth's confirmation link (the key is its signed token).
    re_path(r"^confirm-email/(?P<key>[-:\w]+)/$", views.confirm_email, name="confirm_email"),
]
