"""Need pages: the buyer's list under <lang>/buyer/, a need under <lang>/needs/."""

from django.urls import path

from maillage.www.needs import views

app_name = "needs"

urlpatterns = [
    path("buyer/", views.buyer_home, name="list"),
    path("needs/new/", views.need_create, name="create"),
    path("needs/<int:pk>/", views.need_detail, name="detail"),
    path("needs/<int:pk>/edit/", views.need_edit, name="edit"),
    path("needs/<int:pk>/copy/", views.need_duplicate, name="duplicate"),
    path("needs/<int:pk>/request-quote/", views.need_request_quote, name="request_quote"),
]
