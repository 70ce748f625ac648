"""Pages of accounts: the account's own page and where a new account starts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from maillage.accounts.mfa import may_use_two_factor
from maillage.people.roles import roles_of
from maillage.www.utils.requests import SignedInRequest


def account_home(request: SignedInRequest) -> HttpResponse:
    """Links to everything about one's own account: address, password, sessions, data."""
    return render(
        request,
        "accounts/home.html",
        {"two_factor": may_use_two_factor(request.user)},
    )


def start(request: SignedInRequest) -> HttpResponse:
    """A new account with no role yet: register an organisation, or become a worker."""
    return render(request, "accounts/start.html", {"roles": roles_of(request.user)})
