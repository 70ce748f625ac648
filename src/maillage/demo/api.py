"""The demo's API tokens: a buyer's purchasing script and a worker's calendar script, made a
few days before the demo's Monday (one revoked), so the "API tokens" page has a history.

Their secrets are not kept anywhere (only hashes are): a visitor makes a token of their own
on the page, or with ``manage.py api_token --user buyer@... --scopes read,needs``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.db import transaction

from maillage.execution.dates import PARIS
from maillage.people.models import User
from maillage.territory.models import Territory
from maillage.tokens.models import ApiToken
from maillage.tokens.services import issue_token, revoke_token

DEMO_NOW = dt.datetime(2026, 11, 30, 9, 0, tzinfo=PARIS)
TOKENS = (
    # (user key, name, scopes, days before the demo's Monday, last used days before, revoked)
    ("buyer", "Logiciel d’achats de la mairie", "read,needs,quotes", 20, 1, False),
    ("buyer", "Essai (clé diffusée par erreur)", "read", 25, 24, True),
    ("buyer2", "Tableur de suivi des factures", "read,invoices", 12, 3, False),
    ("worker", "Agenda personnel", "read,timesheets", 9, 0, False),
)


def build(*, territory: Territory, users: Mapping[str, User]) -> bool:
    """Add the demo's tokens; False when they are already there."""
    names = {name for _key, name, *_rest in TOKENS}
    if ApiToken.objects.filter(name__in=names, user__in=list(users.values())).exists():
        return False
    added = False
    with transaction.atomic():
        for key, name, scopes, made, used, revoked in TOKENS:
            user = users.get(key)
            if user is None:
                continue
            issued = issue_token(
                user=user,
                name=name,
                scopes=scopes,
                days=180,
                now=DEMO_NOW - dt.timedelta(days=made),
            )
            ApiToken.objects.filter(pk=issued.token.pk).update(
                last_used_at=DEMO_NOW - dt.timedelta(days=used, hours=3)
            )
            if revoked:
                revoke_token(token=issued.token, by=user, now=DEMO_NOW - dt.timedelta(days=23))
            added = True
    return added
