"""Skills supply and demand, live from the data: by skill and level band, area and month.

How hours are counted (see docs/decisions/gpec-supply-demand.md):

- **Demand** of a mission = its weekly minutes (fixed slots summed, or the flexible volume),
  counted once for *each* skill it requires, in the band of the required minimum level.
  Missions counted: accepted, planned or running, whose period overlaps the period studied.
- **Supply** of a worker = their weekly available minutes (availability windows, overlaps of a
  day merged), capped at their maximum weekly minutes. A worker offers these *same* minutes
  to every skill they hold, in the band of their level and every lower band: one person's
  hours therefore count for several skills and bands (supply is "who could do it", not a sum
  of separate hours); totals by area count each worker's hours once.
- Counts of workers: `workers_cell` of each row is what a non-coordinator sees, after the
  small-cell rule with complementary suppression (maillage.people.privacy.suppress): the bands
  are cumulative, so the people exactly in a band (band 1-2 minus band 3-4) are protected
  too; communes add up to their EPCI and EPCIs to the territory's workers.
- Areas: a mission is placed in the commune of its address or tiers-lieu; a remote mission in
  its buyer's commune. A worker is placed in their home commune.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch

from maillage.consolidation.models import PlanState, PlanUnassigned, PlanVersion
from maillage.gpec.diagnosis_demand import add_declared_demand
from maillage.missions.models import FixedSlot, Mission, MissionSkill, MissionState, PlaceKind
from maillage.people.models import WorkerProfile
from maillage.people.privacy import Cell, suppress, suppress_bands
from maillage.skills.models import Skill, WorkerSkill
from maillage.territory.models import Commune, Territory

ACTIVE_STATES = (MissionState.ACCEPTED, MissionState.PLANNED, MissionState.RUNNING)
BANDS: tuple[tuple[int, int], ...] = ((1, 2), (3, 4), (5, 6), (7, 8))
REMOTE = "remote"
NOT_YET_PROTECTED = Cell(None)  # a row's workers are hidden until protect_small_groups runs


def band_label(level: int) -> str:
    """'3-4' for levels 3 and 4."""
    low = level - (1 - level % 2) if level % 2 == 0 else level
    return f"{low}-{low + 1}"


def band_index(level: int) -> int:
    return (level - 1) // 2


@dataclass(frozen=True)
class Period:
    start: dt.date | None
    end: dt.date | None


def studied_period(territory: Territory) -> tuple[Period, PlanVersion | None]:
    """The period of the territory's current published plan (or every active mission)."""
    published = (
        PlanVersion.objects.filter(territory=territory, state=PlanState.PUBLISHED)
        .order_by("-period_start", "-number")
        .first()
    )
    if published is None:
        return Period(None, None), None
    return Period(published.period_start, published.period_end), published


def active_missions(territory: Territory, period: Period) -> list[Mission]:
    missions = Mission.objects.filter(territory=territory, state__in=ACTIVE_STATES)
    if period.start is not None:
        missions = missions.filter(period_start__lte=period.end, period_end__gte=period.start)
    return list(
        missions.select_related("commune", "third_place__commune", "buyer__commune")
        .prefetch_related(
            Prefetch("skills", queryset=MissionSkill.objects.select_related("skill")),
            Prefetch("slots", queryset=FixedSlot.objects.all()),
        )
        .order_by("pk")
    )


def mission_commune(mission: Mission) -> Commune:
    """Where a mission's demand is counted: its place, or its buyer's commune when remote."""
    # An empty foreign key reads as None without a query.
    if mission.place_kind == PlaceKind.ADDRESS and mission.commune is not None:
        return mission.commune
    if mission.place_kind == PlaceKind.THIRD_PLACE and mission.third_place is not None:
        return mission.third_place.commune
    return mission.buyer.commune


def merged_minutes(windows: list[tuple[int, int, int]]) -> int:
    """Minutes covered by (day, start, end) windows, overlaps within a day counted once."""
    total = 0
    by_day: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for day, start, end in windows:
        by_day[day].append((start, end))
    for spans in by_day.values():
        spans.sort()
        current_start, current_end = spans[0]
        for start, end in spans[1:]:
            if start > current_end:
                total += current_end - current_start
                current_start, current_end = start, end
            else:
                current_end = max(current_end, end)
        total += current_end - current_start
    return total


