"""Who sees which invoice, and who may issue, credit, record payments or give references.

A buyer sees the invoices addressed to the organisations they buy for, and nothing else; a
coordinator those of the territories they coordinate (and only they issue, credit and record
payments). Pages and services ask the same questions.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.invoicing.models import Invoice, InvoiceDraft
from maillage.missions.models import Mission
from maillage.people.access import (
    Viewer,
    buys_for,
    coordinates,
    organisations_buying_for,
    territories_coordinated_by,
)
from maillage.people.models import BuyerGroup, Role


def buyer_invoices(user: Viewer) -> QuerySet[Invoice]:
    """Invoices addressed to the organisations the user buys for."""
    if not user.is_authenticated:
        return Invoice.objects.none()
    return Invoice.objects.filter(buyer__in=organisations_buying_for(user))


def territory_invoices(user: Viewer) -> QuerySet[Invoice]:
    """Invoices of the territories the user coordinates (admins: all)."""
    if not user.is_authenticated:
        return Invoice.objects.none()
    return Invoice.objects.filter(territory__in=territories_coordinated_by(user))


def invoices_visible_to(user: Viewer) -> QuerySet[Invoice]:
    if not user.is_authenticated:
        return Invoice.objects.none()
    return Invoice.objects.filter(
        Q(buyer__in=organisations_buying_for(user))
        | Q(territory__in=territories_coordinated_by(user))
    )


def drafts_visible_to(user: Viewer) -> QuerySet[InvoiceDraft]:
    """Drafts are the coordinator's work: buyers see invoices once issued."""
    if not user.is_authenticated:
        return InvoiceDraft.objects.none()
    return InvoiceDraft.objects.filter(territory__in=territories_coordinated_by(user))


def can_invoice(user: Viewer, territory_id: int | None) -> bool:
    """A coordinator of the territory builds, issues and credits invoices, records payments."""
    return coordinates(user, territory_id)


def can_record_references(user: Viewer, mission: Mission) -> bool:
    """The need's buyer (or a coordinator) gives the public buyer's Chorus Pro references."""
    return buys_for(user, mission.buyer_id) or coordinates(user, mission.territory_id)


def can_set_group_invoicing(user: Viewer, group: BuyerGroup) -> bool:
    """The group's manager or a coordinator of its territory chooses how it is invoiced."""
    if not user.is_authenticated:
        return False
    if coordinates(user, group.territory_id):
        return True
    return group.memberships.filter(user=user, role=Role.GROUP_MANAGER).exists()
