"""Reads of charters and quotes; None when the user may not see them."""

from __future__ import annotations

from maillage.people.access import Viewer
from maillage.pricing.access import charter_territories, charters_visible_to, quotes_visible_to
from maillage.pricing.models import Charter, Quote
from maillage.territory.models import Territory


def visible_charter(user: Viewer, pk: int) -> Charter | None:
    """The charter version, or None when it does not exist or the user may not read it."""
    return charters_visible_to(user).filter(pk=pk).first()


def charter_territory(user: Viewer, pk: int) -> Territory | None:
    """A territory whose charter the user keeps, or None."""
    return charter_territories(user).filter(pk=pk).first()


def visible_quote(user: Viewer, pk: int) -> Quote | None:
    """The quote, or None when it does not exist or its need is not visible to the user."""
    return quotes_visible_to(user).select_related("charter", "mission").filter(pk=pk).first()
