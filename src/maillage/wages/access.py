"""Who sees the payroll exports, the employer groups' statements and the money dashboard.

- A coordinator of the territory runs and downloads its payroll exports, sees every
  statement and the full money dashboard.
- A member of an employer group (a buyer member of the organisation) sees only its own
  organisation's statements; the group's manager sees the statements of the group's members.
- A union representative of the territory sees aggregates only (export totals and the
  dashboard, each figure about fewer than 5 people hidden).
- Anybody else sees nothing.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.people.access import Viewer, coordinates, territories_with_role
from maillage.people.models import BuyerGroup, Membership, Role
from maillage.territory.models import Territory
from maillage.wages.models import GroupEmployment, GroupStatement, PayrollExport

#: The audiences of the export summaries and the dashboard.
COORDINATOR, AGGREGATE = "coordinator", "aggregate"


def export_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose payroll exports the user runs and reads line by line."""
    return territories_with_role(user, Role.COORDINATOR)


def can_run_export(user: Viewer, territory: Territory) -> bool:
    """Only a coordinator of the territory runs its payroll export."""
    return coordinates(user, territory.pk)


def can_employ_for_group(user: Viewer, group: BuyerGroup) -> bool:
    """Only a coordinator of the group's territory records who the group employs."""
    return coordinates(user, group.territory_id)


def exports_visible_to(user: Viewer) -> QuerySet[PayrollExport]:
    """Exports the user may read line by line: those of the territories they coordinate."""
    return PayrollExport.objects.filter(territory__in=export_territories(user))


def summary_territories(user: Viewer) -> QuerySet[Territory]:
    """Territories whose export totals and money dashboard the user may read."""
    return territories_with_role(user, Role.COORDINATOR, Role.UNION_REP)


def audience(user: Viewer, territory: Territory) -> str | None:
    """``coordinator`` (every figure), ``aggregate`` (small groups hidden) or None."""
    if coordinates(user, territory.pk):
        return COORDINATOR
    if territories_with_role(user, Role.UNION_REP).filter(pk=territory.pk).exists():
        return AGGREGATE
    return None


def summaries_visible_to(user: Viewer) -> QuerySet[PayrollExport]:
    """Exports whose totals the user may read (coordinators and union representatives)."""
    return PayrollExport.objects.filter(territory__in=summary_territories(user))


def statements_visible_to(user: Viewer) -> QuerySet[GroupStatement]:
    """Statements of the user's own organisations, of the groups they manage, and of the
    territories they coordinate."""
    if not user.is_authenticated:
        return GroupStatement.objects.none()
    own = Membership.objects.filter(user=user, role=Role.BUYER_MEMBER).values("organisation")
    managed = Membership.objects.filter(user=user, role=Role.GROUP_MANAGER).values("buyer_group")
    return GroupStatement.objects.filter(
        Q(member__in=own) | Q(group__in=managed) | Q(export__territory__in=export_territories(user))
    )


def can_see_statement(user: Viewer, statement: GroupStatement) -> bool:
    """The statement is among those the user may see."""
    return statements_visible_to(user).filter(pk=statement.pk).exists()


def employments_visible_to(user: Viewer) -> QuerySet[GroupEmployment]:
    """Group employments of the territories the user coordinates."""
    return GroupEmployment.objects.filter(group__territory__in=export_territories(user))


def employer_groups_for(user: Viewer) -> QuerySet[BuyerGroup]:
    """Employer groups the user may record employments for (their territories')."""
    return BuyerGroup.objects.filter(
        kind=BuyerGroup.Kind.EMPLOYER, territory__in=export_territories(user)
    )
