"""Who records unpaid engagement and who reads the paid/unpaid indicator.

Coordinators record offers and placements of their territories; union representatives and
coordinators read the indicator (drift toward unpaid work is a governance matter).
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.access import Viewer, territories_with_role
from maillage.people.models import Role
from maillage.territory.models import Territory

VIEW_ROLES = (Role.COORDINATOR, Role.UNION_REP)


def territories_visible_to(user: Viewer) -> QuerySet[Territory]:
    return territories_with_role(user, *VIEW_ROLES)


def can_record(user: Viewer, territory: Territory) -> bool:
    return territories_with_role(user, Role.COORDINATOR).filter(pk=territory.pk).exists()
