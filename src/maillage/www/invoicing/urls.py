"""Pages under <lang>/invoicing/."""

from django.urls import path

from maillage.www.invoicing import views

app_name = "invoicing"

urlpatterns = [
    path("", views.index, name="index"),
    path("month/", views.month, name="month"),
    path("month/build/", views.build, name="build"),
    path("month/issue/", views.issue_all, name="issue_all"),
    path("month/chorus-pro.zip", views.chorus, name="chorus"),
    path("overdue/", views.overdue, name="overdue"),
    path("mine/", views.mine, name="mine"),
    path("draft/<int:pk>/", views.draft, name="draft"),
    path("draft/<int:pk>/issue/", views.issue, name="issue"),
    path("<int:pk>/", views.invoice, name="invoice"),
    path("<int:pk>/pdf/", views.pdf, name="pdf"),
    path("<int:pk>/payment/", views.add_payment, name="payment"),
    path("<int:pk>/credit/", views.credit, name="credit"),
    path("need/<int:pk>/references/", views.references, name="references"),
    path("group/<int:pk>/", views.group_settings, name="group"),
]
