"""Recording unpaid engagement: offers and their placements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from maillage.engagement.models import MAX_HOURS, Offer, Placement
from maillage.engagement.rules import check_placement
from maillage.missions.models import Mission
from maillage.people.models import Organisation, User
from maillage.territory.models import Territory


def create_offer(
    *,
    territory: Territory,
    kind: str,
    provider: str,
    description: str,
    hours_offered: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    lending_organisation: Organisation | None = None,
    by: User | None,
) -> Offer:
    """A new offer of sponsored or volunteered hours on a territory."""
    errors: dict[str, list[str]] = {}
    if not provider.strip():
        errors["provider"] = [_("Say who offers these hours.")]
    if not (Decimal(0) < hours_offered <= MAX_HOURS):
        errors["hours_offered"] = [_("Hours offered are more than 0 and at most 2000.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The offer ends after it starts.")]
    if lending_organisation is not None and lending_organisation.territory_id != territory.pk:
        errors["lending_organisation"] = [_("This organisation is not on the territory.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return Offer.objects.create(
            territory=territory,
            kind=kind,
            provider=provider.strip(),
            description=description,
            hours_offered=hours_offered,
            starts_on=starts_on,
            ends_on=ends_on,
            lending_organisation=lending_organisation,
            created_by=by,
        )


def place(
    *,
    offer: Offer,
    beneficiary: Organisation,
    mission: Mission | None,
    hours: Decimal,
    starts_on: dt.date,
    ends_on: dt.date,
    by: User | None,
) -> Placement:
    """Place hours of an offer with a structure; never on a paid need."""
    with transaction.atomic():
        offer = Offer.objects.select_for_update().get(pk=offer.pk)
        if mission is not None:
            # Lock the need: a quote accepted meanwhile waits, and is seen.
            mission = Mission.objects.select_for_update().get(pk=mission.pk)
        check_placement(
            offer=offer,
            beneficiary=beneficiary,
            mission=mission,
            hours=hours,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        return Placement.objects.create(
            offer=offer,
            kind=offer.kind,
            beneficiary=beneficiary,
            mission=mission,
            hours=hours,
            starts_on=starts_on,
            ends_on=ends_on,
            created_by=by,
        )
