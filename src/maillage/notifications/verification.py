"""Whether a person's address is verified: an allauth `EmailAddress` row says so."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress


def address_verified(user: Any) -> bool:
    """True iff allauth holds the user's current address as verified (case-insensitive)."""
    if not user.email:
        return False
    return EmailAddress.objects.filter(
        user_id=user.pk, email__iexact=user.email, verified=True
    ).exists()


def mark_verified(user: Any) -> None:
    """Record the user's current address as verified and primary (the demo, the tests)."""
    EmailAddress.objects.filter(user_id=user.pk).exclude(email__iexact=user.email).update(
        primary=False
    )
    EmailAddress.objects.update_or_create(
        user=user,
        email=user.email,
        defaults={"verified": True, "primary": True},
    )
