"""Reads of absences and proposals for the pages (an object, or None when not visible)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from maillage.absences.access import absences_visible_to, proposals_visible_to
from maillage.absences.models import Absence, ProposalLine, ReplacementProposal
from maillage.execution.access import buyer_occurrences
from maillage.execution.models import Occurrence
from maillage.missions.access import missions_bought_by
from maillage.missions.models import Mission
from maillage.people.access import Viewer


def absence_list(user: Viewer) -> QuerySet[Absence]:
    """Visible absences, each with how many of its occurrences are still to replace."""
    waiting = (
        Occurrence.objects.filter(
            worker=OuterRef("worker"),
            state="to_replace",
            date__gte=OuterRef("first_day"),
            date__lte=OuterRef("last_day"),
        )
        .values("worker")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        absences_visible_to(user)
        .select_related("worker__user", "worker__territory")
        .annotate(to_replace=Coalesce(Subquery(waiting), 0))
        .order_by("-first_day", "-pk")
    )


def visible_absence(user: Viewer, pk: int) -> Absence | None:
    return absences_visible_to(user).select_related("worker__user").filter(pk=pk).first()


def absence_occurrences(absence: Absence) -> list[Occurrence]:
    """The absent worker's rows of those days: current ones and those replaced."""
    return list(
        Occurrence.objects.filter(
            worker_id=absence.worker_id,
            date__gte=absence.first_day,
            date__lte=absence.last_day,
            state__in=("planned", "to_replace", "cancelled", "done", "replaced"),
        )
        .select_related("mission", "replaced_by__worker__user")
        .order_by("starts_at", "pk")
    )


def visible_proposal(user: Viewer, pk: int) -> ReplacementProposal | None:
    return (
        proposals_visible_to(user)
        .select_related("absence__worker__user")
        .prefetch_related(
            Prefetch(
                "lines",
                queryset=ProposalLine.objects.select_related(
                    "occurrence__mission", "worker__user", "replacement"
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def buyer_occurrence(user: Viewer, pk: int) -> Occurrence | None:
    return buyer_occurrences(user).select_related("mission", "worker__user").filter(pk=pk).first()


def buyer_need(user: Viewer, pk: int) -> Mission | None:
    return missions_bought_by(user).select_related("buyer").filter(pk=pk).first()
