"""The organisations of the demo: the carrier, ~60 buyers, their groups, and the tiers-lieux."""

from __future__ import annotations

from dataclasses import dataclass, field

from maillage.demo.catalogue import (
    ASSOCIATION_PATTERNS,
    BASSIN,
    COMPANIES,
    ENTRE_DEUX_MERS,
    LIBOURNAIS,
    MEDOC,
    PUBLIC_KINDS,
    SUD_GIRONDE,
    THIRD_PLACES,
    TOWN_HALL_ADDRESSES,
)
from maillage.demo.context import BORDEAUX_METROPOLE, DemoContext
from maillage.demo.names import (
    LIBRARY_PATRONS,
    SCHOOL_PATRONS,
    ascii_slug,
    commune_display_name,
    of_commune,
)
from maillage.people.models import BuyerGroup, Organisation, OrganisationKind
from maillage.territory.models import Commune, OpeningHours, ThirdPlace

K = OrganisationKind


@dataclass
class DemoOrganisations:
    """What the organisation step made, by role in the story."""

    carrier: Organisation
    training_body: Organisation
    union: Organisation
    buyers: list[Organisation] = field(default_factory=list)
    needs_profile: dict[int, str] = field(default_factory=dict)  # organisation pk -> profile
    purchasing_group: BuyerGroup | None = None
    employer_group: BuyerGroup | None = None
    showcase_town_hall: Organisation | None = None
    second_buyer: Organisation | None = None
    third_places: list[ThirdPlace] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Organisation]:
        return [buyer for buyer in self.buyers if buyer.kind == kind]


def _organisation(
    ctx: DemoContext, *, kind: str, name: str, commune: Commune, email_prefix: str, **extra
) -> Organisation:
    """An unsaved organisation of the territory with a valid, unique SIRET."""
    siret = extra.pop("siret", None) or ctx.sirets.make(
        siren_prefix="2" if kind in PUBLIC_KINDS else ctx.rng.choice("3456789")
    )
    return Organisation(
        kind=kind,
        name=name,
        siret=siret,
        territory=ctx.territory,
        commune=commune,
        address=extra.pop("address", None) or ctx.address(commune),
        email=ctx.email(f"{email_prefix}.{ascii_slug(commune.name)}"),
        is_public_buyer=kind in PUBLIC_KINDS,
        **extra,
    )


def _town_halls(ctx: DemoContext) -> list[Organisation]:
    libourne = ctx.commune("Libourne")
    libournais = [libourne, *ctx.pick_communes(2, epci_names=LIBOURNAIS, exclude=[libourne])]
    others = []
    for area in (MEDOC, SUD_GIRONDE, BASSIN):
        others += ctx.pick_communes(1, epci_names=area)
    others += ctx.pick_communes(6, exclude=others, exclude_epci=LIBOURNAIS, flatten=1.0)
    return [
        _organisation(
            ctx,
            kind=K.COMMUNE,
            name=f"Mairie {of_commune(commune.name)}",
            commune=commune,
            email_prefix="mairie",
            siret=ctx.sirets.make(insee_code=commune.insee_code),
            address=_town_hall_address(ctx, commune),
        )
        for commune in libournais + others
    ]


def _town_hall_address(ctx: DemoContext, commune: Commune) -> str:
    if commune.name in TOWN_HALL_ADDRESSES:
        return TOWN_HALL_ADDRESSES[commune.name]
    return ctx.address(commune, street="place de la Mairie", number=1)


def _schools(ctx: DemoContext) -> list[Organisation]:
    communes = ctx.pick_communes(2, epci_names=LIBOURNAIS)
    for area in (MEDOC, SUD_GIRONDE, BASSIN):
        communes += ctx.pick_communes(1, epci_names=area)
    # Schools are where the children live, so big towns have several: draw with replacement,
    # weighted by population, then name them apart.
    weights = [max(c.population, 50) for c in ctx.communes]
    communes += ctx.rng.choices(ctx.communes, weights=weights, k=13)
    schools, used = [], set()
    for commune in communes:
        patron = ctx.rng.choice([p for p in SCHOOL_PATRONS if (p, commune.pk) not in used])
        used.add((patron, commune.pk))
        kind_of_school = ctx.rng.choice(
            ["École élémentaire", "École élémentaire", "Groupe scolaire"]
        )
        name = f"{kind_of_school} {patron}, {commune_display_name(commune.name)}"
        schools.append(
            _organisation(
                ctx, kind=K.SCHOOL, name=name, commune=commune, email_prefix=ascii_slug(patron)
            )
        )
    return schools


def _associations(ctx: DemoContext) -> tuple[list[Organisation], list[str]]:
    communes = ctx.pick_communes(4, epci_names=ENTRE_DEUX_MERS)
    communes += ctx.pick_communes(2, epci_names=MEDOC) + ctx.pick_communes(
        1, epci_names=SUD_GIRONDE
    )
    communes += ctx.pick_communes(9, exclude=communes, flatten=0.9)
    patterns = ctx.rng.sample(ASSOCIATION_PATTERNS, len(communes))
    associations, profiles = [], []
    for commune, (pattern, profile) in zip(communes, patterns, strict=True):
        name = pattern.format(of=of_commune(commune.name))
        prefix = ascii_slug(pattern.split("{")[0]) or "association"
        associations.append(
            _organisation(ctx, kind=K.ASSOCIATION, name=name, commune=commune, email_prefix=prefix)
        )
        profiles.append(profile)
    return associations, profiles


