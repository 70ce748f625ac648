"""The demo's onboarding (issue 13): invitations under way and a worker profile to approve.

- the buyer has invited a colleague (pending) and revoked a mistaken invitation;
- the coordinator has invited a union representative (pending) and a new worker, who
  accepted, completed a profile in Mérignac and submitted it: the coordinator@ login finds
  it under "Worker profiles to approve".

No real people: the addresses are on the demo domain. Does nothing when already there.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from maillage.accounts import services
from maillage.accounts.models import Invitation
from maillage.demo.context import DEMO_EMAIL_DOMAIN
from maillage.people.models import Membership, Role, User
from maillage.territory.models import Commune, Territory

NEW_WORKER = f"nouvelle.artisane@{DEMO_EMAIL_DOMAIN}"


def build(*, territory: Territory, users: Mapping[str, User]) -> bool:
    """Add the invitations and the profile to approve; False when they are already there."""
    coordinator, buyer = users["coordinator"], users["buyer"]
    if Invitation.objects.filter(email=NEW_WORKER).exists():
        return False
    organisation = (
        Membership.objects.filter(user=buyer, role=Role.BUYER_MEMBER)
        .select_related("organisation")
        .first()
    )
    with transaction.atomic():
        if organisation is not None and organisation.organisation is not None:
            services.invite(
                by=buyer,
                email=f"secretariat.mairie@{DEMO_EMAIL_DOMAIN}",
                role=Role.BUYER_MEMBER,
                organisation=organisation.organisation,
            )
            mistaken, _token = services.invite(
                by=buyer,
                email=f"erreur.de.frappe@{DEMO_EMAIL_DOMAIN}",
                role=Role.BUYER_MEMBER,
                organisation=organisation.organisation,
            )
            services.revoke_invitation(invitation=mistaken, by=buyer)
        services.invite(
            by=coordinator,
            email=f"representant.syndical@{DEMO_EMAIL_DOMAIN}",
            role=Role.UNION_REP,
            territory=territory,
        )
        invitation, _token = services.invite(
            by=coordinator, email=NEW_WORKER, role=Role.WORKER, territory=territory
        )
        worker = services.join_by_invitation(
            invitation=invitation, password=None, first_name="Maëlle", last_name="Lacoste"
        )
        home = (
            territory.communes.filter(name="Mérignac").first()
            or territory.communes.order_by("insee_code").first()
            or Commune.objects.order_by("insee_code").first()
        )
        if home is None:
            raise ValueError("The demo territory has no commune.")
        profile = services.save_worker_profile(
            user=worker,
            territory=territory,
            home_commune=home,
            travel_mode="bike",
            max_km=15,
            wished_weekly_minutes=24 * 60,
            max_weekly_minutes=30 * 60,
        )
        services.submit_profile(profile=profile, by=worker)
    return True
