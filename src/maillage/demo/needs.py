"""The demo's needs: what each buyer asks for, and where each need stands in its lifecycle."""

from __future__ import annotations

import datetime as dt
import math

from maillage.demo.context import DemoContext
from maillage.demo.names import CANCELLATION_REASONS, WORKSHOP_GROUPS, WORKSHOP_THEMES
from maillage.demo.organisations import DemoOrganisations
from maillage.missions.models import Mission, MissionKind, MissionState, PlaceKind, ScheduleKind
from maillage.missions.services import (
    DateSpan,
    NeedDescription,
    SkillRequirement,
    WeeklySpan,
    cancel_mission,
    create_need,
)
from maillage.people.models import BuyerGroup, Organisation, OrganisationKind
from maillage.pricing.services import accept_quote, issue_quote
from maillage.territory.geo import road_km
from maillage.territory.models import ThirdPlace

H = 60
K = OrganisationKind
FALL_TERM = (
    dt.date(2026, 11, 2),
    dt.date(2026, 12, 18),
    (DateSpan(dt.date(2026, 11, 11), dt.date(2026, 11, 11), "Armistice 1918 (férié)"),),
)
WINTER_TERM = (dt.date(2027, 1, 4), dt.date(2027, 2, 12), ())
EARLY_SLOT, LATE_SLOT = (15 * H, 16 * H + 30), (16 * H + 30, 18 * H)
AFTER_SCHOOL_DAYS = (0, 1, 3, 4)  # no school on Wednesday afternoon
# Wednesday workshops of the communes' leisure centres.
WEDNESDAY_MORNING = WeeklySpan(2, 9 * H + 30, 11 * H + 30)
WEDNESDAY_AFTERNOON = WeeklySpan(2, 14 * H, 16 * H + 30)
OFFICE_WINDOWS = [WeeklySpan(d, 9 * H, 17 * H) for d in range(5)]
TOWN_HALL_WINDOWS = [WeeklySpan(d, a, b) for d in range(5) for a, b in ((540, 720), (840, 1020))]
TRAINING_SUBJECTS = (
    ("à la sécurité informatique au quotidien", "crcn-4.1"),
    ("aux outils collaboratifs libres", "crcn-2.3"),
    ("à l'accueil du public en ligne", "crcn-2.4"),
    ("à l'écriture pour le web", "crcn-3.1"),
)


