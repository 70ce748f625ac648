"""Pages under <lang>/tiers-lieux/."""

from django.urls import path

from maillage.www.tierslieux import views

app_name = "tierslieux"

urlpatterns = [
    path("", views.home, name="home"),
    path("<int:pk>/", views.place, name="place"),
    path("my-base/", views.remote_base, name="remote_base"),
]
