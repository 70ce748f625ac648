"""Pages under <lang>/reviews/: the coordinator's inbox of review requests and the answer."""

from django.urls import path

from maillage.www.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.answer, name="answer"),
]
