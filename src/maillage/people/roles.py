"""Who holds which role where: the questions every page and endpoint asks before answering."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.people.models import Membership, Organisation, Role, User
from maillage.territory.models import Territory


def roles_of(user: User) -> frozenset[str]:
    """The roles a user holds anywhere (cached on the user object for the request)."""
    cached = getattr(user, "_maillage_roles", None)
    if cached is None:
        cached = frozenset(Membership.objects.filter(user=user).values_list("role", flat=True))
        if user.is_superuser:
            cached = cached | {Role.ADMIN}
        user._maillage_roles = cached
    return cached


def has_role(user: User, role: str) -> bool:
    return user.is_authenticated and role in roles_of(user)


def buyer_organisations(user: User) -> QuerySet[Organisation]:
    """Organisations the user may act for as a buyer (own member, or manager of their group)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    direct = Membership.objects.filter(user=user, role=Role.BUYER_MEMBER).values("organisation")
    via_group = Membership.objects.filter(user=user, role=Role.GROUP_MANAGER).values(
        "buyer_group__members"
    )
    return Organisation.objects.filter(pk__in=direct.union(via_group)).order_by("name")


def territories_for(user: User, *roles: str) -> QuerySet[Territory]:
    """Territories on which the user holds one of `roles` (admins: all)."""
    if not user.is_authenticated:
        return Territory.objects.none()
    if has_role(user, Role.ADMIN):
        return Territory.objects.all()
    ids = Membership.objects.filter(user=user, role__in=roles).values("territory")
    return Territory.objects.filter(pk__in=ids)


def coordinated_territories(user: User) -> QuerySet[Territory]:
    return territories_for(user, Role.COORDINATOR)
