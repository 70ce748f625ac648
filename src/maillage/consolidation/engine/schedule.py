"""A plan under construction: who does what, with incremental checks of every hard rule."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from itertools import islice

from .constraints import daily_rest, no_overlap, work_limits
from .constraints.availability import inside
from .placements import candidate_placements, free_spans, iter_placements
from .schema import DAYS_PER_WEEK, Block, EngineResult
from .variables import Problem

PLACEMENTS_LIMIT = 12
"""Placements of a flexible mission tried against a worker's current week."""


class Plan:
    """Assignments of missions to workers, kept consistent with the hard rules."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.assigned: dict[int, tuple[int, tuple[Block, ...]]] = {}
        n = len(problem.workers)
        self.entries: list[list[list[tuple[int, int, int, int]]]] = [
            [[] for _ in range(DAYS_PER_WEEK)] for _ in range(n)
        ]
        calendar = problem.calendar
        # Minutes per day number and per week of the period; ``worked_week`` counts the
        # minutes of working weeks (the figure judged against the threshold).
        self.worked_day = [[0] * calendar.days for _ in range(n)]
        self.week_minutes = [[0] * calendar.weeks for _ in range(n)]
        self.worked_week = [0] * n
        self.missions_of: list[set[int]] = [set() for _ in range(n)]

    @classmethod
    def from_result(cls, problem: Problem, result: EngineResult) -> Plan:
        """The plan of an engine result (its blocks as they are, not checked again)."""
        plan = cls(problem)
        for a in result.assignments:
            plan.add(problem.mission_index[a.mission], problem.worker_index[a.worker], a.blocks)
        return plan

    def copy(self) -> Plan:
        """An independent copy of this plan."""
        other = Plan.__new__(Plan)
        other.problem = self.problem
        other.assigned = dict(self.assigned)
        other.entries = [[list(day) for day in days] for days in self.entries]
        other.worked_day = [list(days) for days in self.worked_day]
        other.worked_week = list(self.worked_week)
        other.week_minutes = [list(weeks) for weeks in self.week_minutes]
        other.missions_of = [set(ms) for ms in self.missions_of]
        return other

    def at_threshold(self, w: int) -> bool:
        """True when worker ``w`` wishes the threshold and reaches it (average and floor)."""
        problem = self.problem
        if problem.workers[w].wished_minutes < problem.rules.threshold_minutes:
            return False
        if self.worked_week[w] < problem.target:
            return False
        floor = problem.rules.week_floor_minutes
        return floor <= 0 or all(
            minutes >= floor
            for minutes, on in zip(self.week_minutes[w], problem.calendar.working, strict=True)
            if on
        )

    def busy(self, w: int, m: int | None = None) -> list[tuple[Block, int]]:
        """Worker ``w``'s scheduled blocks with their places (those sharing a date with ``m``)."""
        share = self.problem.share
        return [
            (Block(d, s, e), p)
            for d, day in enumerate(self.entries[w])
            for s, e, p, other in day
            if m is None or share(m, other, d)
        ]

    def day_bounds(self, w: int) -> tuple[list[int | None], list[int | None]]:
        """Per day number, the start of worker ``w``'s first block and the end of its last."""
        days = self.problem.calendar.days
        first: list[int | None] = [None] * days
        last: list[int | None] = [None] * days
        occ = self.problem.occ
        for d, day in enumerate(self.entries[w]):
            for s, e, _, other in day:
                for n in occ[other][d]:
                    f, la = first[n], last[n]
                    first[n] = s if f is None else min(f, s)
                    last[n] = e if la is None else max(la, e)
        return first, last

    def check(self, m: int, w: int, blocks: tuple[Block, ...]) -> str | None:
        """None if worker ``w`` can take mission ``m`` in ``blocks`` now, else a rule code."""
        problem = self.problem
        if not problem.is_eligible(m, w):
            return "not_eligible"
        # Eligibility already checked the slots against availability, and flexible
        # placements are generated inside it; validation.py re-checks both independently.
        if problem.missions[m].flexible is not None and not all(
            inside(b, problem.availability[w]) for b in blocks
        ):
            return "availability"
        place = problem.location(m, w)

        def travel(a: int, b: int) -> int:
            return problem.travel(w, a, b)

        share = problem.share
        days_used: set[int] = set()
        for block in blocks:
            entries = [
                (s, e, p)
                for s, e, p, other in self.entries[w][block.day]
                if share(m, other, block.day)
            ]
            if block.day in days_used:
                entries += [
                    (b.start, b.end, place)
                    for b in blocks
                    if b.day == block.day and b is not block and b.start < block.start
                ]
            days_used.add(block.day)
            if not no_overlap.fits_day(entries, (block.start, block.end, place), travel):
                return "overlap_or_travel"
        added: dict[int, int] = {}
        dated = [(n, b.start, b.end) for b in blocks for n in problem.occ[m][b.day]]
        for n, start, end in dated:
            added[n] = added.get(n, 0) + end - start
        worker = problem.workers[w]
        broken = work_limits.fits(
            problem.rules,
            worker,
            self.worked_day[w],
            self.week_minutes[w],
            added,
            problem.mission_weeks[m],
        )
        if broken:
            return broken
        first, last = self.day_bounds(w)
        if not daily_rest.fits(
            first, last, dated, problem.rules.min_daily_rest_minutes, problem.calendar.next_day
        ):
            return "daily_rest"
        return None

    def placements(self, m: int, w: int, limit: int = PLACEMENTS_LIMIT) -> list[tuple[Block, ...]]:
        """Candidate blocks for mission ``m`` by worker ``w`` given its current schedule."""
        mission = self.problem.missions[m]
        if mission.flexible is None:
            return [mission.slots]
        spans = free_spans(self.problem, m, w, self.busy(w, m))
        return candidate_placements(spans, mission.flexible, self.problem.rules.step_minutes, limit)

    def week_room(self, m: int, w: int) -> bool:
        """True when mission ``m``'s minutes fit in worker ``w``'s weekly cap in every week.

        A mission's minutes per week do not depend on where its blocks go, so a worker
        without room is refused before any placement is built.
        """
        problem = self.problem
        cap = work_limits.week_cap(problem.rules, problem.workers[w])
        weeks = self.week_minutes[w]
        return all(weeks[k] + minutes <= cap for k, minutes in problem.mission_weeks[m].items())

    def fit(self, m: int, w: int) -> tuple[tuple[Block, ...] | None, str | None]:
        """The first placement of ``m`` that ``w`` can take now, or None and the last reason.

        The same candidates as :meth:`placements`, in the same order, built one at a time.
        """
        reason: str | None = "no_free_window"
        mission = self.problem.missions[m]
        if mission.flexible is None:
            candidates: Iterable[tuple[Block, ...]] = [mission.slots]
        else:
            spans = free_spans(self.problem, m, w, self.busy(w, m))
            candidates = islice(
                iter_placements(spans, mission.flexible, self.problem.rules.step_minutes),
                PLACEMENTS_LIMIT,
            )
        for blocks in candidates:
            reason = self.check(m, w, blocks)
            if reason is None:
                return blocks, None
        return None, reason

    def refit(
        self, m: int, w: int, held: tuple[int, tuple[Block, ...]]
    ) -> tuple[Block, ...] | None:
        """Where ``w`` can do ``m`` now: in ``held``'s blocks when ``held`` is ``w``'s and they
        still fit (nothing moves for nothing), else the first placement that fits."""
        if held[0] == w and self.check(m, w, held[1]) is None:
            return held[1]
        blocks, _ = self.fit(m, w)
        return blocks

    def add(self, m: int, w: int, blocks: tuple[Block, ...]) -> None:
        """Give mission ``m`` to worker ``w`` in ``blocks`` (checked by the caller)."""
        problem = self.problem
        place = problem.location(m, w)
        self.assigned[m] = (w, blocks)
        self.missions_of[w].add(m)
        for block in blocks:
            bisect.insort(self.entries[w][block.day], (block.start, block.end, place, m))
            for n in problem.occ[m][block.day]:
                self.worked_day[w][n] += block.minutes
        for k, minutes in problem.mission_weeks[m].items():
            self.week_minutes[w][k] += minutes
        self.worked_week[w] += problem.counted_minutes[m]

    def covered_minutes(self) -> int:
        """Minutes of the missions held (level 1)."""
        return sum(self.problem.mission_minutes[m] for m in self.assigned)

    def people_at_threshold(self) -> int:
        """How many workers are at the threshold (level 2)."""
        return sum(1 for w in range(len(self.problem.workers)) if self.at_threshold(w))

    def changed_missions(self, other: Plan) -> list[int]:
        """Missions that ``other`` holds otherwise: another worker, other blocks, or none."""
        return sorted(
            m
            for m in set(self.assigned) | set(other.assigned)
            if self.assigned.get(m) != other.assigned.get(m)
        )

    def adopt(self, other: Plan, missions: list[int]) -> None:
        """Hold ``missions`` as ``other`` holds them (a plan built from a copy of this one)."""
        for m in missions:
            if m in self.assigned:
                self.remove(m)
        for m in missions:
            if m in other.assigned:
                self.add(m, *other.assigned[m])

    def remove(self, m: int) -> None:
        """Take mission ``m`` back from its worker."""
        problem = self.problem
        w, blocks = self.assigned.pop(m)
        self.missions_of[w].discard(m)
        for block in blocks:
            day = self.entries[w][block.day]
            day[:] = [entry for entry in day if entry[3] != m]
            for n in problem.occ[m][block.day]:
                self.worked_day[w][n] -= block.minutes
        for k, minutes in problem.mission_weeks[m].items():
            self.week_minutes[w][k] -= minutes
        self.worked_week[w] -= problem.counted_minutes[m]
