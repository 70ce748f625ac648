"""Pages under <lang>/engagement/."""

from django.urls import path

from maillage.www.engagement import views

app_name = "engagement"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.territory_page, name="territory"),
    path("<slug:slug>/offers/new/", views.offer_create, name="offer_create"),
    path("<slug:slug>/placements/new/", views.placement_create, name="placement_create"),
]
