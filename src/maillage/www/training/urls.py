"""Pages under <lang>/training/."""

from django.urls import path

from maillage.www.training import views

app_name = "training"

urlpatterns = [
    path("", views.home, name="home"),
    path("new/<slug:slug>/<slug:code>/<int:level>/", views.new_session, name="new"),
    path("<int:pk>/", views.session_detail, name="session"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/assess/<int:participant_id>/", views.assessment, name="assess"),
]
