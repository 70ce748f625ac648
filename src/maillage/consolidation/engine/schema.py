"""Input and output of the engine: dataclasses with JSON-compatible ``from_dict``/``to_dict``.

The format is documented in ``docs/engine-format.md`` and, as JSON Schema, in
``schemas/input.schema.json`` and ``schemas/output.schema.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

INPUT_FORMAT = "maillage-consolidation/1"
OUTPUT_FORMAT = "maillage-consolidation-result/1"
DAYS_PER_WEEK = 7
MINUTES_PER_DAY = 1440

DEFAULT_SPEED_KMH = {"car": 50.0, "transit": 25.0, "bike": 15.0, "walk": 4.5}


class InputError(ValueError):
    """The input document is malformed or refers to unknown ids."""


def _date(value: Any) -> date | None:
    """An ISO date (``YYYY-MM-DD``) or None; InputError when malformed."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise InputError(f"invalid date {value!r}") from error


@dataclass(frozen=True)
class Period:
    """The planned period: its first and last dates and the weeks that are not working weeks.

    ``non_working_weeks`` are dates (any day of the week; normally its Monday) of calendar
    weeks left out of the 24 h average (e.g. school holidays of an annualised contract).
    """

    first_date: date
    last_date: date
    non_working_weeks: tuple[date, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Period:
        """Build a period from its JSON object."""
        first, last = _date(data.get("first_date")), _date(data.get("last_date"))
        if first is None or last is None or first > last:
            raise InputError(f"invalid period {data!r}")
        weeks = tuple(sorted({d for d in map(_date, data.get("non_working_weeks", [])) if d}))
        return cls(first, last, weeks)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this period."""
        return {
            "first_date": self.first_date.isoformat(),
            "last_date": self.last_date.isoformat(),
            "non_working_weeks": [d.isoformat() for d in self.non_working_weeks],
        }


@dataclass(frozen=True)
class Rules:
    """Labour and travel rules shared by every worker of an instance."""

    step_minutes: int = 15
    max_day_minutes: int = 600
    max_week_minutes: int = 2880
    min_daily_rest_minutes: int = 660
    threshold_minutes: int = 1440
    road_factor: float = 1.3
    week_floor_minutes: int = 0
    speed_kmh: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_SPEED_KMH))
    renewals_raise_km_budget: bool = False
    """The km budget is the marketplace's that rebooks renewals when it drives more
    (decision 0056)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Rules:
        """Build rules from their JSON object; missing keys take the documented defaults."""
        speeds = dict(DEFAULT_SPEED_KMH)
        speeds.update({mode: float(v) for mode, v in data.get("speed_kmh", {}).items()})
        return cls(
            step_minutes=int(data.get("step_minutes", 15)),
            max_day_minutes=int(data.get("max_day_minutes", 600)),
            max_week_minutes=int(data.get("max_week_minutes", 2880)),
            min_daily_rest_minutes=int(data.get("min_daily_rest_minutes", 660)),
            threshold_minutes=int(data.get("threshold_minutes", 1440)),
            road_factor=float(data.get("road_factor", 1.3)),
            week_floor_minutes=int(data.get("week_floor_minutes", 0)),
            speed_kmh=speeds,
            renewals_raise_km_budget=bool(data.get("renewals_raise_km_budget", False)),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of these rules."""
        return {
            "step_minutes": self.step_minutes,
            "max_day_minutes": self.max_day_minutes,
            "max_week_minutes": self.max_week_minutes,
            "min_daily_rest_minutes": self.min_daily_rest_minutes,
            "threshold_minutes": self.threshold_minutes,
            "road_factor": self.road_factor,
            "week_floor_minutes": self.week_floor_minutes,
            "speed_kmh": dict(self.speed_kmh),
            "renewals_raise_km_budget": self.renewals_raise_km_budget,
        }


@dataclass(frozen=True, order=True)
class Block:
    """A span of time on one day of the week: ``day`` 0 (Monday)–6, minutes from midnight."""

    day: int
    start: int
    end: int

    @property
    def minutes(self) -> int:
        """Length of the block in minutes."""
        return self.end - self.start

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        """Build a block from ``{"day", "start", "end"}``."""
        block = cls(int(data["day"]), int(data["start"]), int(data["end"]))
        if not (0 <= block.day < DAYS_PER_WEEK and 0 <= block.start < block.end <= 1440):
            raise InputError(f"invalid block {data!r}")
        return block

    def to_dict(self) -> dict[str, int]:
        """Return the JSON object of this block."""
        return {"day": self.day, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Place:
    """A place where on-site missions happen (a commune centre, a school...)."""

    id: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Worker:
    """A person who can be given missions."""

    id: str
    home: str
    travel_mode: str
    max_km: float
    skills: dict[str, int]
    availability: tuple[Block, ...]
    wished_minutes: int
    max_minutes: int
    previous: tuple[str, ...] = ()
    remote_base: str | None = None
    """Place where the worker does remote missions (a tiers-lieu); ``None``: at home."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Worker:
        """Build a worker from its JSON object."""
        return cls(
            id=str(data["id"]),
            home=str(data["home"]),
            travel_mode=str(data.get("travel_mode", "car")),
            max_km=float(data.get("max_km", 30)),
            skills={str(k): int(v) for k, v in data.get("skills", {}).items()},
            availability=tuple(Block.from_dict(b) for b in data.get("availability", [])),
            wished_minutes=int(data.get("wished_minutes", 0)),
            max_minutes=int(data.get("max_minutes", data.get("wished_minutes", 0))),
            previous=tuple(str(m) for m in data.get("previous", [])),
            remote_base=None if data.get("remote_base") is None else str(data["remote_base"]),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this worker."""
        return {
            "id": self.id,
            "home": self.home,
            "travel_mode": self.travel_mode,
            "max_km": self.max_km,
            "skills": dict(self.skills),
            "availability": [b.to_dict() for b in self.availability],
            "wished_minutes": self.wished_minutes,
            "max_minutes": self.max_minutes,
            "previous": list(self.previous),
            **({} if self.remote_base is None else {"remote_base": self.remote_base}),
        }


@dataclass(frozen=True)
class Flexible:
    """A weekly volume placed by the engine: ``minutes`` in blocks of ``min_block`` or more."""

    minutes: int
    min_block: int
    windows: tuple[Block, ...]


@dataclass(frozen=True)
class Mission:
    """Recurring weekly work for one buyer: fixed ``slots`` or a ``flexible`` volume."""

    id: str
    buyer: str
    skills: dict[str, int]
    place: str | None
    slots: tuple[Block, ...] = ()
    flexible: Flexible | None = None
    first_date: date | None = None
    last_date: date | None = None
    excluded_dates: tuple[date, ...] = ()
    started: bool = False

    @property
    def dated(self) -> bool:
        """True when the mission carries its own dates (first, last or excluded)."""
        return bool(self.first_date or self.last_date or self.excluded_dates)

    @property
    def minutes(self) -> int:
        """Weekly minutes this mission demands."""
        if self.flexible is not None:
            return self.flexible.minutes
        return sum(slot.minutes for slot in self.slots)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mission:
        """Build a mission from its JSON object."""
        flexible = None
        if data.get("flexible"):
            flex = data["flexible"]
            flexible = Flexible(
                minutes=int(flex["minutes"]),
                min_block=int(flex.get("min_block", 15)),
                windows=tuple(Block.from_dict(b) for b in flex["windows"]),
            )
        slots = tuple(Block.from_dict(b) for b in data.get("slots", []))
        if (flexible is None) == (not slots):
            raise InputError(f"mission {data.get('id')!r} needs either slots or flexible")
        place = data.get("place")
        mission = cls(
            id=str(data["id"]),
            buyer=str(data.get("buyer", "")),
            skills={str(k): int(v) for k, v in data.get("skills", {}).items()},
            place=None if place is None else str(place),
            slots=slots,
            flexible=flexible,
            first_date=_date(data.get("first_date")),
            last_date=_date(data.get("last_date")),
            excluded_dates=tuple(
                sorted({d for d in (_date(x) for x in data.get("excluded_dates", [])) if d})
            ),
            started=bool(data.get("started", False)),
        )
        if mission.first_date and mission.last_date and mission.first_date > mission.last_date:
            raise InputError(f"mission {mission.id!r}: first_date after last_date")
        return mission

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this mission."""
        data: dict[str, Any] = {
            "id": self.id,
            "buyer": self.buyer,
            "skills": dict(self.skills),
            "place": self.place,
        }
        if self.flexible is not None:
            data["flexible"] = {
                "minutes": self.flexible.minutes,
                "min_block": self.flexible.min_block,
                "windows": [b.to_dict() for b in self.flexible.windows],
            }
        else:
            data["slots"] = [b.to_dict() for b in self.slots]
        if self.first_date:
            data["first_date"] = self.first_date.isoformat()
        if self.last_date:
            data["last_date"] = self.last_date.isoformat()
        if self.excluded_dates:
            data["excluded_dates"] = [d.isoformat() for d in self.excluded_dates]
        if self.started:
            data["started"] = True
        return data


@dataclass(frozen=True)
class Pair:
    """A (mission, worker) pair, used for pins and forbidden pairs."""

    mission: str
    worker: str

    def to_dict(self) -> dict[str, str]:
        """Return the JSON object of this pair."""
        return {"mission": self.mission, "worker": self.worker}


@dataclass(frozen=True)
class EngineInput:
    """One consolidation problem: a territory's workers and weekly missions."""

    rules: Rules
    places: tuple[Place, ...]
    workers: tuple[Worker, ...]
    missions: tuple[Mission, ...]
    pinned: tuple[Pair, ...] = ()
    forbidden: tuple[Pair, ...] = ()
    period: Period | None = None
    previous_plan: tuple[Assignment, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EngineInput:
        """Build an input from its JSON document; raise :class:`InputError` if inconsistent."""
        if data.get("format", INPUT_FORMAT) != INPUT_FORMAT:
            raise InputError(f"unknown format {data.get('format')!r}")
        try:
            instance = cls(
                rules=Rules.from_dict(data.get("rules", {})),
                places=tuple(
                    Place(str(p["id"]), float(p["lat"]), float(p["lon"]))
                    for p in data.get("places", [])
                ),
                workers=tuple(Worker.from_dict(w) for w in data.get("workers", [])),
                missions=tuple(Mission.from_dict(m) for m in data.get("missions", [])),
                pinned=tuple(
                    Pair(str(p["mission"]), str(p["worker"])) for p in data.get("pinned", [])
                ),
                forbidden=tuple(
                    Pair(str(p["mission"]), str(p["worker"])) for p in data.get("forbidden", [])
                ),
                period=Period.from_dict(data["period"]) if data.get("period") else None,
                previous_plan=tuple(
                    Assignment(
                        str(a["mission"]),
                        str(a["worker"]),
                        tuple(Block.from_dict(b) for b in a.get("blocks", [])),
                    )
                    for a in (data.get("previous_plan") or {}).get("assignments", [])
                ),
            )
        except (KeyError, TypeError, ValueError) as error:
            if isinstance(error, InputError):
                raise
            raise InputError(f"malformed input: {error!r}") from error
        instance.check_references()
        return instance

    def check_references(self) -> None:
        """Raise :class:`InputError` on duplicate ids or references to unknown ids."""
        place_ids = {p.id for p in self.places}
        worker_ids = [w.id for w in self.workers]
        mission_ids = [m.id for m in self.missions]
        for label, ids in (
            ("place", [p.id for p in self.places]),
            ("worker", worker_ids),
            ("mission", mission_ids),
        ):
            if len(set(ids)) != len(ids):
                raise InputError(f"duplicate {label} id")
        for worker in self.workers:
            if worker.home not in place_ids:
                raise InputError(f"worker {worker.id}: unknown home place {worker.home!r}")
            if worker.remote_base is not None and worker.remote_base not in place_ids:
                raise InputError(
                    f"worker {worker.id}: unknown remote base place {worker.remote_base!r}"
                )
            if worker.travel_mode not in self.rules.speed_kmh:
                raise InputError(f"worker {worker.id}: unknown travel mode {worker.travel_mode!r}")
        for mission in self.missions:
            if mission.place is not None and mission.place not in place_ids:
                raise InputError(f"mission {mission.id}: unknown place {mission.place!r}")
        known_workers, known_missions = set(worker_ids), set(mission_ids)
        for pair in (*self.pinned, *self.forbidden):
            if pair.mission not in known_missions or pair.worker not in known_workers:
                raise InputError(f"pin/forbidden pair refers to unknown ids: {pair}")
        pinned_missions = [p.mission for p in self.pinned]
        if len(set(pinned_missions)) != len(pinned_missions):
            raise InputError("a mission is pinned to more than one worker")
        previous_missions = [a.mission for a in self.previous_plan]
        if len(set(previous_missions)) != len(previous_missions):
            raise InputError("previous_plan gives a mission more than once")

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON document of this input."""
        data: dict[str, Any] = {
            "format": INPUT_FORMAT,
            "rules": self.rules.to_dict(),
            "places": [{"id": p.id, "lat": p.lat, "lon": p.lon} for p in self.places],
            "workers": [w.to_dict() for w in self.workers],
            "missions": [m.to_dict() for m in self.missions],
            "pinned": [p.to_dict() for p in self.pinned],
            "forbidden": [p.to_dict() for p in self.forbidden],
        }
        if self.period is not None:
            data["period"] = self.period.to_dict()
        if self.previous_plan:
            data["previous_plan"] = {"assignments": [a.to_dict() for a in self.previous_plan]}
        return data


@dataclass(frozen=True)
class Assignment:
    """A mission given whole to one worker, with the blocks it is done in."""

    mission: str
    worker: str
    blocks: tuple[Block, ...]
    occurrences: tuple[Occurrence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this assignment (dated occurrences when there are)."""
        data: dict[str, Any] = {
            "mission": self.mission,
            "worker": self.worker,
            "blocks": [b.to_dict() for b in self.blocks],
        }
        if self.occurrences:
            data["occurrences"] = [o.to_dict() for o in self.occurrences]
        return data


@dataclass(frozen=True, order=True)
class Occurrence:
    """One dated occurrence of a planned block: ``date``, minutes from its midnight."""

    date: date
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this occurrence."""
        return {"date": self.date.isoformat(), "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Unassigned:
    """A mission left without a worker, with a reason code and a readable detail."""

    mission: str
    reason: str
    detail: str = ""
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object of this unassigned mission."""
        return {
            "mission": self.mission,
            "reason": self.reason,
            "detail": self.detail,
            "params": dict(self.params),
        }


@dataclass(frozen=True)
class RejectedPin:
    """A pin the engine could not honour, reported instead of silently dropped."""

    mission: str
    worker: str
    reason: str
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return the JSON object of this rejected pin."""
        return {
            "mission": self.mission,
            "worker": self.worker,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass
class EngineResult:
    """A plan: assignments, unassigned missions, objective, bound and metrics."""

    status: str
    objective: int
    bound: int
    assignments: list[Assignment]
    unassigned: list[Unassigned]
    metrics: dict[str, Any]
    rejected_pins: list[RejectedPin] = field(default_factory=list)
    method: str = "engine"
    levels: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EngineResult:
        """Build a result from its JSON document."""
        if data.get("format") != OUTPUT_FORMAT:
            raise InputError(f"unknown result format {data.get('format')!r}")
        return cls(
            status=str(data["status"]),
            objective=int(data.get("objective", 0)),
            bound=int(data.get("bound", 0)),
            assignments=[
                Assignment(
                    str(a["mission"]),
                    str(a["worker"]),
                    tuple(Block.from_dict(b) for b in a["blocks"]),
                    tuple(
                        Occurrence(date.fromisoformat(o["date"]), int(o["start"]), int(o["end"]))
                        for o in a.get("occurrences", [])
                    ),
                )
                for a in data.get("assignments", [])
            ],
            unassigned=[
                Unassigned(
                    str(u["mission"]),
                    str(u["reason"]),
                    str(u.get("detail", "")),
                    dict(u.get("params", {})),
                )
                for u in data.get("unassigned", [])
            ],
            metrics=dict(data.get("metrics", {})),
            rejected_pins=[
                RejectedPin(
                    str(p["mission"]), str(p["worker"]), str(p["reason"]), str(p.get("detail", ""))
                )
                for p in data.get("rejected_pins", [])
            ],
            method=str(data.get("method", "engine")),
            levels=dict(data.get("levels", {})),
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON document of this result."""
        return {
            "format": OUTPUT_FORMAT,
            "status": self.status,
            "method": self.method,
            "objective": self.objective,
            "bound": self.bound,
            "assignments": [a.to_dict() for a in self.assignments],
            "unassigned": [u.to_dict() for u in self.unassigned],
            "rejected_pins": [p.to_dict() for p in self.rejected_pins],
            "metrics": dict(self.metrics),
            "levels": dict(self.levels),
        }
