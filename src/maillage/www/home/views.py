"""Landing, sign-in and the dispatch of a signed-in user to the home of their role.

Sign-in is allauth's view (its rate limits, the verified-address and two-factor stages) with
our page and form (maillage.accounts.forms.SignInForm): decision 0041.
"""

from __future__ import annotations

from allauth.account.views import LoginView
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from maillage.people.models import Role
from maillage.people.roles import roles_of
from maillage.www.utils.requests import SignedInRequest

HOME_BY_ROLE = [
    (Role.COORDINATOR, "coordinator:home"),
    (Role.ADMIN, "coordinator:home"),
    (Role.BUYER_MEMBER, "needs:list"),
    (Role.GROUP_MANAGER, "needs:list"),
    (Role.WORKER, "workers:home"),
    (Role.UNION_REP, "overview:home"),
    (Role.TRAINER, "overview:home"),
    (Role.THIRD_PLACE_MANAGER, "overview:home"),
]


class SignInView(LoginView):
    """allauth's sign-in under our URL and template."""

    template_name = "home/login.html"


sign_in = SignInView.as_view()


@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@login_not_required
def landing(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home:role_home")
    return render(request, "home/landing.html")


def home(request: SignedInRequest) -> HttpResponse:
    """Send the user to the home of their main role."""
    roles = roles_of(request.user)
    for role, url_name in HOME_BY_ROLE:
        if role in roles:
            return redirect(url_name)
    return render(request, "home/no_role.html")
