"""allauth, as far as this platform uses it: confirming an email address.

Sign-in stays the platform's own (maillage.www.home); allauth keeps the `EmailAddress` rows
that say whether an address is verified, and sends and checks the confirmation links. Its
confirmation page is served under <lang>/notifications/ (maillage.www.notifications), so the
link and the page after it are ours.
"""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        path = reverse("notifications:confirm_email", args=[emailconfirmation.key])
        if request is not None:
            return request.build_absolute_uri(path)
        return f"{settings.SITE_URL}{path}"

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        if self.request.user.is_authenticated:
            return reverse("notifications:preferences")
        return reverse(settings.LOGIN_URL)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # accounts are created by the cooperative, not by allauth
