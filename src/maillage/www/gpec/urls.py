"""GPEC pages, under <lang>/gpec/."""

from django.urls import path

from maillage.www.gpec import views

app_name = "gpec"

urlpatterns = [
    path("", views.home, name="home"),
    path("me/", views.my_figures, name="me"),
    path("jobs/<int:pk>/", views.job_detail, name="job"),
    path("<slug:slug>/", views.dashboard, name="dashboard"),
    path("<slug:slug>/report/", views.report, name="report"),
    path(
        "<slug:slug>/export/<slug:table>.<str:fmt>",
        views.export,
        name="export",
    ),
    path("<slug:slug>/run/<slug:kind>/", views.start_job, name="start_job"),
]