class NeedMaker:
    """Describes and saves the needs of the demo, remembering which term each one is for."""

    def __init__(self, ctx: DemoContext, organisations: DemoOrganisations) -> None:
        self.ctx = ctx
        self.organisations = organisations
        self.saved: list[tuple[Mission, bool]] = []  # (mission, is for the next term)
        # Needs of a group's members are bought through the group.
        groups = (organisations.purchasing_group, organisations.employer_group)
        self.group_of: dict[int, BuyerGroup] = {
            member.pk: group
            for group in groups
            if group is not None
            for member in group.members.order_by("pk")
        }

    def skills(self, *pairs: tuple[str, int]) -> list[SkillRequirement]:
        return [SkillRequirement(self.ctx.skills[code], level) for code, level in pairs]

    def save(
        self,
        buyer: Organisation,
        *,
        next_term: bool = False,
        renews: Mission | None = None,
        **description,
    ) -> Mission:
        """A need of the fall term, or of the winter term (``renews``: the fall need it
        renews, as the buyer's "copy for the next term" does)."""
        start, end, excluded = WINTER_TERM if next_term else FALL_TERM
        need = NeedDescription(period_start=start, period_end=end, excluded=excluded, **description)
        if need.place_kind == PlaceKind.ADDRESS:
            need.commune, need.address = buyer.commune, buyer.address
        mission = create_need(
            buyer=buyer, created_by=self.ctx.coordinator, need=need, replaces=renews
        )
        group = self.group_of.get(buyer.pk)
        if group is not None:
            mission.buyer_group = group
            mission.save(update_fields=["buyer_group", "updated_at"])
        self.saved.append((mission, next_term))
        return mission

    def fixed(self, buyer, title, kind, slots, skills, *, place=PlaceKind.ADDRESS, **extra):
        """A need on fixed weekly slots (on site at the buyer's address unless told)."""
        return self.save(
            buyer,
            title=title,
            kind=kind,
            place_kind=place,
            schedule_kind=ScheduleKind.FIXED,
            slots=slots,
            skills=skills,
            **extra,
        )

    def flexible(self, buyer, title, kind, minutes, block, windows, skills, *, place, **extra):
        """A flexible weekly volume, done in blocks of at least `block` minutes in `windows`."""
        return self.save(
            buyer,
            title=title,
            kind=kind,
            place_kind=place,
            schedule_kind=ScheduleKind.FLEXIBLE,
            flexible_weekly_minutes=minutes,
            flexible_min_block_minutes=block,
            windows=windows,
            skills=skills,
            **extra,
        )

    def nearest_third_place(self, buyer: Organisation) -> ThirdPlace:
        def km(place: ThirdPlace) -> float:
            commune = buyer.commune
            if commune.latitude is None or commune.longitude is None:
                return math.inf  # a commune without coordinates: the nearest by name
            return road_km(commune.latitude, commune.longitude, place.latitude, place.longitude)

        return min(self.organisations.third_places, key=lambda place: (km(place), place.name))

    # One method per kind of buyer -------------------------------------------------------

    def after_school(self, buyer: Organisation, *, groups: int, days: list[int], first_slot):
        """TAP workshops: every school wants the same afternoons, which is the whole problem."""
        # Groups alternate between the two slots; a third group runs alongside the first.
        slots = [first_slot, LATE_SLOT if first_slot == EARLY_SLOT else EARLY_SLOT, first_slot]
        group_names = self.ctx.rng.sample(WORKSHOP_GROUPS, groups)
        themes = self.ctx.rng.sample(WORKSHOP_THEMES, groups)
        missions = []
        for (start, end), group, (theme, text, coding) in zip(
            slots, group_names, themes, strict=False
        ):
            level = self.ctx.rng.choice([3, 3, 4])
            requirements = [("workshop-children", level)] + ([("crcn-3.4", 3)] if coding else [])
            missions.append(
                self.fixed(
                    buyer,
                    f"Atelier numérique périscolaire : {theme} ({group})",
                    MissionKind.AFTER_SCHOOL_WORKSHOP,
                    [WeeklySpan(day, start, end) for day in days],
                    self.skills(*requirements),
                    description=f"{text} Groupe de 12 à 14 enfants ({group}), "
                    "matériel fourni par l'école. Temps d'activités périscolaires (TAP).",
                )
            )
        return missions

    def school(self, buyer: Organisation) -> None:
        rng = self.ctx.rng
        days = sorted(rng.sample(AFTER_SCHOOL_DAYS, rng.choice([2, 4, 4])))
        first_slot = rng.choice([EARLY_SLOT, EARLY_SLOT, LATE_SLOT])
        missions = self.after_school(
            buyer, groups=rng.choice([1, 2, 2, 3]), days=days, first_slot=first_slot
        )
        if rng.random() < 0.2:
            first = missions[0]
            self.fixed(
                buyer,
                first.title,
                first.kind,
                [WeeklySpan(s.weekday, s.start_minute, s.end_minute) for s in first.slots.all()],
                self.skills(*((s.skill.code, s.min_level) for s in first.skills.all())),
                description=first.description,
                next_term=True,
                renews=first,
            )

    def website(self, buyer: Organisation, title: str, minutes: int, level: int = 3) -> Mission:
        return self.flexible(
            buyer,
            title,
            MissionKind.WEB_UPKEEP,
            minutes,
            60,
            TOWN_HALL_WINDOWS,
            self.skills(("web-upkeep", level)),
            place=PlaceKind.REMOTE,
            description="Actualités, agenda, mises à jour des extensions et "
            "sauvegardes ; en lien avec le service communication.",
        )

    def it_support(self, buyer: Organisation, minutes: int) -> Mission:
        windows = [WeeklySpan(d, a, b) for d in (1, 3) for a, b in ((540, 720), (840, 1020))]
        return self.flexible(
            buyer,
            "Maintenance du parc informatique",
            MissionKind.IT_SUPPORT,
            minutes,
            120,
            windows,
            self.skills(("it-support", 3), ("crcn-4.1", 3)),
            place=PlaceKind.ADDRESS,
            description="Une douzaine de postes, deux imprimantes et la box : "
            "mises à jour, sauvegardes, dépannages.",
        )

    def training(self, buyer: Organisation, title: str, subject_skill: str, weekday: int):
        return self.fixed(
            buyer,
            title,
            MissionKind.TRAINING,
            [WeeklySpan(weekday, 9 * H + 30, 12 * H + 30)],
            self.skills(("adult-training", 4), (subject_skill, 4)),
            place=PlaceKind.THIRD_PLACE,
            third_place=self.nearest_third_place(buyer),
            description="Session hebdomadaire de trois heures pour 8 à 10 "
            "personnes, en salle de formation du tiers-lieu.",
        )

    def help_desk(self, buyer: Organisation, title: str, slots, level: int, *, extra=(), **options):
        return self.fixed(
            buyer,
            title,
            MissionKind.DIGITAL_HELP_DESK,
            slots,
            self.skills(("digital-mediation", level), *extra),
            description="Accueil sans rendez-vous : démarches en ligne, "
            "messagerie, smartphone, impression de documents.",
            **options,
        )

    def town_hall(self, buyer: Organisation) -> None:
        rng = self.ctx.rng
        self.website(
            buyer,
            "Mise à jour du site internet de la commune",
            rng.choice([90, 120, 150, 180, 240]),
        )
        if rng.random() < 0.6:
            self.it_support(buyer, rng.choice([120, 180, 240]))
        if buyer.commune.population >= 5000 and rng.random() < 0.6:
            self.community(buyer, title="Animation des réseaux sociaux de la commune")
        if rng.random() < 0.5:
            self.leisure_centre(buyer)
        if buyer.commune.population >= 10000:
            self.help_desk(
                buyer,
                "Permanence numérique en mairie",
                [WeeklySpan(0, 9 * H, 12 * H), WeeklySpan(3, 9 * H, 12 * H)],
                3,
            )
        if rng.random() < 0.5:
            self.after_school(
                buyer,
                groups=1,
                days=sorted(rng.sample(AFTER_SCHOOL_DAYS, 2)),
                first_slot=rng.choice([EARLY_SLOT, LATE_SLOT]),
            )

    def leisure_centre(self, buyer: Organisation) -> Mission:
        """The Wednesday leisure centre (ALSH) of the commune: a morning or an afternoon."""
        day = self.ctx.rng.choice([WEDNESDAY_MORNING, WEDNESDAY_AFTERNOON])
        theme, text, _coding = self.ctx.rng.choice(WORKSHOP_THEMES)
        return self.fixed(
            buyer,
            f"Atelier numérique du centre de loisirs : {theme}",
            MissionKind.AFTER_SCHOOL_WORKSHOP,
            [day],
            self.skills(("workshop-children", 3)),
            description=f"{text} Le mercredi à l'accueil de loisirs (ALSH), 12 à 16 enfants.",
        )

    def community(self, buyer: Organisation, level: int = 3, title: str = "") -> Mission:
        rng = self.ctx.rng
        return self.flexible(
            buyer,
            title or "Animation des réseaux sociaux",
            MissionKind.COMMUNITY_MANAGEMENT,
            rng.choice([120, 180, 240, 240, 300, 360]),
            60,
            OFFICE_WINDOWS,
            self.skills(("community-management", level)),
            place=PlaceKind.REMOTE,
            description="Calendrier de publication, visuels, réponses aux "
            "messages ; un point mensuel avec le bureau.",
        )

    def video(self, buyer: Organisation, title: str) -> Mission:
        windows = [*OFFICE_WINDOWS, WeeklySpan(5, 9 * H, 13 * H)]
        return self.flexible(
            buyer,
            title,
            MissionKind.VIDEO,
            self.ctx.rng.choice([180, 240]),
            120,
            windows,
            self.skills(("video", 4)),
            place=PlaceKind.ADDRESS,
            description="Tournage sur place puis montage de courtes vidéos "
            "pour le site et les réseaux.",
        )

    def graphic(self, buyer: Organisation) -> Mission:
        return self.flexible(
            buyer,
            "Affiches et visuels de la saison",
            MissionKind.GRAPHIC_DESIGN,
            self.ctx.rng.choice([60, 120, 180]),
            60,
            OFFICE_WINDOWS,
            self.skills(("graphic-design", 4)),
            place=PlaceKind.REMOTE,
            description="Affiches, flyers et visuels pour les réseaux, "
            "dans la charte de la structure.",
        )

    def by_profile(self, buyer: Organisation, profile: str) -> None:
        """Needs of an association or a company, from what its kind of structure needs."""
        company = buyer.kind == K.COMPANY
        if profile.startswith("community"):
            self.community(buyer, level=4 if company else 3)
        if profile in ("community_video", "video"):
            title = (
                "Vidéos de présentation du domaine"
                if company
                else "Vidéos des temps forts de la saison"
            )
            self.video(buyer, title)
        if profile in ("community_graphic", "graphic"):
            self.graphic(buyer)
        if profile == "web":
            self.website(buyer, "Mise à jour de la boutique en ligne", 120, level=4)
        if profile == "help_desk":
            self.help_desk(
                buyer,
                "Permanence numérique d'accès aux droits",
                [WeeklySpan(1, 9 * H + 30, 12 * H), WeeklySpan(3, 14 * H, 16 * H + 30)],
                3,
            )
        if profile == "training":
            self.training(buyer, "Initiation à la tablette pour les adhérents", "crcn-2.4", 1)

    def library(self, buyer: Organisation) -> None:
        slots = [WeeklySpan(2, 14 * H, 17 * H), WeeklySpan(5, 10 * H, 12 * H)]
        self.help_desk(buyer, "Point d'aide numérique de la médiathèque", slots, 3)
        if self.ctx.rng.random() < 0.6:
            self.fixed(
                buyer,
                "Atelier numérique pour les seniors",
                MissionKind.TRAINING,
                [WeeklySpan(1, 10 * H, 12 * H)],
                self.skills(("adult-training", 3)),
                description="Prendre en main tablette et smartphone, à son rythme.",
            )

    def digital_space(self, buyer: Organisation) -> None:
        # Four half-days a week, as a France services counter opens.
        slots = [WeeklySpan(d, a, a + 3 * H) for d, a in ((0, 540), (1, 540), (3, 840), (4, 540))]
        extra = [("crcn-4.2", 3)] if self.ctx.rng.random() < 0.5 else []
        title = "Accompagnement aux démarches en ligne"
        desk = self.help_desk(buyer, title, slots, 4, extra=extra)
        if self.ctx.rng.random() < 0.3:
            self.help_desk(buyer, title, slots, 4, extra=extra, next_term=True, renews=desk)


