"""Pages under <lang>/account/: ours (namespace "accounts") and allauth's (its own names).

allauth reverses its pages by bare names ("account_signup", "mfa_index"...), so they are
included here without a namespace; our pages keep theirs. Sign-in has one page, home:login,
also reachable as allauth's "account_login". allauth's own confirmation page is left out: the
link in the email opens notifications:confirm_email; sign-in by emailed code is not used.
Signing out asks for a signed-in visitor. Decision 0041.
"""

from typing import Any

from allauth.account.urls import urlpatterns as allauth_account_patterns
from allauth.account.views import logout as allauth_logout
from allauth.mfa.urls import urlpatterns as allauth_mfa_patterns
from allauth.usersessions.urls import urlpatterns as allauth_session_patterns
from django.urls import URLPattern, URLResolver, include, path

from maillage.www.accounts import views
from maillage.www.home import views as home_views

LEFT_OUT = {
    "account_login",
    "account_logout",
    "account_confirm_email",
    "account_confirm_login_code",
}


def sign_out(request: Any, *args: Any, **kwargs: Any) -> Any:
    """allauth's sign-out, for signed-in visitors only (LoginRequiredMiddleware)."""
    return allauth_logout(request, *args, **kwargs)


pages: list[URLPattern | URLResolver] = [
    path("", views.account_home, name="home"),
    path("start/", views.start, name="start"),
    path("organisation/new/", views.organisation_register, name="organisation_register"),
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("roles/", views.roles, name="roles"),
    path("roles/<int:pk>/withdraw/", views.role_withdraw, name="role_withdraw"),
    path("territory/new/", views.territory_create, name="territory_create"),
    path("worker-profile/", views.worker_profile, name="worker_profile"),
    path("profiles/", views.profile_reviews, name="profile_reviews"),
    path("data/", views.my_data, name="my_data"),
    path("data/export.json", views.data_json, name="data_json"),
    path("data/summary/", views.data_summary, name="data_summary"),
    path("data/erase/", views.erase, name="erase"),
    path(
        "profiles/<int:pk>/<str:decision>/",
        views.profile_decide,
        name="profile_decide",
    ),
]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include((pages, "accounts"))),
    path("login/", home_views.sign_in, name="account_login"),
    path("logout/", sign_out, name="account_logout"),
    *(p for p in allauth_account_patterns if getattr(p, "name", None) not in LEFT_OUT),
    path("2fa/", include(allauth_mfa_patterns)),
    path("sessions/", include(allauth_session_patterns)),
]