def offered_minutes(worker: WorkerProfile) -> int:
    """A worker's weekly available minutes, capped at their maximum weekly minutes."""
    windows = [(w.weekday, w.start_minute, w.end_minute) for w in worker.availability.all()]
    if not windows:
        return 0
    return min(merged_minutes(windows), worker.max_weekly_minutes)


def territory_workers(territory: Territory) -> list[WorkerProfile]:
    return list(
        WorkerProfile.objects.filter(territory=territory, user__is_active=True)
        .select_related("home_commune", "user")
        .prefetch_related(
            "availability", Prefetch("skills", queryset=WorkerSkill.objects.select_related("skill"))
        )
        .order_by("pk")
    )


@dataclass
class SkillRow:
    skill_code: str
    skill_name: str
    band: str
    demand_minutes: int = 0
    missions: int = 0
    supply_minutes: int = 0
    workers: int = 0
    unmet_minutes: int = 0
    unmet_missions: int = 0
    workers_cell: Cell = NOT_YET_PROTECTED  # set by protect_small_groups

    @property
    def demand_hours(self) -> float:
        return round(self.demand_minutes / 60, 1)

    @property
    def supply_hours(self) -> float:
        return round(self.supply_minutes / 60, 1)

    @property
    def unmet_hours(self) -> float:
        return round(self.unmet_minutes / 60, 1)


@dataclass
class AreaRow:
    level: str  # "epci" or "commune"
    code: str
    name: str
    latitude: float | None
    longitude: float | None
    demand_minutes: int = 0
    missions: int = 0
    supply_minutes: int = 0
    workers: int = 0
    epci_code: str = ""
    workers_cell: Cell = NOT_YET_PROTECTED  # set by protect_small_groups
    #: Hours a week the directory's structures said they could buy (diagnosis_demand.py).
    declared_minutes: int = 0

    @property
    def demand_hours(self) -> float:
        return round(self.demand_minutes / 60, 1)

    @property
    def supply_hours(self) -> float:
        return round(self.supply_minutes / 60, 1)


@dataclass
class MonthRow:
    month: str  # "2026-11"
    demand_minutes: int
    missions: int
    change_minutes: int | None  # against the previous month
    change_ratio: float | None

    @property
    def demand_hours(self) -> float:
        return round(self.demand_minutes / 60, 1)