def _libraries_and_digital_spaces(ctx: DemoContext) -> list[Organisation]:
    places = []
    library_communes = ctx.pick_communes(5, flatten=1.0)
    patrons = ctx.rng.sample(LIBRARY_PATRONS, len(library_communes))
    for commune, patron in zip(library_communes, patrons, strict=True):
        style = ctx.rng.randint(0, 2)
        name = (
            f"Médiathèque {patron}, {commune_display_name(commune.name)}"
            if style == 0
            else f"Médiathèque municipale {of_commune(commune.name)}"
            if style == 1
            else f"Bibliothèque municipale {of_commune(commune.name)}"
        )
        places.append(
            _organisation(
                ctx, kind=K.LIBRARY, name=name, commune=commune, email_prefix="mediatheque"
            )
        )
    for commune in ctx.pick_communes(4, exclude=library_communes, flatten=0.9):
        label = ctx.rng.choice(["Espace public numérique", "Espace France services"])
        places.append(
            _organisation(
                ctx,
                kind=K.PUBLIC_DIGITAL_SPACE,
                name=f"{label} {of_commune(commune.name)}",
                commune=commune,
                email_prefix="epn",
            )
        )
    return places


def _companies(ctx: DemoContext) -> tuple[list[Organisation], list[str]]:
    companies, profiles = [], []
    for name, commune_name, street, numbered, profile in COMPANIES:
        commune = ctx.commune(commune_name)
        companies.append(
            _organisation(
                ctx,
                kind=K.COMPANY,
                name=name,
                commune=commune,
                email_prefix=ascii_slug(name.split(",")[0].split("(")[0]),
                address=ctx.address(commune, street=street, numbered=numbered),
            )
        )
        profiles.append(profile)
    return companies, profiles


def _third_places(ctx: DemoContext) -> list[ThirdPlace]:
    places, hours = [], []
    for name, commune_name, street, capacity, services, spans, saturday in THIRD_PLACES:
        commune = ctx.commune(commune_name)
        if commune.latitude is None or commune.longitude is None:
            raise ValueError(f"{commune} has no coordinates: a tiers-lieu needs them.")
        place = ThirdPlace.objects.create(
            territory=ctx.territory,
            name=name,
            commune=commune,
            address=ctx.address(commune, street=street),
            # A few hundred metres from the town centre, always the same for a seed.
            latitude=round(commune.latitude + ctx.rng.uniform(-0.004, 0.004), 5),
            longitude=round(commune.longitude + ctx.rng.uniform(-0.004, 0.004), 5),
            capacity=capacity,
            services=[str(service) for service in services],
            email=ctx.email(f"contact.{ascii_slug(name)}"),
        )
        for weekday in range(5):
            hours += [
                OpeningHours(third_place=place, weekday=weekday, opens_at=a, closes_at=b)
                for a, b in spans
            ]
        if saturday:
            hours.append(
                OpeningHours(
                    third_place=place, weekday=5, opens_at=saturday[0], closes_at=saturday[1]
                )
            )
        places.append(place)
    OpeningHours.objects.bulk_create(hours)
    return places


def build_organisations(ctx: DemoContext) -> DemoOrganisations:
    """Create the carrier, training body, union, every buyer, the groups and the tiers-lieux."""
    bordeaux = ctx.commune("Bordeaux")
    carrier, training_body, union = Organisation.objects.bulk_create(
        [
            _organisation(
                ctx,
                kind=K.CARRIER,
                name="Coopérative Maillage Gironde (SCIC)",
                commune=bordeaux,
                email_prefix="contact",
                siret=ctx.sirets.make(siren_prefix="8"),
            ),
            _organisation(
                ctx,
                kind=K.TRAINING_BODY,
                name="Les Ateliers du Numérique, organisme de formation",
                commune=ctx.commune("Mérignac"),
                email_prefix="formation",
            ),
            _organisation(
                ctx,
                kind=K.UNION,
                name="Union départementale des syndicats de salariés de la Gironde",
                commune=bordeaux,
                email_prefix="ud",
            ),
        ]
    )
    town_halls = _town_halls(ctx)
    schools = _schools(ctx)
    associations, association_profiles = _associations(ctx)
    public_places = _libraries_and_digital_spaces(ctx)
    companies, company_profiles = _companies(ctx)
    buyers = Organisation.objects.bulk_create(
        town_halls + schools + associations + public_places + companies
    )
    result = DemoOrganisations(
        carrier=carrier, training_body=training_body, union=union, buyers=buyers
    )
    profiles = iter(association_profiles + company_profiles)
    for buyer in buyers:
        if buyer.kind in (K.ASSOCIATION, K.COMPANY):
            result.needs_profile[buyer.pk] = next(profiles)
    result.showcase_town_hall = town_halls[0]
    # A buyer unrelated to the showcase one, for permission demos: outside both groups.
    metropole = [a for a in associations[4:] if a.commune.epci_name == BORDEAUX_METROPOLE]
    result.second_buyer = (metropole or associations[4:])[0]
    result.purchasing_group = BuyerGroup.objects.create(
        name="Groupement d'achat numérique du Libournais",
        kind=BuyerGroup.Kind.PURCHASING,
        territory=ctx.territory,
    )
    result.purchasing_group.members.set(town_halls[:3] + schools[:3])
    result.employer_group = BuyerGroup.objects.create(
        name="Groupement d'employeurs associatif de l'Entre-deux-Mers",
        kind=BuyerGroup.Kind.EMPLOYER,
        territory=ctx.territory,
    )
    result.employer_group.members.set(associations[:4])
    result.third_places = _third_places(ctx)
    return result
