"""Pages under <lang>/credentials/."""

from django.urls import path

from maillage.www.credentials import views

app_name = "credentials"

urlpatterns = [
    # Public (no sign-in): the issuer, its keys, the revocation list, verification.
    path("issuer/", views.issuer, name="issuer"),
    path("issuer.json", views.issuer_json, name="issuer_json"),
    path("status/revocation", views.status_list, name="status_list"),
    path("achievements/<str:code>/<int:level>/", views.achievement, name="achievement"),
    path("verify/", views.verify_page, name="verify"),
    path("verify.json", views.verify_json, name="verify_json"),
    path("c/<slug:public_id>/", views.public_credential, name="public"),
    path("c/<slug:public_id>.json", views.public_credential_json, name="public_json"),
    # Signed in.
    path("mine/", views.my_skills, name="mine"),
    path("mine/certificate/", views.attach, name="attach"),
    path("mine/<slug:public_id>/download/", views.download, name="download"),
    path("evidence/<int:pk>/document/", views.evidence_document, name="evidence_document"),
    path("peers/", views.peers, name="peers"),
    path("peers/<int:worker_skill_id>/validate/", views.validate, name="validate"),
    path("evaluations/", views.evaluations, name="evaluations"),
    path("evaluations/<int:mission_id>/<int:worker_id>/", views.evaluate, name="evaluate"),
    path("certify/", views.certify_home, name="certify_home"),
    path("certify/<int:worker_skill_id>/", views.certify, name="certify"),
    path("workers/<int:worker_id>/", views.worker_skills, name="worker"),
    path("revoke/<slug:public_id>/", views.revoke, name="revoke"),
    path("trust/<slug:slug>/", views.trust_policy, name="trust_policy"),
]
