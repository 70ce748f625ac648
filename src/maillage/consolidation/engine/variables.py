"""The indexed problem: eligible (mission, worker) pairs and the ways to do each mission.

Only pairs that pass every eligibility filter (skills, range, availability, forbidden) exist;
the model size is driven by eligible pairs, never by workers × missions.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from .calendar import calendar_of
from .constraints.availability import availability_mask, merge_windows
from .constraints.pins import forbidden_mask, pinned_workers
from .constraints.skills import skill_mask
from .constraints.travel_range import range_mask
from .geometry import great_circle_km_matrix, travel_minutes, travel_minutes_array
from .placements import candidate_placements, free_spans
from .schema import Block, EngineInput

HOME = -1
"""Location code of a remote mission: done where the worker works remotely (see ``location``)."""


class Problem:
    """An :class:`EngineInput` with indices, distances and eligibility computed once."""

    def __init__(self, instance: EngineInput) -> None:
        self.instance = instance
        self.rules = instance.rules
        self.workers = list(instance.workers)
        self.missions = list(instance.missions)
        self.place_index = {p.id: i for i, p in enumerate(instance.places)}
        self.worker_index = {w.id: i for i, w in enumerate(self.workers)}
        self.mission_index = {m.id: i for i, m in enumerate(self.missions)}
        lat = np.array([p.lat for p in instance.places], dtype=float)
        lon = np.array([p.lon for p in instance.places], dtype=float)
        self.place_km = great_circle_km_matrix(lat, lon, lat, lon) * self.rules.road_factor
        self.home_place = np.array([self.place_index[w.home] for w in self.workers], dtype=int)
        # Where each worker does remote missions: its tiers-lieu base if it chose one (then the
        # trip there counts like any other), else home (no trip).
        self.remote_place = np.array(
            [
                self.place_index[w.home if w.remote_base is None else w.remote_base]
                for w in self.workers
            ],
            dtype=int,
        )
        self.has_remote_base = [w.remote_base is not None for w in self.workers]
        self.mission_place = [
            HOME if m.place is None else self.place_index[m.place] for m in self.missions
        ]
        self.speed = [self.rules.speed_kmh[w.travel_mode] for w in self.workers]
        self.availability = [merge_windows(w.availability) for w in self.workers]
        self.calendar = calendar_of(instance)
        calendar = self.calendar
        self.occ = [calendar.occurrences[m.id] for m in self.missions]
        self.mission_weeks = [dict(calendar.week_minutes(m)) for m in self.missions]
        # Minutes over the period (coverage) and in working weeks (the 24 h level).
        self.mission_minutes = [sum(weeks.values()) for weeks in self.mission_weeks]
        self.counted_minutes = [
            sum(v for k, v in weeks.items() if calendar.working[k]) for weeks in self.mission_weeks
        ]
        self.target = self.rules.threshold_minutes * calendar.working_weeks
        """Minutes in working weeks a worker needs to be at the threshold on average."""
        self.share = lru_cache(maxsize=None)(self._share)
        self.pinned = pinned_workers(self)
        self.skilled = skill_mask(self)
        self.in_range = range_mask(self)
        self.available = availability_mask(self)
        self.allowed = forbidden_mask(self)
        eligible = self.skilled & self.in_range & self.available & self.allowed
        self.eligible_workers: list[list[int]] = [list(np.flatnonzero(r)) for r in eligible]
        self.eligible_missions: list[list[int]] = [[] for _ in self.workers]
        for m, workers in enumerate(self.eligible_workers):
            for w in workers:
                self.eligible_missions[w].append(m)
        self._eligible_sets = [set(ws) for ws in self.eligible_workers]
        # Mission → the worker whose ``previous`` lists it: a new term's renewals (the
        # platform lists a re-run's published pairs there too).
        self.renewed_from: dict[int, int] = {}
        for w, worker in enumerate(self.workers):
            for mission_id in worker.previous:
                if mission_id in self.mission_index:
                    self.renewed_from.setdefault(self.mission_index[mission_id], w)
        self.previous_worker: dict[int, int] = dict(self.renewed_from)
        # The published plan a re-run starts from (mission → worker, blocks), where its ids
        # still exist; its pairs also count as previous ones for stability.
        self.previous_plan: dict[int, tuple[int, tuple[Block, ...]]] = {}
        for a in instance.previous_plan:
            if a.mission in self.mission_index and a.worker in self.worker_index:
                m, w = self.mission_index[a.mission], self.worker_index[a.worker]
                self.previous_plan[m] = (w, a.blocks)
                self.previous_worker.setdefault(m, w)
        # Missions already started keep their worker and blocks from the published plan.
        self.frozen = {
            m: held for m, held in self.previous_plan.items() if self.missions[m].started
        }
        for m, (w, _) in self.frozen.items():
            self.pinned.setdefault(m, w)
        # A plan in force to repair and never fall below: one with an assignment the search
        # may still move. A previous plan of started missions alone (those that run on from
        # an earlier term) only freezes them; the rest is planned as a new period is.
        self.starts_from_published = any(m not in self.frozen for m in self.previous_plan)
        self.travel = lru_cache(maxsize=None)(self._travel)
        self._km_by_mission: dict[int, list[float]] = {}
        self._km_by_worker: dict[int, list[float]] = {}
        self._capacity: list[int] | None = None
        """Each worker's weekly capacity, set once by :func:`.bound.worker_capacity`."""

    def _share(self, m1: int, m2: int, day: int) -> bool:
        """True when missions ``m1`` and ``m2`` both happen on some date of weekday ``day``."""
        return m1 == m2 or not self.occ[m1][day].isdisjoint(self.occ[m2][day])

    def wish(self, w: int) -> int:
        """Worker ``w``'s wished minutes over the working weeks."""
        return self.workers[w].wished_minutes * self.calendar.working_weeks

    def days_of(self, m: int, block: Block) -> frozenset[int]:
        """Day numbers on which ``block`` of mission ``m`` happens."""
        return self.occ[m][block.day]

    def is_eligible(self, m: int, w: int) -> bool:
        """True when worker ``w`` passes every eligibility filter for mission ``m``."""
        return w in self._eligible_sets[m]

    def location(self, m: int, w: int) -> int:
        """Place index where worker ``w`` does mission ``m`` (its remote base or home if remote)."""
        place = self.mission_place[m]
        return int(self.remote_place[w]) if place == HOME else place

    def travels_for(self, m: int, w: int) -> bool:
        """True when worker ``w`` makes a trip for mission ``m``: it is on site, or remote and
        done at the worker's tiers-lieu base (a remote mission done at home is no trip)."""
        return self.mission_place[m] != HOME or self.has_remote_base[w]

    def road_km(self, from_place: int, to_place: int) -> float:
        """Road kilometres between two places."""
        return float(self.place_km[from_place, to_place])

    def _travel(self, w: int, from_place: int, to_place: int) -> int:
        """Whole minutes worker ``w`` needs between two places with its travel mode."""
        return travel_minutes(self.road_km(from_place, to_place), self.speed[w])

    def travels(
        self, w: int, from_places: np.ndarray | int, to_places: np.ndarray | int
    ) -> np.ndarray:
        """:meth:`travel` between places given as arrays (or one place and an array), in
        one array operation and with the same rounding."""
        return travel_minutes_array(self.place_km[from_places, to_places], self.speed[w])

    def home_km(self, m: int, w: int) -> float:
        """Road km from worker ``w``'s home to where it does mission ``m`` (0: remote at home)."""
        return self.road_km(int(self.home_place[w]), self.location(m, w))

    def km_of_eligible_workers(self, m: int) -> list[float]:
        """:meth:`home_km` of mission ``m`` for each of ``eligible_workers[m]``, in order.

        One array lookup instead of a call per pair: the construction and the marketplace
        baseline rank every eligible worker of every mission by it (2.5 million calls on a
        département, a third of the construction's time).
        """
        cached = self._km_by_mission.get(m)
        if cached is None:
            workers = np.asarray(self.eligible_workers[m], dtype=int)
            place = self.mission_place[m]
            places = (
                self.remote_place[workers]
                if place == HOME
                else np.full(len(workers), place, dtype=int)
            )
            cached = self.place_km[self.home_place[workers], places].tolist()
            self._km_by_mission[m] = cached
        return cached

    def km_of_eligible_missions(self, w: int) -> list[float]:
        """:meth:`home_km` of worker ``w`` for each of ``eligible_missions[w]``, in order."""
        cached = self._km_by_worker.get(w)
        if cached is None:
            missions = self.eligible_missions[w]
            places = np.array([self.location(m, w) for m in missions], dtype=int)
            cached = self.place_km[self.home_place[w], places].tolist() if missions else []
            self._km_by_worker[w] = cached
        return cached

    def options(self, m: int, w: int, limit: int = 8) -> list[tuple[Block, ...]]:
        """Ways worker ``w`` can do mission ``m`` on an empty week: its slots or placements."""
        mission = self.missions[m]
        if mission.flexible is None:
            return [mission.slots]
        spans = free_spans(self, m, w, busy=())
        return candidate_placements(spans, mission.flexible, self.rules.step_minutes, limit)
