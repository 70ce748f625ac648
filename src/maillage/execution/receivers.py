"""Receivers of the signals that lower layers send (connected in ExecutionConfig.ready)."""

from __future__ import annotations

from maillage.consolidation.models import PlanVersion
from maillage.execution.services import expand_published_plan
from maillage.people.models import User


def expand_on_publish(sender, *, version: PlanVersion, by: User | None = None, **kwargs) -> None:
    """A published plan is dated at once, in the publishing transaction."""
    expand_published_plan(version=version, by=by)
