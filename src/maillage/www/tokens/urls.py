"""Pages under <lang>/api-tokens/."""

from django.urls import URLPattern, path

from maillage.www.tokens import views

app_name = "tokens"

urlpatterns: list[URLPattern] = [
    path("", views.token_list, name="list"),
    path("<int:pk>/revoke/", views.token_revoke, name="revoke"),
]
