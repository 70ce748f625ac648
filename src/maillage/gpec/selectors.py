"""Reads of GPEC territories and jobs; None when the user may not see them."""

from __future__ import annotations

from maillage.gpec.access import dashboard_territories, jobs_visible_to
from maillage.gpec.models import GpecJob
from maillage.people.access import Viewer
from maillage.territory.models import Territory


def dashboard_territory(user: Viewer, slug: str) -> Territory | None:
    """The territory, or None when it does not exist or the user has no audience on it."""
    return dashboard_territories(user).filter(slug=slug).first()


def visible_job(user: Viewer, pk: int) -> GpecJob | None:
    """The job, or None when it does not exist or is not for the user's audience."""
    return jobs_visible_to(user).select_related("territory").filter(pk=pk).first()
