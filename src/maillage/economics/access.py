"""Who sees the economic model of a territory and who issues a new version of it.

Coordinators see and change it; union representatives see it (governance watches the
cooperative's economics); admins everywhere.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.access import Viewer, territories_with_role
from maillage.people.models import Role
from maillage.territory.models import Territory

VIEW_ROLES = (Role.COORDINATOR, Role.UNION_REP)


def territories_visible_to(user: Viewer) -> QuerySet[Territory]:
    """Territories whose economic model the user may read."""
    return territories_with_role(user, *VIEW_ROLES)


def can_edit(user: Viewer, territory: Territory) -> bool:
    """Only a coordinator of the territory (or an admin) issues a new version."""
    return territories_with_role(user, Role.COORDINATOR).filter(pk=territory.pk).exists()
