"""allauth, as this platform uses it: accounts, email confirmation, sign-in and its limits.

The confirmation link points at our page under <lang>/notifications/ (maillage.www.
notifications). Sign-up is open (a buyer or a worker joins by themselves, decision 0041); the
sign-in stages ask for a verified address only of the people who signed up themselves
(maillage.accounts.stages). Every failed sign-in, and every refusal by the rate limits, is
logged and sent as a sensitive act for the audit log.
"""

from __future__ import annotations

import logging
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from maillage.core.signals import sensitive_act
from maillage.people.models import User

logger = logging.getLogger("maillage.accounts.signin")


class AccountAdapter(DefaultAccountAdapter):
    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        path = reverse("notifications:confirm_email", args=[emailconfirmation.key])
        if request is not None:
            return request.build_absolute_uri(path)
        return f"{settings.SITE_URL}{path}"

    def get_email_verification_redirect_url(self, email_address: Any) -> str:
        if self.request.user.is_authenticated:
            if not self.request.user.memberships.exists():
                return reverse("accounts:start")
            return reverse("notifications:preferences")
        return reverse(settings.LOGIN_URL)

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return True

    def get_login_stages(self) -> list[str]:
        return [
            "maillage.accounts.stages.VerifiedAddressStage"
            if stage == "allauth.account.stages.EmailVerificationStage"
            else stage
            for stage in super().get_login_stages()
        ]

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            _signin_refused(request, credentials, action="accounts.signin_locked")
            raise

    def authentication_failed(self, request: HttpRequest, **credentials: Any) -> None:
        _signin_refused(request, credentials, action="accounts.signin_failed")


def _signin_refused(request: HttpRequest, credentials: dict[str, Any], *, action: str) -> None:
    """Log a refused sign-in (never the password), and tell the audit log."""
    email = str(credentials.get("email") or credentials.get("username") or "")[:254]
    address = request.META.get("REMOTE_ADDR", "")
    logger.warning("%s for %r from %s", action, email, address)
    user = User.objects.filter(email__iexact=email).first() if email else None
    sensitive_act.send(
        sender=User,
        actor=None,
        action=action,
        target=user,
        territory=None,
        detail={"ip": address},
        request=request,
    )