@dataclass
class SupplyDemand:
    territory: Territory
    period: Period
    published: PlanVersion | None
    skills: list[SkillRow] = field(default_factory=list)
    epcis: list[AreaRow] = field(default_factory=list)
    communes: list[AreaRow] = field(default_factory=list)
    months: list[MonthRow] = field(default_factory=list)
    total_demand_minutes: int = 0
    total_supply_minutes: int = 0
    total_workers: int = 0
    unmet_minutes: int = 0
    declared_demand_minutes: int = 0  # from the directory's diagnosis, beside the needs'

    @property
    def declared_demand_hours(self) -> float:
        return round(self.declared_demand_minutes / 60, 1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of the months from `start` to `end`."""
    months, day = [], start.replace(day=1)
    while day <= end:
        months.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return months


def month_end(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)


def supply_and_demand(*, territory: Territory) -> SupplyDemand:
    """Hours a week asked and offered, by skill and band, EPCI, commune and month."""
    period, published = studied_period(territory)
    missions = active_missions(territory, period)
    workers = territory_workers(territory)
    report = SupplyDemand(territory=territory, period=period, published=published)
    skills = {s.code: s for s in Skill.objects.all()}
    rows: dict[tuple[str, int], SkillRow] = {}

    def row(code: str, band: int) -> SkillRow:
        key = (code, band)
        if key not in rows:
            low, high = BANDS[band]
            rows[key] = SkillRow(code, skills[code].name, f"{low}-{high}")
        return rows[key]

    communes: dict[str, AreaRow] = {}
    epcis: dict[str, AreaRow] = {}

    def areas(commune: Commune) -> tuple[AreaRow, AreaRow]:
        epci_code = commune.epci_siren or commune.insee_code
        if commune.insee_code not in communes:
            communes[commune.insee_code] = AreaRow(
                "commune",
                commune.insee_code,
                commune.name,
                commune.latitude,
                commune.longitude,
                epci_code=epci_code,
            )
        if epci_code not in epcis:
            epcis[epci_code] = AreaRow(
                "epci", epci_code, commune.epci_name or commune.name, None, None
            )
        return communes[commune.insee_code], epcis[epci_code]

    minutes_of: dict[int, int] = {}
    for mission in missions:
        minutes = mission.weekly_minutes()
        minutes_of[mission.pk] = minutes
        report.total_demand_minutes += minutes
        for required in mission.skills.all():
            entry = row(required.skill.code, band_index(required.min_level))
            entry.demand_minutes += minutes
            entry.missions += 1
        for area in areas(mission_commune(mission)):
            area.demand_minutes += minutes
            area.missions += 1

    for worker in workers:
        minutes = offered_minutes(worker)
        report.total_supply_minutes += minutes
        report.total_workers += 1
        for held in worker.skills.all():
            for band in range(band_index(held.level) + 1):
                entry = row(held.skill.code, band)
                entry.supply_minutes += minutes
                entry.workers += 1
        for area in areas(worker.home_commune):
            area.supply_minutes += minutes
            area.workers += 1

    if published is not None:
        for unassigned in PlanUnassigned.objects.filter(version=published).select_related(
            "mission"
        ):
            unmet = minutes_of.get(unassigned.mission_id)
            if unmet is None:
                continue  # no longer active (cancelled since the plan)
            report.unmet_minutes += unmet
            for required in unassigned.mission.skills.select_related("skill"):
                entry = row(required.skill.code, band_index(required.min_level))
                entry.unmet_minutes += unmet
                entry.unmet_missions += 1

    add_declared_demand(report, areas)
    report.skills = sorted(rows.values(), key=lambda r: (r.skill_code, r.band))
    report.communes = sorted(communes.values(), key=lambda a: (-a.demand_minutes, a.name))
    # An EPCI's point on the map: the plain mean of its (listed) communes' coordinates.
    for epci in epcis.values():
        points = [
            (c.latitude, c.longitude)
            for c in communes.values()
            if c.latitude is not None and c.longitude is not None and c.epci_code == epci.code
        ]
        if points:
            epci.latitude = sum(p[0] for p in points) / len(points)
            epci.longitude = sum(p[1] for p in points) / len(points)
    report.epcis = sorted(epcis.values(), key=lambda a: (-a.demand_minutes, a.name))
    report.months = demand_by_month(missions, minutes_of)
    protect_small_groups(report)
    return report


def protect_small_groups(report: SupplyDemand) -> None:
    """Set each row's `workers_cell`: the count as shown outside the coordinator.

    The reader is assumed to know the territory's number of workers (the overview shows it).
    The checks cost a few small linear programs per small group (about 0.4 s for 60 communes
    of which 30 hold 1 to 4 workers).
    """
    labels = [f"{low}-{high}" for low, high in BANDS]
    by_skill: dict[str, dict[str, SkillRow]] = defaultdict(dict)
    for row in report.skills:
        by_skill[row.skill_code][row.band] = row
    for rows in by_skill.values():
        cumulative = [rows[label].workers if label in rows else 0 for label in labels]
        exact = [
            count - (cumulative[b + 1] if b + 1 < len(cumulative) else 0)
            for b, count in enumerate(cumulative)
        ]
        cells = suppress_bands(exact, total=report.total_workers)
        for label, cell in zip(labels, cells, strict=True):
            if label in rows:
                rows[label].workers_cell = cell
    # Communes (each worker in one) add up to their EPCI, EPCIs to the territory.
    communes = report.communes
    epcis = report.epcis
    figures = [[i] for i in range(len(communes))]
    figures += [
        [i for i, commune in enumerate(communes) if commune.epci_code == epci.code]
        for epci in epcis
    ]
    figures.append(list(range(len(communes))))
    cells = suppress([commune.workers for commune in communes], figures, anchors=[len(figures) - 1])
    for area, cell in zip([*communes, *epcis], cells, strict=False):
        area.workers_cell = cell


def demand_by_month(missions: list[Mission], minutes_of: dict[int, int]) -> list[MonthRow]:
    """Weekly demand of the missions running in each month, and its change month over month."""
    if not missions:
        return []
    first = min(m.period_start for m in missions)
    last = max(m.period_end for m in missions)
    rows: list[MonthRow] = []
    previous: int | None = None
    for month in months_between(first, last):
        end = month_end(month)
        running = [m for m in missions if m.period_start <= end and m.period_end >= month]
        minutes = sum(minutes_of[m.pk] for m in running)
        change = None if previous is None else minutes - previous
        ratio = None if not previous else round((minutes - previous) / previous, 4)
        rows.append(MonthRow(month.strftime("%Y-%m"), minutes, len(running), change, ratio))
        previous = minutes
    return rows
