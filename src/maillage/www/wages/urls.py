"""Pages under <lang>/wages/."""

from django.urls import path

from maillage.www.wages import views

app_name = "wages"

urlpatterns = [
    path("", views.home, name="home"),
    path("exports/run/", views.run_export, name="run_export"),
    path("exports/<int:pk>/", views.export_detail, name="export_detail"),
    path(
        "exports/<int:pk>/payroll.csv",
        views.export_download,
        {"fmt": "csv"},
        name="export_csv",
    ),
    path(
        "exports/<int:pk>/payroll.xlsx",
        views.export_download,
        {"fmt": "xlsx"},
        name="export_xlsx",
    ),
    path("statements/<int:pk>/", views.statement_detail, name="statement_detail"),
    path(
        "statements/<int:pk>/statement.csv",
        views.statement_download,
        name="statement_csv",
    ),
    path("groups/employ/", views.employ, name="employ"),
    path("groups/employments/<int:pk>/end/", views.end_employment, name="end_employment"),
    path("money/", views.dashboard, name="dashboard"),
]
