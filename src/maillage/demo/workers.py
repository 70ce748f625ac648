"""The demo's digital workers: homes, travel, wished hours, availability, skills and evidence."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

from maillage.demo.catalogue import (
    ARCHETYPES,
    AVAILABILITY_PATTERNS,
    BIO_DETAILS,
    EVALUATED_WORK,
    HOME_TOWNS,
    LOCAL_ARCHETYPE_WEIGHTS,
    SATURDAY_MORNING,
    SECOND_TRADES,
    TRAVEL_PHRASES,
    H,
)
from maillage.demo.context import BORDEAUX_METROPOLE, REFERENCE_DATE, DemoContext
from maillage.demo.names import NAME_POOLS, agree, ascii_slug, in_commune
from maillage.people.models import (
    AvailabilityWindow,
    Membership,
    Organisation,
    Role,
    User,
    WorkerProfile,
    WorkerStatus,
)
from maillage.skills.models import SkillEvidence, WorkerSkill
from maillage.territory.geo import TravelMode, great_circle_km
from maillage.territory.models import Commune, ThirdPlace

WORKERS_JOINED_FROM = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class ShowcaseWorker:
    """The worker behind the demo's worker login: a rich, fixed profile."""

    email: str
    first_name: str
    last_name: str


def _people(ctx: DemoContext, count: int, *, taken: set[str]) -> list[tuple[str, str, str]]:
    """`count` people (first name, last name, gender), no first name twice, few shared surnames."""
    weights = [pool[0] for pool in NAME_POOLS]
    people: list[tuple[str, str, str]] = []
    used_first = set(taken)
    surname_uses: Counter[str] = Counter()
    while len(people) < count:
        _weight, first_names, last_names = ctx.rng.choices(NAME_POOLS, weights=weights)[0]
        first, gender = ctx.rng.choice(first_names)
        last = ctx.rng.choice(last_names)
        if first in used_first or surname_uses[last] >= 2:
            continue
        used_first.add(first)
        surname_uses[last] += 1
        people.append((first, last, gender))
    return people


def _home_and_travel(ctx: DemoContext) -> tuple[Commune, str, int]:
    """Home commune, travel mode and max km: where the people who answer such ads live.

    Mostly the metropole, then the larger towns (Libourne, the Bassin, Langon, Lesparre...),
    a few in the countryside; outside Bordeaux people drive, and drive further.
    """
    draw = ctx.rng.random()
    if draw < 0.62:
        home = ctx.pick_commune(epci_names=[BORDEAUX_METROPOLE], flatten=0.9)
    elif draw < 0.9:
        names = [name for name, _weight in HOME_TOWNS]
        home = ctx.commune(ctx.rng.choices(names, weights=[w for _n, w in HOME_TOWNS])[0])
    else:
        home = ctx.pick_commune(exclude_epci=[BORDEAUX_METROPOLE])
    draw = ctx.rng.random()
    if home.name == "Bordeaux":
        mode = TravelMode.TRANSIT if draw < 0.6 else TravelMode.BIKE
    elif home.epci_name == BORDEAUX_METROPOLE:
        mode = (
            TravelMode.CAR if draw < 0.5 else TravelMode.TRANSIT if draw < 0.85 else TravelMode.BIKE
        )
    else:
        mode = TravelMode.CAR if draw < 0.9 else TravelMode.TRANSIT
    max_km = {TravelMode.BIKE: (10, 15), TravelMode.TRANSIT: (15, 30)}.get(mode, (25, 40))
    return home, str(mode), ctx.rng.randint(*max_km)


def _hours_and_status(ctx: DemoContext) -> tuple[int, int, str, bool]:
    """Wished and maximum weekly hours, status, and whether this is a part-time worker."""
    if ctx.rng.random() < 0.66:
        wished = ctx.rng.choice([24, 24, 25, 26, 28, 28, 30, 32, 35])
        status = ctx.rng.choices(
            [
                WorkerStatus.JOB_SEEKER,
                WorkerStatus.MICRO_ENTREPRENEUR,
                WorkerStatus.OTHER,
                WorkerStatus.EMPLOYEE_ELSEWHERE,
            ],
            weights=[45, 40, 5, 10],
        )[0]
        part_time = False
    else:
        status = ctx.rng.choice([WorkerStatus.STUDENT, WorkerStatus.EMPLOYEE_ELSEWHERE])
        # A student's week has room for 18 h around lectures; an employee's for about 20 h.
        wished = ctx.rng.choice(
            [10, 12, 14, 15, 16, 18] if status == WorkerStatus.STUDENT else [12, 15, 16, 18, 20]
        )
        part_time = True
    maximum = min(48, wished + ctx.rng.choice([0, 2, 4, 5, 6, 8, 10]))
    return wished * H, maximum * H, str(status), part_time


