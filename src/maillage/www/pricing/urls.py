"""Pricing pages, under <lang>/pricing/."""

from django.urls import path

from maillage.www.pricing import views

app_name = "pricing"

urlpatterns = [
    path("charter/", views.charter_overview, name="charter_overview"),
    path("charter/<int:pk>/", views.charter_version, name="charter_version"),
    path("charter/territory/<int:territory_id>/new/", views.charter_new, name="charter_new"),
    path("needs/<int:mission_id>/quote/", views.quote_new, name="quote_new"),
    path("quotes/<int:pk>/", views.quote_detail, name="quote_detail"),
    path("quotes/<int:pk>/pdf/", views.quote_pdf_download, name="quote_pdf"),
    path("quotes/<int:pk>/accept/", views.quote_accept, name="quote_accept"),
    path("quotes/<int:pk>/refuse/", views.quote_refuse, name="quote_refuse"),
]
