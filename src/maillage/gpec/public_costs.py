"""Public costs avoided when consolidated work replaces benefits (OpenFisca-France).

Only households whose worker gave explicit, dated consent are read. For each one, RSA and
prime d'activité are computed *before* (the declared current earnings) and *after* (the
salaried pay of the worker's hours in the current published plan, which replaces their own
earnings; a partner's earnings stay the same), in ONE vectorised OpenFisca simulation holding
every household twice. Earnings are set for the three months before the month computed and
that month itself, since both benefits look at the previous quarter's resources.

Simplifications (docs/decisions/gpec-indicators.md): no housing benefit, no other income or
assets, the household rents without declared rent, children are 8 years old, the hourly wage
is the mean gross hourly pay of the territory's accepted quotes (the SMIC when there are none).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg

from maillage.consolidation.models import PlanAssignment, PlanVersion
from maillage.gpec.models import HouseholdSituation
from maillage.payroll import iso_month, monthly_hours, smic_hourly, tax_benefit_system
from maillage.people.privacy import Cell, people_cell
from maillage.pricing.models import Quote, QuoteState

CENT = Decimal("0.01")


@dataclass(frozen=True)
class HouseholdCase:
    """One household, before and after: the inputs of the simulation."""

    couple: bool
    children: int
    birth_year: int
    earnings_before: Decimal  # the worker's gross monthly earnings now
    earnings_after: Decimal  # the worker's gross monthly salaried pay in the plan
    partner_earnings: Decimal


@dataclass(frozen=True)
class Benefits:
    rsa: Decimal
    prime_activite: Decimal

    @property
    def total(self) -> Decimal:
        return self.rsa + self.prime_activite


def _months_up_to(month: str) -> list[str]:
    year, number = (int(part) for part in month.split("-"))
    months = []
    for back in (3, 2, 1, 0):
        m = number - back
        y = year + (m - 1) // 12
        m = (m - 1) % 12 + 1
        months.append(f"{y:04d}-{m:02d}")
    return months


def compute_benefits(*, month: str, cases: list[HouseholdCase]) -> list[tuple[Benefits, Benefits]]:
    """(before, after) RSA and prime d'activité of each household, one simulation for all."""
    from openfisca_core.simulation_builder import SimulationBuilder

    if not cases:
        return []
    months = _months_up_to(month)
    persons, families, tax_households, households = {}, {}, {}, {}
    for index, case in enumerate(cases):
        for moment, earnings in (("before", case.earnings_before), ("after", case.earnings_after)):
            key = f"{moment}{index}"
            head = f"{key}_worker"
            persons[head] = {
                "date_naissance": {"ETERNITY": f"{case.birth_year}-01-01"},
                "salaire_de_base": {m: float(earnings) for m in months},
            }
            parents, children = [head], []
            if case.couple:
                partner = f"{key}_partner"
                persons[partner] = {
                    "date_naissance": {"ETERNITY": f"{case.birth_year}-01-01"},
                    "salaire_de_base": {m: float(case.partner_earnings) for m in months},
                }
                parents.append(partner)
            for child in range(case.children):
                name = f"{key}_child{child}"
                birth = int(month[:4]) - 8
                persons[name] = {"date_naissance": {"ETERNITY": f"{birth}-01-01"}}
                children.append(name)
            families[key] = {"parents": parents, "enfants": children}
            tax_households[key] = {
                "declarants": parents,
                "personnes_a_charge": children,
            }
            households[key] = {
                "personne_de_reference": [head],
                "conjoint": parents[1:],
                "enfants": children,
                "statut_occupation_logement": {month: "locataire_vide"},
            }
    simulation = SimulationBuilder().build_from_entities(
        tax_benefit_system(),
        {
            "individus": persons,
            "familles": families,
            "foyers_fiscaux": tax_households,
            "menages": households,
        },
    )
    rsa = simulation.calculate("rsa", month)
    ppa = simulation.calculate("ppa", month)
    order = list(families)  # families are in insertion order: before0, after0, before1...

    def benefits(key: str) -> Benefits:
        position = order.index(key)
        return Benefits(_cents(rsa[position]), _cents(ppa[position]))

    return [(benefits(f"before{i}"), benefits(f"after{i}")) for i in range(len(cases))]


def _cents(value) -> Decimal:
    return Decimal(str(float(value))).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass
class PublicCosts:
    month: str
    households: int
    hourly_gross: Decimal
    benefits_before: Decimal  # a month, all consenting households
    benefits_after: Decimal
    avoided_per_month: Decimal

    @property
    def households_cell(self) -> Cell:
        return people_cell(self.households)


def hourly_gross_of(territory, month: str) -> tuple[Decimal, str]:
    """Mean gross hourly pay of the accepted quotes (or the SMIC of `month`), and which."""
    mean = Quote.objects.filter(mission__territory=territory, state=QuoteState.ACCEPTED).aggregate(
        mean=Avg("hourly_gross")
    )["mean"]
    if mean:
        return Decimal(str(mean)).quantize(CENT, rounding=ROUND_HALF_UP), "quotes"
    return smic_hourly(month), "smic"


def public_costs_avoided(*, published: PlanVersion) -> PublicCosts:
    """Benefits no longer needed a month by the consenting workers of the published plan."""
    month = iso_month(published.period_start)
    hourly, _source = hourly_gross_of(published.territory, month)
    weekly: dict[int, int] = {}
    for worker_id, minutes in PlanAssignment.objects.filter(version=published).values_list(
        "worker_id", "weekly_minutes"
    ):
        weekly[worker_id] = weekly.get(worker_id, 0) + minutes
    situations = list(
        HouseholdSituation.objects.filter(
            worker__territory=published.territory, consent=True, consented_on__isnull=False
        ).order_by("pk")
    )
    cases = [
        HouseholdCase(
            couple=s.kind == HouseholdSituation.Kind.COUPLE,
            children=s.children,
            birth_year=s.birth_year,
            earnings_before=s.monthly_gross_earnings,
            # No hours in the plan: nothing changes for this household.
            earnings_after=(
                (monthly_hours(Decimal(weekly[s.worker_id]) / 60) * hourly).quantize(
                    CENT, rounding=ROUND_HALF_UP
                )
                if weekly.get(s.worker_id)
                else s.monthly_gross_earnings
            ),
            partner_earnings=s.partner_monthly_gross_earnings,
        )
        for s in situations
    ]
    results = compute_benefits(month=month, cases=cases)
    before = sum((b.total for b, _a in results), Decimal(0))
    after = sum((a.total for _b, a in results), Decimal(0))
    return PublicCosts(
        month=month,
        households=len(cases),
        hourly_gross=hourly,
        benefits_before=before,
        benefits_after=after,
        avoided_per_month=before - after,
    )
