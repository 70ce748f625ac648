from django.urls import path

from maillage.gpec import views

urlpatterns = [
    path("", views.home, name="gpec_home"),
    path("me/", views.my_figures, name="gpec_me"),
    path("jobs/<int:pk>/", views.job_detail, name="gpec_job"),
    path("<slug:slug>/", views.dashboard, name="gpec_dashboard"),
    path("<slug:slug>/report/", views.report, name="gpec_report"),
    path(
        "<slug:slug>/export/<slug:table>.<str:fmt>",
        views.export,
        name="gpec_export",
    ),
    path("<slug:slug>/run/<slug:kind>/", views.start_job, name="gpec_start_job"),
]
