"""Demand declared in the directory's diagnosis questionnaire, before any need is entered.

Each structure's latest answer gives the hours a week it could buy; they are placed in the
structure's commune (and its EPCI), and by the kinds of missions wanted (the hours are split
evenly between the kinds named). This "declared demand" sits beside the demand of the needs
(supply_demand.py), never added to it: a declaration is not a need, and counting both would
count twice the structures that later enter their needs.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from maillage.directory.selectors import latest_answers
from maillage.territory.models import Commune, Territory


@dataclass
class DeclaredDemand:
    minutes: int = 0
    structures: int = 0
    by_commune: dict[str, int] = field(default_factory=dict)  # INSEE code -> minutes a week
    by_kind: dict[str, int] = field(default_factory=dict)  # mission kind -> minutes a week
    offered_minutes: int = 0  # hours the structures could offer (premises, sponsorship...)
    communes: dict[str, Commune] = field(default_factory=dict)


def _minutes(hours: Decimal) -> int:
    return int((hours * 60).to_integral_value())


def declared_demand(territory: Territory) -> DeclaredDemand:
    """The hours a week the structures of the territory said they could buy, and where."""
    result = DeclaredDemand()
    by_commune: dict[str, int] = defaultdict(int)
    by_kind: dict[str, int] = defaultdict(int)
    for answer in latest_answers(territory):
        minutes = _minutes(answer.hours_to_buy_per_week)
        result.offered_minutes += _minutes(answer.hours_to_offer_per_week)
        if not minutes:
            continue
        result.structures += 1
        result.minutes += minutes
        commune = answer.structure.commune
        result.communes[commune.insee_code] = commune
        by_commune[commune.insee_code] += minutes
        kinds = answer.kinds_wanted or ["unspecified"]
        for kind in kinds:
            by_kind[kind] += minutes // len(kinds)
    result.by_commune = dict(by_commune)
    result.by_kind = dict(by_kind)
    return result


def add_declared_demand(report, areas) -> None:
    """Hook of ``supply_and_demand``: each area row gets the hours declared there
    (``declared_minutes``), and the report their total; areas without needs nor workers but
    with declarations appear too (so a territory can be assessed before any need)."""
    declared = declared_demand(report.territory)
    report.declared_demand_minutes = declared.minutes
    for code, minutes in declared.by_commune.items():
        for area in areas(declared.communes[code]):
            area.declared_minutes += minutes
