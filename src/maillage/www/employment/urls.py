"""Employment pages, under <lang>/employment/."""

from django.urls import path

from maillage.www.employment import views

app_name = "employment"

urlpatterns = [
    path("comparison/", views.comparison, name="comparison"),
    path("contracts/", views.contracts, name="contracts"),
    path(
        "contracts/worker/<int:worker_id>/propose/",
        views.contract_propose,
        name="contract_propose",
    ),
    path("contracts/<int:pk>/", views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/move/", views.contract_move, name="contract_move"),
    path("contracts/<int:pk>/pdf/", views.contract_pdf_download, name="contract_pdf"),
    path("my-contract/", views.my_contract, name="my_contract"),
    path("my-contract/<int:pk>/accept/", views.my_contract_accept, name="my_contract_accept"),
    path("my-contract/<int:pk>/decline/", views.my_contract_decline, name="my_contract_decline"),
]