def _windows(ctx: DemoContext, archetype: str, status: str, part_time: bool) -> list[tuple]:
    if part_time and status == WorkerStatus.STUDENT:
        pattern = "student"
    elif part_time:
        pattern = ctx.rng.choice(["afternoons", "two_days_elsewhere"])
    else:
        pattern = ctx.rng.choice(ARCHETYPES[archetype][3])
    windows = list(AVAILABILITY_PATTERNS[pattern])
    if pattern != "two_days_elsewhere" and ctx.rng.random() < 0.25:
        windows.append(SATURDAY_MORNING)
    return windows


def _skill_levels(ctx: DemoContext, archetype: str, part_time: bool) -> list[tuple[str, int]]:
    """2 to 5 (skill code, level) pairs: the archetype's core skills, then a few others.

    A full week is rarely one trade: who wishes 24 h or more also practises a second one
    (an animator runs help desks in the morning, a trainer animates social networks...).
    """
    _weight, core, optional, _patterns, _titles = ARCHETYPES[archetype]
    levels = [(code, ctx.rng.choice([3, 4, 4, 5, 5, 5, 6, 6, 7])) for code in core]
    if not part_time:
        second = ctx.rng.choice(SECOND_TRADES[archetype])
        levels.append((second, ctx.rng.choice([3, 4, 4, 5, 5, 6])))
        optional = [code for code in optional if code != second]
    extra = ctx.rng.choices([0, 1, 2, 3], weights=[15, 35, 35, 15])[0]
    extra = min(extra, 5 - len(levels))
    levels += [
        (code, ctx.rng.choice([2, 3, 3, 4, 4, 5])) for code in ctx.rng.sample(optional, extra)
    ]
    return levels


def _evidence(
    ctx: DemoContext, claimed: WorkerSkill, user: User, evaluators: list[Organisation]
) -> list[SkillEvidence]:
    """Self-assessment always; a Pix certificate, a mission evaluation or a peer often."""
    code, level = claimed.skill.code, claimed.level
    rows = [
        SkillEvidence(
            worker_skill=claimed,
            kind=SkillEvidence.Kind.SELF_ASSESSMENT,
            level=level,
            issued_on=ctx.date_before(min_days=5, max_days=60),
            recorded_by=user,
        )
    ]
    draw = ctx.rng.random()
    if code.startswith("crcn-") and draw < 0.45:
        pix_level = max(1, level - ctx.rng.randint(0, 1))
        on = ctx.date_before(min_days=90, max_days=700)
        score = min(1024, pix_level * 112 + ctx.rng.randint(-40, 40))
        detail = (
            f"Certification Pix du {on:%d/%m/%Y} : {score} pix, "
            f"niveau {pix_level} sur la compétence {code.removeprefix('crcn-')}"
        )
        rows.append(
            SkillEvidence(
                worker_skill=claimed,
                kind=SkillEvidence.Kind.CERTIFICATE,
                level=pix_level,
                detail=detail,
                issued_on=on,
            )
        )
    elif code in EVALUATED_WORK and draw < 0.40:
        evaluator = ctx.rng.choice(evaluators)
        mark = ctx.rng.choice(["3,5", "4", "4", "4,5", "4,5", "5"])
        detail = f"« {EVALUATED_WORK[code]} », {evaluator.name}, printemps 2026 : {mark}/5"
        rows.append(
            SkillEvidence(
                worker_skill=claimed,
                kind=SkillEvidence.Kind.MISSION_EVALUATION,
                level=level,
                detail=detail,
                issued_on=dt.date(2026, 6, ctx.rng.randint(1, 30)),
                recorded_by=ctx.coordinator,
            )
        )
    elif draw > 0.88:
        detail = "Validée par deux pairs lors d'une après-midi d'échange de pratiques"
        rows.append(
            SkillEvidence(
                worker_skill=claimed,
                kind=SkillEvidence.Kind.PEER_VALIDATION,
                level=level,
                detail=detail,
                issued_on=ctx.date_before(min_days=10, max_days=120),
                recorded_by=ctx.coordinator,
            )
        )
    return rows