def build_needs(ctx: DemoContext, organisations: DemoOrganisations) -> list[Mission]:
    """Create every need of the demo, then move each one to a realistic state."""
    maker = NeedMaker(ctx, organisations)
    showcase = organisations.showcase_town_hall
    if showcase is None:
        raise ValueError("The organisations step names the showcase town hall first.")
    for buyer in organisations.buyers:
        if buyer.pk == showcase.pk:
            continue
        if buyer.kind == K.SCHOOL:
            maker.school(buyer)
        elif buyer.kind == K.COMMUNE:
            maker.town_hall(buyer)
        elif buyer.kind == K.LIBRARY:
            maker.library(buyer)
        elif buyer.kind == K.PUBLIC_DIGITAL_SPACE:
            maker.digital_space(buyer)
        else:
            maker.by_profile(buyer, organisations.needs_profile[buyer.pk])
    for buyer in ctx.rng.sample(organisations.of_kind(K.COMMUNE)[1:], 4):
        subject, skill = ctx.rng.choice(TRAINING_SUBJECTS)
        maker.training(buyer, f"Formation des agents {subject}", skill, ctx.rng.choice([0, 3]))
    forced = _showcase_needs(maker, showcase)
    for mission, next_term in maker.saved:
        _move_to(ctx, mission, forced.get(mission.pk) or _draw_state(ctx, next_term))
    return [mission for mission, _next_term in maker.saved]


