"""Issue, check and revoke personal access tokens.

A token reads ``mlg_<8 hex>_<43 url-safe characters>``: the first 12 characters are its
prefix, shown in lists; the whole string's SHA-256 is all the database keeps.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maillage.people.models import User
from maillage.tokens.access import can_revoke
from maillage.tokens.models import NAME_MAX_LENGTH, ApiToken, Scope

TOKEN_START = "mlg_"
#: Longest life of a token, and the default one.
MAX_DAYS = 365
DEFAULT_DAYS = 90
#: Tokens a person may hold at once (revoked and expired ones do not count).
MAX_ACTIVE_TOKENS = 20
#: ``last_used_at`` is written at most this often: not one write per request.
LAST_USED_PRECISION = dt.timedelta(minutes=1)


class TokenRefused(Exception):
    """The token is unknown, malformed, expired or revoked (the message says which)."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once, never stored


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(value: str | Iterable[str]) -> list[str]:
    """Scopes named in a "read,needs" string or a list; ValidationError on an unknown one."""
    names = value.replace(",", " ").split() if isinstance(value, str) else list(value)
    unknown = sorted({n for n in names if n not in Scope.values})
    if unknown:
        raise ValidationError(
            {
                "scopes": _("Unknown scope: %(names)s. Known scopes: %(known)s.")
                % {"names": ", ".join(unknown), "known": ", ".join(Scope.values)}
            }
        )
    return [s for s in Scope.values if s in names]


def issue_token(
    *,
    user: User,
    name: str,
    scopes: str | Iterable[str],
    days: int = DEFAULT_DAYS,
    now: dt.datetime | None = None,
) -> IssuedToken:
    """A new token for ``user``; the secret is in the result only."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors.setdefault("name", []).append(_("Give the token a name."))
    elif len(name) > NAME_MAX_LENGTH:
        errors.setdefault("name", []).append(
            _("A name is at most %(count)s characters.") % {"count": NAME_MAX_LENGTH}
        )
    try:
        chosen = parse_scopes(scopes)
    except ValidationError as error:
        errors.setdefault("scopes", []).extend(error.message_dict["scopes"])
        chosen = []
    else:
        if not chosen:
            errors.setdefault("scopes", []).append(_("Choose at least one scope."))
    if not 1 <= days <= MAX_DAYS:
        errors.setdefault("days", []).append(
            _("A token lasts from 1 to %(days)s days.") % {"days": MAX_DAYS}
        )
    if not user.is_active:
        errors.setdefault("__all__", []).append(_("This account is not active."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # One person's issues one at a time: the count below cannot be raced past.
        User.objects.select_for_update().filter(pk=user.pk).first()
        active = ApiToken.objects.filter(user=user, revoked_at__isnull=True, expires_at__gt=now)
        if active.count() >= MAX_ACTIVE_TOKENS:
            raise ValidationError(
                {
                    "__all__": _("You hold %(count)s active tokens already: revoke one first.")
                    % {"count": MAX_ACTIVE_TOKENS}
                }
            )
        prefix = TOKEN_START + secrets.token_hex(4)
        secret = f"{prefix}_{secrets.token_urlsafe(32)}"
        token = ApiToken.objects.create(
            user=user,
            name=name,
            scopes=" ".join(chosen),
            prefix=prefix,
            secret_hash=hash_of(secret),
            created_at=now,
            expires_at=now + dt.timedelta(days=days),
        )
    return IssuedToken(token=token, secret=secret)


def authenticate(secret: str, *, now: dt.datetime | None = None) -> ApiToken:
    """The active token whose secret this is (its user loaded), or TokenRefused."""
    now = now or timezone.now()
    if not secret.startswith(TOKEN_START) or len(secret) > 100:
        raise TokenRefused(_("This is not a Maillage token."))
    token = ApiToken.objects.select_related("user").filter(secret_hash=hash_of(secret)).first()
    if token is None or not token.user.is_active:
        raise TokenRefused(_("Unknown token."))
    if token.revoked_at is not None:
        raise TokenRefused(_("This token was revoked."))
    if token.expires_at <= now:
        raise TokenRefused(_("This token has expired."))
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_token(*, token: ApiToken, by: User, now: dt.datetime | None = None) -> ApiToken:
    """Revoke a token at once (revoking it again changes nothing)."""
    if not can_revoke(by, token):
        raise ValidationError(_("Only its owner revokes a token."))
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = now or timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked
