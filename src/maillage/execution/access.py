"""Who sees which dated work, and who may hold a calendar feed of it.

A worker sees their own occurrences; a buyer those of the needs of the organisations they
buy for (the worker's first name and skills, never their home); a coordinator those of the
territories they coordinate. Superseded rows are history and shown to no one.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.execution.models import CURRENT_STATES, FeedKind, FeedToken, Occurrence
from maillage.people.access import (
    Viewer,
    is_worker,
    organisations_buying_for,
    territories_coordinated_by,
)
from maillage.people.models import Organisation


def _current() -> QuerySet[Occurrence]:
    return Occurrence.objects.filter(state__in=CURRENT_STATES)


def own_occurrences(user: Viewer) -> QuerySet[Occurrence]:
    """The user's own work, as a worker."""
    if not user.is_authenticated:
        return Occurrence.objects.none()
    return _current().filter(worker__user=user)


def buyer_occurrences(user: Viewer) -> QuerySet[Occurrence]:
    """The work done for the organisations the user buys for."""
    if not user.is_authenticated:
        return Occurrence.objects.none()
    return _current().filter(mission__buyer__in=organisations_buying_for(user))


def territory_occurrences(user: Viewer) -> QuerySet[Occurrence]:
    """The work on the territories the user coordinates (admins: all)."""
    if not user.is_authenticated:
        return Occurrence.objects.none()
    return _current().filter(mission__territory__in=territories_coordinated_by(user))


def occurrences_visible_to(user: Viewer) -> QuerySet[Occurrence]:
    """Every occurrence the user may see, whatever the role they see it through."""
    if not user.is_authenticated:
        return Occurrence.objects.none()
    combined = own_occurrences(user) | buyer_occurrences(user) | territory_occurrences(user)
    return combined.distinct()


def can_have_feed(user: Viewer, *, kind: str, organisation: Organisation | None) -> bool:
    """A worker has a feed of their own work; a buyer one per organisation they buy for."""
    if not user.is_authenticated:
        return False
    if kind == FeedKind.WORKER:
        return is_worker(user)
    if kind == FeedKind.BUYER and organisation is not None:
        return organisations_buying_for(user).filter(pk=organisation.pk).exists()
    return False


def feed_still_allowed(feed: FeedToken) -> bool:
    """A feed answers only while its owner still holds the role it was made for."""
    return (
        feed.revoked_at is None
        and feed.user.is_active
        and can_have_feed(feed.user, kind=feed.kind, organisation=feed.organisation)
    )


def own_feed_tokens(user: Viewer) -> QuerySet[FeedToken]:
    if not user.is_authenticated:
        return FeedToken.objects.none()
    return FeedToken.objects.filter(user=user).select_related("organisation")
