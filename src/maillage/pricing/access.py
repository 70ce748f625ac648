"""Who may read and issue a charter, issue a quote, read it and answer it.

Coordinators keep the charter of the territories they coordinate and issue quotes on their
needs; union representatives read the charter of their territory and its history, and they
and the coordinators propose a change of it (to the colleges' vote: maillage.governance); a
quote is seen by whoever sees its need; only a buyer of the need's organisation accepts or
refuses it.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.missions.access import missions_visible_to
from maillage.missions.models import Mission
from maillage.people.access import (
    Viewer,
    buys_for,
    coordinates,
    territories_coordinated_by,
    territories_with_role,
)
from maillage.people.models import Role
from maillage.pricing.models import Charter, Quote
from maillage.territory.models import Territory


def charter_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose charter the user reads and issues: those they coordinate."""
    return territories_coordinated_by(user)


def charters_visible_to(user: Viewer) -> QuerySet[Charter]:
    """Every version of the charters of the territories the user coordinates."""
    return Charter.objects.filter(territory__in=territories_coordinated_by(user))


def charter_reader_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose charter the user reads: coordinated, or where they represent a union."""
    return territories_with_role(user, Role.COORDINATOR, Role.UNION_REP)


def charters_readable_by(user: Viewer) -> QuerySet[Charter]:
    """Every version of the charters the user reads (coordinators and union representatives)."""
    return Charter.objects.filter(territory__in=charter_reader_territories(user))


def can_propose_charter(user: Viewer, territory: Territory) -> bool:
    """Coordinators and union representatives of the territory propose a new version (it
    comes into force only if the colleges adopt it)."""
    return charter_reader_territories(user).filter(pk=territory.pk).exists()


def can_edit_charter(user: Viewer, territory: Territory) -> bool:
    """Only a coordinator of the territory issues a new version of its charter."""
    return coordinates(user, territory.pk)


def can_issue_quote(user: Viewer, mission: Mission) -> bool:
    """Only a coordinator of the need's territory prices it."""
    return coordinates(user, mission.territory_id)


def quotes_visible_to(user: Viewer) -> QuerySet[Quote]:
    """Quotes of the needs the user may see (their buyer's, or their territory's)."""
    return Quote.objects.filter(mission__in=missions_visible_to(user))


def can_accept_quote(user: Viewer, quote: Quote) -> bool:
    """Only someone who buys for the need's organisation accepts its quote."""
    return buys_for(user, quote.mission.buyer_id)


def can_refuse_quote(user: Viewer, quote: Quote) -> bool:
    """Whoever may accept a quote may refuse it."""
    return can_accept_quote(user, quote)
