"""Who sees and handles absences, replacements and cancellations.

A worker declares and withdraws their own absences; the territory's coordinators see every
absence of their workers (kind, dates, note) and handle the replacement proposals. Buyers
never see an absence: their week only shows an occurrence "to replace", then who replaces.
A buyer cancels the occurrences and needs of the organisations they buy for.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from maillage.absences.models import Absence, ReplacementProposal
from maillage.execution.models import Occurrence
from maillage.missions.models import Mission
from maillage.people.access import Viewer, buys_for, coordinates, territories_coordinated_by
from maillage.people.models import WorkerProfile


def absences_visible_to(user: Viewer) -> QuerySet[Absence]:
    """The user's own absences and those of the workers of the territories they coordinate."""
    if not user.is_authenticated:
        return Absence.objects.none()
    return Absence.objects.filter(
        Q(worker__user=user) | Q(worker__territory__in=territories_coordinated_by(user))
    )


def can_declare_for(user: Viewer, worker: WorkerProfile) -> bool:
    """A worker for themself; a coordinator for a worker of their territory."""
    if not user.is_authenticated:
        return False
    return worker.user_id == user.pk or coordinates(user, worker.territory_id)


def can_withdraw(user: Viewer, absence: Absence) -> bool:
    return can_declare_for(user, absence.worker)


def can_handle_replacements(user: Viewer, absence: Absence) -> bool:
    """Coordinators of the absent worker's territory ask for and confirm replacements."""
    return coordinates(user, absence.worker.territory_id)


def proposals_visible_to(user: Viewer) -> QuerySet[ReplacementProposal]:
    if not user.is_authenticated:
        return ReplacementProposal.objects.none()
    return ReplacementProposal.objects.filter(territory__in=territories_coordinated_by(user))


def can_cancel_occurrence(user: Viewer, occurrence: Occurrence) -> bool:
    """A buyer of the organisation the work is for."""
    return buys_for(user, occurrence.mission.buyer_id)


def can_cancel_need(user: Viewer, mission: Mission) -> bool:
    return buys_for(user, mission.buyer_id)
