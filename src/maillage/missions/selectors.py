"""Reads of needs that several apps share: which needs a user may see."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from maillage.missions.models import Mission
from maillage.people.models import Role, User
from maillage.people.roles import buyer_organisations, territories_for


def visible_missions(user: User) -> QuerySet[Mission]:
    """Needs a user may see: their organisations' (as buyer) or their territories' (staff)."""
    return Mission.objects.filter(
        Q(buyer__in=buyer_organisations(user))
        | Q(territory__in=territories_for(user, Role.COORDINATOR))
    )


def get_visible_mission(user: User, pk: int) -> Mission:
    """The need, or 404 when it does not exist or the user may not see it."""
    try:
        return visible_missions(user).select_related("buyer", "territory").get(pk=pk)
    except Mission.DoesNotExist as exc:
        raise Http404 from exc
