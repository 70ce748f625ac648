"""Who may invite, grant and withdraw roles, create territories and approve worker profiles."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.people.models import Membership, Organisation, Role, User
from maillage.people.roles import buyer_organisations, coordinated_territories, has_role
from maillage.territory.models import Territory

from .models import Invitation, ProfileReview

#: Roles a coordinator offers on their territory; a buyer member offers only its own.
COORDINATOR_INVITES = frozenset({Role.WORKER, Role.BUYER_MEMBER, Role.UNION_REP, Role.COORDINATOR})


def coordinates(user: User, territory: Territory | None) -> bool:
    return territory is not None and coordinated_territories(user).filter(pk=territory.pk).exists()


def may_offer(
    user: User, *, role: str, organisation: Organisation | None, territory: Territory | None
) -> bool:
    """May `user` grant `role` on this scope (by invitation or from the roles page)?"""
    if role == Role.BUYER_MEMBER:
        if organisation is None:
            return False
        if buyer_organisations(user).filter(pk=organisation.pk).exists():
            return True
        return coordinates(user, organisation.territory)
    if role in COORDINATOR_INVITES:
        return coordinates(user, territory)
    return False


def may_create_territory(user: User) -> bool:
    """Coordinators (of any territory) and administrators open a new territory."""
    return has_role(user, Role.COORDINATOR) or has_role(user, Role.ADMIN)


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """Invitations into the user's organisations or onto the territories they coordinate."""
    territories = coordinated_territories(user)
    return Invitation.objects.filter(
        Q(organisation__in=buyer_organisations(user))
        | Q(territory__in=territories)
        | Q(organisation__territory__in=territories)
    ).distinct()


def memberships_manageable_by(user: User) -> QuerySet[Membership]:
    """Roles the user may withdraw: colleagues of their organisations, roles on their
    territories (and in the organisations of those territories)."""
    territories = coordinated_territories(user)
    return (
        (
            Membership.objects.filter(
                role=Role.BUYER_MEMBER, organisation__in=buyer_organisations(user)
            )
            | Membership.objects.filter(
                role__in=list(COORDINATOR_INVITES - {Role.BUYER_MEMBER}), territory__in=territories
            )
            | Membership.objects.filter(
                role=Role.BUYER_MEMBER, organisation__territory__in=territories
            )
        )
        .distinct()
        .select_related("user", "organisation", "territory")
    )


def reviews_visible_to(user: User) -> QuerySet[ProfileReview]:
    return ProfileReview.objects.filter(
        profile__territory__in=coordinated_territories(user)
    ).select_related("profile__user", "profile__home_commune", "profile__territory")
