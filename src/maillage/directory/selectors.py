"""Reads of the directory: structures of a territory, their latest diagnosis, the map."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from maillage.directory.access import territories_visible_to
from maillage.directory.models import DiagnosisAnswer, Structure
from maillage.people.access import Viewer
from maillage.territory.models import Commune, Territory


def visible_territory(user: Viewer, slug: str) -> Territory | None:
    return territories_visible_to(user).filter(slug=slug).first()


def structures_of(territory: Territory, *, kind: str = "") -> QuerySet[Structure]:
    """Structures with their commune and their answers, newest answer first."""
    structures = Structure.objects.filter(territory=territory).select_related("commune")
    if kind:
        structures = structures.filter(kind=kind)
    return structures.prefetch_related(
        Prefetch(
            "diagnosis_answers", queryset=DiagnosisAnswer.objects.order_by("-answered_at", "-pk")
        )
    ).order_by("commune__epci_name", "commune__name", "name")


def latest_answers(territory: Territory) -> list[DiagnosisAnswer]:
    """The latest answer of each structure of the territory that answered."""
    latest: dict[int, DiagnosisAnswer] = {}
    for answer in (
        DiagnosisAnswer.objects.filter(structure__territory=territory)
        .select_related("structure__commune")
        .order_by("structure_id", "-answered_at", "-pk")
    ):
        latest.setdefault(answer.structure_id, answer)
    return list(latest.values())


@dataclass(frozen=True)
class CommunePoint:
    commune: Commune
    count: int


def map_points(structures: list[Structure]) -> tuple[list[CommunePoint], list[Commune]]:
    """Structures counted by commune; the communes without coordinates apart (decision 0001)."""
    counts = Counter(s.commune_id for s in structures)
    communes = {s.commune_id: s.commune for s in structures}
    located = [
        CommunePoint(communes[pk], count)
        for pk, count in counts.items()
        if communes[pk].latitude is not None
    ]
    unlocated = [communes[pk] for pk in counts if communes[pk].latitude is None]
    return sorted(located, key=lambda p: p.commune.name), unlocated
