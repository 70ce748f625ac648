"""Pages under <lang>/timesheets/."""

from django.urls import path

from maillage.www.timesheets import views

app_name = "timesheets"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("declare/", views.declare, name="declare"),
    path("declare/line/", views.line_extra, name="line_extra"),
    path("to-validate/", views.to_validate, name="to_validate"),
    path("disputes/", views.dispute_list, name="disputes"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/validate/", views.validate, name="validate"),
    path("<int:pk>/dispute/", views.dispute, name="dispute"),
    path("<int:pk>/settle/", views.settle, name="settle"),
    path("<int:pk>/correct/", views.correct, name="correct"),
]
