"""Who may read the steering's proposals, put one on the agenda, run its lifecycle, record the
union college's opinion, and vote.

- Coordinators of a territory run its proposals (discussion, vote, withdrawal) and seat
  members in its colleges; union representatives of the territory read everything, may put
  a proposal on the agenda and record the union college's opinion; every seated member reads
  the proposals of their territory and votes. Admins act everywhere.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.governance.models import CollegeMembership, Proposal
from maillage.people.access import Viewer, coordinates, territories_with_role
from maillage.people.models import Role
from maillage.territory.models import Territory


def governance_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose steering the user follows: coordinated, union rep, or seated."""
    if not user.is_authenticated:
        return Territory.objects.none()
    roles = territories_with_role(user, Role.COORDINATOR, Role.UNION_REP).order_by().values("pk")
    seats = CollegeMembership.objects.filter(user=user).order_by().values("territory")
    return Territory.objects.filter(pk__in=roles.union(seats))


def proposals_visible_to(user: Viewer) -> QuerySet[Proposal]:
    """Every proposal of the territories whose steering the user follows."""
    return Proposal.objects.filter(territory__in=governance_territories(user))


def can_propose(user: Viewer, territory: Territory) -> bool:
    """Coordinators and union representatives of the territory put proposals on the agenda."""
    return (
        territories_with_role(user, Role.COORDINATOR, Role.UNION_REP)
        .filter(pk=territory.pk)
        .exists()
    )


def can_run(user: Viewer, proposal: Proposal) -> bool:
    """A coordinator of the territory opens the discussion and the vote, or withdraws."""
    return coordinates(user, proposal.territory_id)


def can_withdraw(user: Viewer, proposal: Proposal) -> bool:
    """Its author or a coordinator of the territory withdraws a proposal."""
    return user.is_authenticated and (
        proposal.created_by_id == user.pk or coordinates(user, proposal.territory_id)
    )


def can_record_opinion(user: Viewer, proposal: Proposal) -> bool:
    """A union representative of the territory records the union college's opinion."""
    return territories_with_role(user, Role.UNION_REP).filter(pk=proposal.territory_id).exists()


def can_seat_members(user: Viewer, territory: Territory) -> bool:
    """Coordinators seat members in the colleges of their territory."""
    return coordinates(user, territory.pk)


def pay_indicator_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose aggregated pay indicators the user reads: union reps, coordinators."""
    return territories_with_role(user, Role.COORDINATOR, Role.UNION_REP)
