"""The paid versus unpaid hours indicator of a territory, and the buyers drifting to unpaid.

Paid hours are the hours delivered under accepted quotes (needs not cancelled); sponsored and
volunteered hours are the placements' hours. The totals of a kind with fewer than 5
placements are hidden outside the coordinators (maillage.people.privacy).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from maillage.engagement.access import territories_visible_to
from maillage.engagement.models import EngagementKind, Offer, Placement
from maillage.missions.models import MissionState
from maillage.people.access import Viewer
from maillage.people.models import Organisation
from maillage.people.privacy import is_small
from maillage.pricing.models import Charter, Quote, QuoteState
from maillage.territory.models import Territory

DEFAULT_THRESHOLD = Decimal("0.25")


def visible_territory(user: Viewer, slug: str) -> Territory | None:
    return territories_visible_to(user).filter(slug=slug).first()


def offers_of(territory: Territory) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(territory=territory)
        .annotate(placed=Sum("placements__hours"))
        .order_by("-starts_on", "pk")
    )


def placements_of(territory: Territory) -> QuerySet[Placement]:
    return (
        Placement.objects.filter(offer__territory=territory)
        .select_related("offer", "beneficiary", "mission")
        .order_by("-starts_on", "pk")
    )


@dataclass(frozen=True)
class BuyerDrift:
    organisation: Organisation
    paid: Decimal
    unpaid: Decimal
    unpaid_share: Decimal


@dataclass(frozen=True)
class Indicator:
    paid_hours: Decimal
    sponsored_hours: Decimal | None  # None: hidden (fewer than 5 placements)
    volunteered_hours: Decimal | None
    unpaid_share: Decimal | None
    threshold: Decimal
    drifting_buyers: list[BuyerDrift]


def _share(part: Decimal, whole: Decimal) -> Decimal | None:
    if whole <= 0:
        return None
    return (part / whole).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def threshold_of(territory: Territory) -> Decimal:
    """The charter's threshold in force today (the default without a charter)."""
    charter = Charter.objects.in_force_on(territory, timezone.localdate())
    return charter.unpaid_engagement_threshold if charter else DEFAULT_THRESHOLD


def indicator(territory: Territory, *, coordinator: bool) -> Indicator:
    """Paid against sponsored and volunteered hours; buyers above the charter's threshold
    (named for coordinators only)."""
    paid_by_buyer: dict[int, Decimal] = defaultdict(Decimal)
    for buyer_id, hours in (
        Quote.objects.filter(mission__territory=territory, state=QuoteState.ACCEPTED)
        .exclude(mission__state=MissionState.CANCELLED)
        .values_list("mission__buyer_id", "delivered_hours")
    ):
        paid_by_buyer[buyer_id] += hours
    unpaid_by_buyer: dict[int, Decimal] = defaultdict(Decimal)
    by_kind: dict[str, tuple[Decimal, int]] = {}
    rows = (
        Placement.objects.filter(offer__territory=territory)
        .values("kind", "beneficiary_id")
        .annotate(hours=Sum("hours"), count=Count("pk"))
    )
    for row in rows:
        unpaid_by_buyer[row["beneficiary_id"]] += row["hours"]
        hours, count = by_kind.get(row["kind"], (Decimal(0), 0))
        by_kind[row["kind"]] = (hours + row["hours"], count + row["count"])

    def total(kind: str) -> Decimal | None:
        hours, count = by_kind.get(kind, (Decimal(0), 0))
        return None if (not coordinator and is_small(count)) else hours

    paid = sum(paid_by_buyer.values(), Decimal(0))
    unpaid = sum(unpaid_by_buyer.values(), Decimal(0))
    sponsored, volunteered = total(EngagementKind.SPONSORSHIP), total(EngagementKind.VOLUNTEERING)
    threshold = threshold_of(territory)
    drifting: list[BuyerDrift] = []
    if coordinator:
        names = Organisation.objects.in_bulk(list(unpaid_by_buyer))
        for buyer_id, hours in unpaid_by_buyer.items():
            share = _share(hours, hours + paid_by_buyer.get(buyer_id, Decimal(0)))
            if share is not None and share > threshold:
                drifting.append(
                    BuyerDrift(
                        names[buyer_id], paid_by_buyer.get(buyer_id, Decimal(0)), hours, share
                    )
                )
        drifting.sort(key=lambda drift: (-drift.unpaid_share, drift.organisation.name))
    hidden = sponsored is None or volunteered is None
    return Indicator(
        paid_hours=paid,
        sponsored_hours=sponsored,
        volunteered_hours=volunteered,
        unpaid_share=None if hidden else _share(unpaid, paid + unpaid),
        threshold=threshold,
        drifting_buyers=drifting,
    )
