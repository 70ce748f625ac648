"""Two-factor sign-in (allauth.mfa): offered to coordinators and administrators."""

from __future__ import annotations

from typing import Any

from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.totp.forms import ActivateTOTPForm as BaseActivateTOTPForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from maillage.people.models import Role
from maillage.people.roles import roles_of

MFA_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})


def may_use_two_factor(user: Any) -> bool:
    """Coordinators and administrators may turn on a TOTP second factor."""
    return bool(user.is_authenticated and roles_of(user) & MFA_ROLES)


class MFAAdapter(DefaultMFAAdapter):
    """Names the authenticator app's entry "Maillage: <email>"."""

    def get_totp_issuer(self) -> str:
        return "Maillage"


class ActivateTOTPForm(BaseActivateTOTPForm):
    """allauth's TOTP activation, refused to anybody who is not a coordinator or an admin."""

    def clean_code(self) -> str:
        if not may_use_two_factor(self.user):
            raise ValidationError(
                _("Two-factor sign-in is offered to coordinators and administrators."),
                code="not_offered",
            )
        return super().clean_code()