def _showcase_needs(maker: NeedMaker, buyer: Organisation) -> dict[int, str]:
    """The showcase town hall has one need in each interesting state."""
    web = maker.website(buyer, "Mise à jour du site internet de la commune", 120)
    support = maker.it_support(buyer, 180)
    (workshop,) = maker.after_school(buyer, groups=1, days=[1, 4], first_slot=EARLY_SLOT)
    training = maker.training(
        buyer, "Formation des agents aux outils collaboratifs libres", "crcn-2.3", 0
    )
    return {
        web.pk: MissionState.ACCEPTED,
        workshop.pk: MissionState.ACCEPTED,
        support.pk: MissionState.PRICED,
        training.pk: MissionState.DRAFT,
    }


def _draw_state(ctx: DemoContext, next_term: bool) -> str:
    states = [
        MissionState.ACCEPTED,
        MissionState.PRICED,
        MissionState.DRAFT,
        MissionState.CANCELLED,
    ]
    weights = [20, 40, 40, 0] if next_term else [72, 10, 10, 8]
    return ctx.rng.choices(states, weights=weights)[0]


def _move_to(ctx: DemoContext, mission: Mission, state: str) -> None:
    """Walk the lifecycle from draft to `state`, as the people involved would have."""
    by = ctx.coordinator
    if state == MissionState.CANCELLED:
        stop = ctx.rng.choice([MissionState.DRAFT, MissionState.PRICED, MissionState.ACCEPTED])
        _move_to(ctx, mission, stop)
        cancel_mission(mission=mission, by=by, reason=ctx.rng.choice(CANCELLATION_REASONS))
        return
    # Priced and accepted needs carry a real quote under the territory's charter.
    if state in (MissionState.PRICED, MissionState.ACCEPTED):
        quote = issue_quote(mission=mission, by=by)
        if state == MissionState.ACCEPTED:
            accept_quote(quote=quote, by=by)
