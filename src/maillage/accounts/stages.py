"""The sign-in stage that asks for a verified address: only where one is still awaited."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.account.stages import EmailVerificationStage


class VerifiedAddressStage(EmailVerificationStage):
    """allauth's mandatory verification, for the people who signed up themselves.

    A self-service account has an unverified `EmailAddress` row until its link is opened: it
    cannot sign in before (allauth sends the link again and says so). An account the
    cooperative created before self-service (no row at all) or one created from an invitation
    (its row is verified: the link came by email) signs in as before. Decision 0041.
    """

    def handle(self) -> tuple[Any, bool]:
        user = self.login.user
        if user is None or self.login.signup:
            # A sign-up (also the fake one allauth plays for an address already taken, so
            # nobody learns which addresses have accounts): allauth's own behaviour.
            return super().handle()
        awaiting = EmailAddress.objects.filter(user=user, verified=False).exists()
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        if awaiting and not verified:
            return super().handle()
        return None, True
