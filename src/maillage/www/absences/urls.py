"""Pages under <lang>/absences/: absences, replacement proposals, a buyer's cancellations."""

from django.urls import path

from maillage.www.absences import views

app_name = "absences"

urlpatterns = [
    path("", views.index, name="index"),
    path("declare/", views.declare, name="declare"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/propose/", views.propose, name="propose"),
    path("proposals/<int:pk>/", views.proposal, name="proposal"),
    path("proposals/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("occurrences/<int:pk>/cancel/", views.cancel_occurrence, name="cancel_occurrence"),
    path("needs/<int:pk>/cancel/", views.cancel_need, name="cancel_need"),
]
