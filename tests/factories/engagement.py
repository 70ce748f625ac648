"""Unpaid engagement offers and placements, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from maillage.engagement.services import create_offer, place

START = dt.date(2026, 11, 2)
END = dt.date(2026, 12, 18)


def offer(territory, *, kind="sponsorship", hours=D("40"), provider="Entreprise mécène"):
    return create_offer(
        territory=territory,
        kind=kind,
        provider=provider,
        description="Deux heures par semaine de maintenance de site",
        hours_offered=hours,
        starts_on=START,
        ends_on=END,
        by=None,
    )


def placement(the_offer, beneficiary, *, hours=D("10"), mission=None):
    return place(
        offer=the_offer,
        beneficiary=beneficiary,
        mission=mission,
        hours=hours,
        starts_on=START,
        ends_on=END,
        by=None,
    )
