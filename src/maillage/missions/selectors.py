"""Reads of needs that several apps share; None when the user may not see the need."""

from __future__ import annotations

from maillage.missions.access import missions_visible_to
from maillage.missions.models import Mission
from maillage.people.access import Viewer


def visible_mission(user: Viewer, pk: int) -> Mission | None:
    """The need, or None when it does not exist or the user may not see it."""
    return missions_visible_to(user).select_related("buyer", "territory").filter(pk=pk).first()
