"""Need pages: the buyer's list under <lang>/buyer/, a need under <lang>/needs/."""

from django.urls import path

from maillage.www.needs import views

app_name = "needs"

urlpatterns = [
    path("buyer/", views.buyer_home, name="list"),
    path("needs/new/", views.need_create, name="create"),
    path("needs/<int:pk>/", views.need_detail, name="detail"),
]
