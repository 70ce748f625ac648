"""Who reads the territory's directory and who changes it.

Coordinators add structures, import them and record diagnosis answers; union
representatives, trainers and tiers-lieu managers of the territory read the directory.
"""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.access import Viewer, territories_with_role
from maillage.people.models import Role
from maillage.territory.models import Territory

VIEW_ROLES = (Role.COORDINATOR, Role.UNION_REP, Role.TRAINER, Role.THIRD_PLACE_MANAGER)


def territories_visible_to(user: Viewer) -> QuerySet[Territory]:
    return territories_with_role(user, *VIEW_ROLES)


def can_edit(user: Viewer, territory: Territory) -> bool:
    return territories_with_role(user, Role.COORDINATOR).filter(pk=territory.pk).exists()
