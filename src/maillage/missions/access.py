"""Who may see a need and who may post one: buyers for their organisations, coordinators
for their territories."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.missions.models import Mission
from maillage.people.access import (
    Viewer,
    buys_for,
    organisations_buying_for,
    territories_coordinated_by,
)
from maillage.people.models import Organisation, Role, User


def missions_visible_to(user: Viewer) -> QuerySet[Mission]:
    """Needs a user may see: their organisations' (as buyer) or their territories' (staff)."""
    return Mission.objects.filter(
        Q(buyer__in=organisations_buying_for(user))
        | Q(territory__in=territories_coordinated_by(user))
    )


def missions_bought_by(user: Viewer) -> QuerySet[Mission]:
    """Needs of the organisations the user buys for: the buyer's own list."""
    return Mission.objects.filter(buyer__in=organisations_buying_for(user))


def missions_coordinated_by(user: Viewer) -> QuerySet[Mission]:
    """Needs of the territories the user coordinates: the coordinator's own list."""
    return Mission.objects.filter(territory__in=territories_coordinated_by(user))


def can_see_mission(user: Viewer, mission: Mission) -> bool:
    """The need is one the user buys for or coordinates."""
    return missions_visible_to(user).filter(pk=mission.pk).exists()


def can_post_need(user: Viewer, buyer: Organisation) -> bool:
    """Only someone who buys for the organisation posts a need in its name."""
    return buys_for(user, buyer.pk)


def can_change_need(user: Viewer, mission: Mission) -> bool:
    """Only someone who buys for the need's organisation edits, copies or submits it."""
    return buys_for(user, mission.buyer_id)


def coordinators_of(territory_id: int) -> QuerySet[User]:
    """The active coordinators of a territory: who is told about its needs and reviews."""
    return User.objects.filter(
        is_active=True,
        memberships__role=Role.COORDINATOR,
        memberships__territory_id=territory_id,
    ).distinct()