@dataclass
class WorkerPlan:
    """Everything decided about one worker before any row is written."""

    first_name: str
    last_name: str
    gender: str
    email: str
    archetype: str
    home: Commune
    travel_mode: str
    max_km: int
    wished_minutes: int
    max_minutes: int
    status: str
    skills: list[tuple[str, int]]
    windows: list[tuple[int, int, int]]


def _showcase_plan(ctx: DemoContext, showcase: ShowcaseWorker) -> WorkerPlan:
    """The worker login: an animator near Bordeaux, 28 h wished, five skills, on a bike."""
    return WorkerPlan(
        first_name=showcase.first_name,
        last_name=showcase.last_name,
        gender="f",
        email=showcase.email,
        archetype="animation",
        home=ctx.commune("Bègles"),
        travel_mode=str(TravelMode.BIKE),
        max_km=15,
        wished_minutes=28 * H,
        max_minutes=35 * H,
        status=WorkerStatus.MICRO_ENTREPRENEUR,
        skills=[("workshop-children", 6), ("crcn-3.4", 5), ("digital-mediation", 5),
                ("video", 4), ("adult-training", 4)],
        windows=AVAILABILITY_PATTERNS["school_rhythm"] + [SATURDAY_MORNING],
    )  # fmt: skip


def _drawn_plan(ctx: DemoContext, person: tuple[str, str, str], taken: set[str]) -> WorkerPlan:
    """A worker drawn from the seed: archetype, home, hours, skills, availability."""
    first, last, gender = person
    local_part = f"{ascii_slug(first)}.{ascii_slug(last)}"
    email, suffix = ctx.email(local_part), 2
    while email in taken:  # two people with the same names get firstname.lastname2
        email, suffix = ctx.email(f"{local_part}{suffix}"), suffix + 1
    home, mode, max_km = _home_and_travel(ctx)
    # Away from the metropole the cooperative recruits for on-site work: workshops, help desks.
    local = home.epci_name != BORDEAUX_METROPOLE
    names = list(ARCHETYPES)
    weights = [LOCAL_ARCHETYPE_WEIGHTS[n] if local else ARCHETYPES[n][0] for n in names]
    archetype = ctx.rng.choices(names, weights=weights)[0]
    wished, maximum, status, part_time = _hours_and_status(ctx)
    return WorkerPlan(
        first_name=first,
        last_name=last,
        gender=gender,
        email=email,
        archetype=archetype,
        home=home,
        travel_mode=mode,
        max_km=max_km,
        wished_minutes=wished,
        max_minutes=maximum,
        status=status,
        skills=_skill_levels(ctx, archetype, part_time),
        windows=_windows(ctx, archetype, status, part_time),
    )


def _user_and_profile(
    ctx: DemoContext, plan: WorkerPlan, password_hash: str, index: int
) -> tuple[User, WorkerProfile]:
    title = agree(plan.gender, *ARCHETYPES[plan.archetype][4])
    bio = (
        f"{title} depuis {ctx.rng.randint(2015, 2024)}, {BIO_DETAILS[plan.archetype]} "
        f"J'habite {in_commune(plan.home.name)} et je me déplace "
        f"{TRAVEL_PHRASES[plan.travel_mode]}."
    )
    phone = f"0{ctx.rng.choice('67')} " + " ".join(
        f"{ctx.rng.randint(0, 99):02d}" for _ in range(4)
    )
    user = User(
        email=plan.email,
        first_name=plan.first_name,
        last_name=plan.last_name,
        phone=phone,
        password=password_hash,
        date_joined=WORKERS_JOINED_FROM + dt.timedelta(days=ctx.rng.randint(0, 100), minutes=index),
    )
    profile = WorkerProfile(
        user=user,
        territory=ctx.territory,
        home_commune=plan.home,
        travel_mode=plan.travel_mode,
        max_km=plan.max_km,
        wished_weekly_minutes=plan.wished_minutes,
        max_weekly_minutes=plan.max_minutes,
        status=plan.status,
        bio=bio,
    )
    return user, profile


