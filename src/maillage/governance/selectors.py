"""Reads of proposals and decisions; None when the user may not see them."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.governance.access import governance_territories, proposals_visible_to
from maillage.governance.models import Decision, Proposal
from maillage.people.access import Viewer
from maillage.territory.models import Territory


def visible_proposal(user: Viewer, pk: int) -> Proposal | None:
    """The proposal, or None when it does not exist or the user may not see it."""
    return (
        proposals_visible_to(user)
        .select_related("territory", "created_by", "statutes")
        .filter(pk=pk)
        .first()
    )


def followed_territory(user: Viewer, pk: int) -> Territory | None:
    """A territory whose steering the user follows, or None."""
    return governance_territories(user).filter(pk=pk).first()


def decisions_of(territory: Territory) -> QuerySet[Decision]:
    """The decisions of a territory, latest first (public: the observatory shows them)."""
    return (
        Decision.objects.filter(territory=territory)
        .select_related("proposal", "charter", "statutes")
        .order_by("-decided_at", "-pk")
    )
