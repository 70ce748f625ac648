"""Reads of people; None when the user may not see them."""

from __future__ import annotations

from maillage.people.access import Viewer, workers_visible_to
from maillage.people.models import WorkerProfile


def visible_worker(user: Viewer, pk: int) -> WorkerProfile | None:
    """The worker profile, or None when it does not exist or the user may not see it."""
    return workers_visible_to(user).select_related("user", "territory").filter(pk=pk).first()
