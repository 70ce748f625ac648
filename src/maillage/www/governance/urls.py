"""Pages under <lang>/governance/."""

from django.urls import path

from maillage.www.governance import views

app_name = "governance"

urlpatterns = [
    path("", views.index, name="index"),
    path("territory/<int:territory_id>/new/", views.proposal_new, name="proposal_new"),
    path("territory/<int:territory_id>/members/", views.members, name="members"),
    path("territory/<int:territory_id>/pay/", views.pay_indicators, name="pay"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/discuss/", views.proposal_discuss, name="proposal_discuss"),
    path("proposals/<int:pk>/open-vote/", views.proposal_open_vote, name="proposal_open_vote"),
    path("proposals/<int:pk>/withdraw/", views.proposal_withdraw, name="proposal_withdraw"),
    path("proposals/<int:pk>/opinion/", views.proposal_opinion, name="proposal_opinion"),
    path("proposals/<int:pk>/vote/", views.proposal_vote, name="proposal_vote"),
    path("proposals/<int:pk>/close/", views.proposal_close, name="proposal_close"),
]
