"""The demo's economic model, directory and unpaid engagement (issue 16).

- the three phases' assumptions (seed from January 2026 with a second version from June,
  development and running from September), so that past months are computed from the version
  of their month;
- about thirty structures of the real kinds across the territory's communes (no real people:
  contacts are roles, emails on the demo domain), a dozen diagnosis answers;
- two offers (a firm's skills sponsorship, a volunteers' association) and a few placements
  on structures and needs that are not bought.

Each part does nothing when its data is already there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal as D

from django.db.models import Q
from django.utils.text import slugify

from maillage.demo.context import DEMO_EMAIL_DOMAIN
from maillage.directory.models import Structure
from maillage.directory.services import answer_diagnosis
from maillage.economics.defaults import DEFAULT_GRANTS, DEFAULTS
from maillage.economics.models import Assumptions, Phase
from maillage.economics.services import issue_assumptions
from maillage.engagement.models import Offer
from maillage.engagement.rules import is_paid_need
from maillage.engagement.services import create_offer, place
from maillage.missions.models import Mission, MissionState
from maillage.people.models import Organisation, OrganisationKind, User
from maillage.territory.models import Commune, Territory

#: (kind, name pattern, commune name): real kinds of structures, made-up names.
STRUCTURES = [
    ("cae", "CAE numérique de {}", "Bordeaux"),
    ("cae", "Coopérative d'activité de {}", "Libourne"),
    ("employer_group", "Groupement d'employeurs de {}", "Mérignac"),
    ("employer_group", "Groupement d'employeurs rural de {}", "Langon"),
    ("geiq", "GEIQ numérique de {}", "Pessac"),
    ("third_place", "Tiers-lieu La Fabrique de {}", "Libourne"),
    ("third_place", "Tiers-lieu du port de {}", "Arcachon"),
    ("third_place", "Tiers-lieu La Grange de {}", "Bazas"),
    ("third_place", "Tiers-lieu de l'estuaire à {}", "Blaye"),
    ("epn", "Espace public numérique de {}", "Talence"),
    ("epn", "Espace public numérique de {}", "Bègles"),
    ("epn", "Espace public numérique de {}", "Lormont"),
    ("epn", "Médiathèque numérique de {}", "Gradignan"),
    ("france_services", "France services de {}", "Lesparre-Médoc"),
    ("france_services", "France services de {}", "La Réole"),
    ("france_services", "France services de {}", "Coutras"),
    ("france_services", "France services de {}", "Sainte-Foy-la-Grande"),
    ("tzcld", "Entreprise à but d'emploi de {}", "Cenon"),
    ("tzcld", "Entreprise à but d'emploi de {}", "Pauillac"),
    ("siae", "Atelier et chantier d'insertion de {}", "Villenave-d'Ornon"),
    ("siae", "Entreprise d'insertion numérique de {}", "Eysines"),
    ("siae", "Association intermédiaire de {}", "Créon"),
    ("training_body", "Organisme de formation numérique de {}", "Bordeaux"),
    ("training_body", "Centre de formation de {}", "Saint-Médard-en-Jalles"),
    ("training_body", "GRETA de {}", "Libourne"),
    ("local_authority", "Mairie de {}", "Andernos-les-Bains"),
    ("local_authority", "Mairie de {}", "Biganos"),
    ("local_authority", "Communauté de communes de {}", "Saint-André-de-Cubzac"),
    ("local_authority", "Mairie de {}", "Cadillac"),
    ("local_authority", "Mairie de {}", "Soulac-sur-Mer"),
]
LINKS = ["partner", "prospect", "none", "buyer", "member"]
ANSWERS = [
    ("Accueil du public, démarches en ligne", "Aide aux démarches", ["digital_help_desk"], "4"),
    (
        "Ateliers pour enfants après l'école",
        "Animateurs numériques",
        ["after_school_workshop"],
        "3",
    ),
    ("Communication de l'association", "Réseaux sociaux", ["community_management"], "2"),
    ("Site internet vieillissant", "Maintenance du site", ["web_upkeep"], "1.5"),
    ("Formation des salariés", "Bureautique, outils collaboratifs", ["training"], "6"),
    ("Parc informatique à entretenir", "Support informatique", ["it_support"], "2"),
]


def _commune(territory: Territory, name: str, fallback: list[Commune], index: int) -> Commune:
    found = (
        Commune.objects.filter(pk__in=territory.communes.values("pk"), name=name).first()
        if name
        else None
    )
    return found or fallback[index % len(fallback)]


def _economics(territory: Territory, coordinator: User | None) -> bool:
    if Assumptions.objects.filter(territory=territory).exists():
        return False
    issue_assumptions(
        territory=territory,
        phase=Phase.SEED,
        effective_month=dt.date(2026, 1, 1),
        lines={**DEFAULTS[Phase.SEED], "fee_rate": D("0.06")},
        grants=DEFAULT_GRANTS[Phase.SEED],
        note="Prototype : une demi-coordination, un bureau en tiers-lieu, des subventions.",
        by=coordinator,
    )
    issue_assumptions(
        territory=territory,
        phase=Phase.SEED,
        effective_month=dt.date(2026, 6, 1),
        lines=DEFAULTS[Phase.SEED],
        grants=[*DEFAULT_GRANTS[Phase.SEED], ("Fonds social européen", D("12000"))],
        note="Frais portés à 8 % après le vote de juin ; le FSE s'ajoute.",
        by=coordinator,
    )
    for phase in (Phase.DEVELOPMENT, Phase.RUNNING):
        issue_assumptions(
            territory=territory,
            phase=phase,
            effective_month=dt.date(2026, 9, 1),
            lines=DEFAULTS[phase],
            grants=DEFAULT_GRANTS[phase],
            note="Hypothèses par défaut de la phase.",
            by=coordinator,
        )
    return True


def _directory(territory: Territory, coordinator: User | None) -> bool:
    if Structure.objects.filter(territory=territory).exists():
        return False
    fallback = list(
        Commune.objects.filter(pk__in=territory.communes.values("pk")).order_by(
            "-population", "insee_code"
        )[:40]
    )
    if not fallback:
        return False
    structures: list[Structure] = []
    for index, (kind, pattern, commune_name) in enumerate(STRUCTURES):
        commune = _commune(territory, commune_name, fallback, index)
        name = pattern.format(commune.name)
        if any(s.name == name and s.commune_id == commune.pk for s in structures):
            name = f"{name} ({index})"
        structures.append(
            Structure(
                territory=territory,
                kind=kind,
                name=name,
                commune=commune,
                contact_name="Accueil",
                contact_email=f"contact.{slugify(name)[:40]}@{DEMO_EMAIL_DOMAIN}",
                activities=pattern.split(" de ")[0],
                link=LINKS[index % len(LINKS)],
                created_by=coordinator,
            )
        )
    Structure.objects.bulk_create(structures)
    for index, structure in enumerate(
        Structure.objects.filter(territory=territory).order_by("pk")[::2][:12]
    ):
        activities, needs, kinds, hours = ANSWERS[index % len(ANSWERS)]
        answer_diagnosis(
            structure=structure,
            activities=activities,
            needs=needs,
            wishes="Travailler avec des artisans numériques du territoire",
            kinds_wanted=kinds,
            hours_to_buy_per_week=D(hours),
            hours_to_offer_per_week=D("2") if structure.kind == "third_place" else D("0"),
            by=coordinator,
        )
    return True


def _engagement(territory: Territory, coordinator: User | None, today: dt.date) -> bool:
    if Offer.objects.filter(territory=territory).exists():
        return False
    buyers = list(
        Organisation.objects.filter(territory=territory)
        .filter(
            Q(kind=OrganisationKind.ASSOCIATION)
            | Q(kind=OrganisationKind.SCHOOL)
            | Q(kind=OrganisationKind.LIBRARY)
        )
        .order_by("pk")[:3]
    )
    if not buyers:
        return False
    start, end = today, today + dt.timedelta(days=120)
    sponsorship = create_offer(
        territory=territory,
        kind="sponsorship",
        provider="Entreprise de services numériques (mécénat de compétences)",
        description="Une développeuse prêtée deux heures par semaine pour des sites associatifs.",
        hours_offered=D("40"),
        starts_on=start,
        ends_on=end,
        by=coordinator,
    )
    volunteering = create_offer(
        territory=territory,
        kind="volunteering",
        provider="Association de bénévoles du numérique",
        description="Accompagnement aux démarches en ligne, une demi-journée par semaine.",
        hours_offered=D("60"),
        starts_on=start,
        ends_on=end,
        by=coordinator,
    )
    for index, buyer in enumerate(buyers):
        free_need = next(
            (
                mission
                for mission in Mission.objects.filter(
                    buyer=buyer, state__in=[MissionState.DRAFT, MissionState.PRICED]
                ).order_by("pk")
                if not is_paid_need(mission)
            ),
            None,
        )
        place(
            offer=sponsorship if index % 2 == 0 else volunteering,
            beneficiary=buyer,
            mission=free_need,
            hours=D("12") if index % 2 == 0 else D("20"),
            starts_on=start,
            ends_on=end,
            by=coordinator,
        )
    return True


def build(*, territory: Territory, users: Mapping[str, User]) -> bool:
    """Add the economic model, the directory and unpaid engagement; False if all there."""
    coordinator = users.get("coordinator")
    added = _economics(territory, coordinator)
    added = _directory(territory, coordinator) or added
    added = _engagement(territory, coordinator, dt.date(2026, 11, 30)) or added
    return added