def build_workers(
    ctx: DemoContext,
    *,
    count: int,
    showcase: ShowcaseWorker,
    password_hash: str,
    evaluators: list[Organisation],
) -> list[WorkerProfile]:
    """Create `count` workers (the first is the showcase login) with all their profile."""
    plans = [_showcase_plan(ctx, showcase)]
    taken = {showcase.email}
    for person in _people(ctx, count - 1, taken={showcase.first_name}):
        plans.append(_drawn_plan(ctx, person, taken))
        taken.add(plans[-1].email)
    users, profiles = [], []
    for index, plan in enumerate(plans):
        user, profile = _user_and_profile(ctx, plan, password_hash, index)
        users.append(user)
        profiles.append(profile)
    User.objects.bulk_create(users)
    for profile in profiles:
        profile.user_id = profile.user.pk
    WorkerProfile.objects.bulk_create(profiles)
    Membership.objects.bulk_create(
        Membership(user=user, role=Role.WORKER, territory=ctx.territory) for user in users
    )
    windows, claimed = [], []
    for profile, plan in zip(profiles, plans, strict=True):
        windows += [
            AvailabilityWindow(worker=profile, weekday=day, start_minute=start, end_minute=end)
            for day, start, end in plan.windows
        ]
        claimed += [
            WorkerSkill(worker=profile, skill=ctx.skills[code], level=level)
            for code, level in plan.skills
        ]
    AvailabilityWindow.objects.bulk_create(windows)
    WorkerSkill.objects.bulk_create(claimed)
    evidence = []
    for worker_skill in claimed:
        evidence += _evidence(ctx, worker_skill, worker_skill.worker.user, evaluators)
    SkillEvidence.objects.bulk_create(evidence)
    return profiles


def showcase_evidence_extras(ctx: DemoContext, worker: WorkerProfile) -> None:
    """Give the showcase worker one evidence of every kind, so the profile page shows them."""
    claimed = {ws.skill.code: ws for ws in worker.skills.select_related("skill").order_by("pk")}
    SkillEvidence.objects.bulk_create(
        [
            SkillEvidence(
                worker_skill=claimed["crcn-3.4"],
                kind=SkillEvidence.Kind.CERTIFICATE,
                level=5,
                issued_on=REFERENCE_DATE - dt.timedelta(days=200),
                detail="Certification Pix du 13/02/2026 : 584 pix, niveau 5 sur la compétence 3.4",
            ),
            SkillEvidence(
                worker_skill=claimed["workshop-children"],
                kind=SkillEvidence.Kind.MISSION_EVALUATION,
                level=6,
                issued_on=dt.date(2026, 6, 26),
                recorded_by=ctx.coordinator,
                detail="« Atelier robotique Thymio », École élémentaire Paul Bert, "
                "Bègles, printemps 2026 : 5/5",
            ),
            SkillEvidence(
                worker_skill=claimed["digital-mediation"],
                kind=SkillEvidence.Kind.PEER_VALIDATION,
                level=5,
                issued_on=REFERENCE_DATE - dt.timedelta(days=30),
                recorded_by=ctx.coordinator,
                detail="Validée par deux pairs au Hangar numérique de Bacalan",
            ),
        ]
    )


REMOTE_SKILLS = ("web-upkeep", "community-management")
REMOTE_BASE_MAX_KM = 12.0


def choose_remote_bases(ctx: DemoContext, workers: list[WorkerProfile], *, seed: int) -> int:
    """A few workers who do remote work (websites, social media) choose a nearby tiers-lieu as
    their remote-work base, as its manager's page shows; the engine then counts the trip.

    Drawn from an RNG of their own so that every other draw of the demo stays the same.
    """
    rng = random.Random(seed * 7919 + 14)
    remote_workers = set(
        WorkerSkill.objects.filter(worker__in=workers, skill__code__in=REMOTE_SKILLS)
        .values_list("worker_id", flat=True)
        .distinct()
    )
    places = list(ThirdPlace.objects.filter(territory=ctx.territory).order_by("pk"))
    chosen = []
    for worker in workers:
        if worker.pk not in remote_workers or rng.random() >= 0.5:
            continue
        home = worker.home_commune
        if home.latitude is None or home.longitude is None:
            continue
        near = [
            (great_circle_km(home.latitude, home.longitude, p.latitude, p.longitude), p.pk, p)
            for p in places
        ]
        near = [item for item in near if item[0] <= REMOTE_BASE_MAX_KM]
        if near:
            worker.remote_base = min(near)[2]
            chosen.append(worker)
    WorkerProfile.objects.bulk_update(chosen, ["remote_base"])
    return len(chosen)
