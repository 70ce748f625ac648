"""Replacements: who can take an absent worker's dated spans, every other week kept as it is.

A replacement instance is an ordinary engine instance of one week, built from a base
instance (the territory's workers, places and rules) and two kinds of spans:

- the *open* spans: the occurrences to replace, one mission each, with the need's skills,
  place and buyer, on their weekday;
- the *fixed* spans: the work the candidates already have that week, each a mission pinned
  to its worker and reserved to that worker alone (a private skill nobody else holds), so
  that the engine counts it (overlaps, travel between places, daily rest, daily and weekly
  limits) but never moves it: no other worker's week changes.

Only the workers eligible for at least one open span (skills, range, availability, not
forbidden on the need) are candidates; the absent workers never are. A candidate whose own
week the engine cannot honour (a rejected pin: their profile changed since the plan) is left
out and the instance solved again, so the proposal never rests on a week that breaks a rule.
The result is re-checked by :mod:`.validation`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from .schema import Block, EngineInput, EngineResult, Mission, Pair, Worker
from .solver import solve
from .validation import validate
from .variables import Problem

MAX_ROUNDS = 3
"""How many times a candidate with an impossible week may be dropped before giving up."""


@dataclass(frozen=True)
class Span:
    """A dated occurrence seen in its week: ``day`` 0-6, minutes from that day's midnight."""

    id: str
    day: int
    start: int
    end: int
    place: str | None
    buyer: str = ""
    skills: dict[str, int] = field(default_factory=dict)
    # The base instance's mission it dates ("" if none): its forbidden pairs apply.
    mission: str = ""
    # For a fixed span: the worker who does it.
    worker: str = ""

    @property
    def block(self) -> Block:
        return Block(self.day, self.start, self.end)


@dataclass(frozen=True)
class ReplacementLine:
    """The outcome for one open span: a worker, or the engine's reason code and params."""

    span: str
    worker: str | None
    reason: str = ""
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Replacement:
    """The instance solved, the engine's result and one line per open span."""

    instance: EngineInput
    result: EngineResult
    lines: list[ReplacementLine]
    dropped: list[str] = field(default_factory=list)


def _private_skill(worker_id: str) -> str:
    return f"@fixed:{worker_id}"


def _open_missions(spans: Sequence[Span]) -> list[Mission]:
    return [
        Mission(id=s.id, buyer=s.buyer, skills=dict(s.skills), place=s.place, slots=(s.block,))
        for s in spans
    ]


def candidates(base: EngineInput, open_spans: Sequence[Span], absent: Iterable[str]) -> list[str]:
    """The workers of ``base`` eligible for at least one open span, absent ones excluded."""
    excluded = set(absent)
    workers = tuple(w for w in base.workers if w.id not in excluded)
    if not workers or not open_spans:
        return []
    probe = EngineInput(
        rules=base.rules,
        places=base.places,
        workers=tuple(replace(w, previous=()) for w in workers),
        missions=tuple(_open_missions(open_spans)),
        forbidden=tuple(_forbidden(base, open_spans, {w.id for w in workers})),
    )
    problem = Problem(probe)
    eligible: set[int] = set()
    for found in problem.eligible_workers:
        eligible.update(int(w) for w in found)
    return [workers[w].id for w in sorted(eligible)]


def _forbidden(base: EngineInput, open_spans: Sequence[Span], known: set[str]) -> list[Pair]:
    by_mission: dict[str, list[str]] = {}
    for pair in base.forbidden:
        by_mission.setdefault(pair.mission, []).append(pair.worker)
    return [
        Pair(span.id, worker)
        for span in open_spans
        for worker in by_mission.get(span.mission, [])
        if worker in known
    ]


def replacement_input(
    base: EngineInput,
    *,
    open_spans: Sequence[Span],
    fixed_spans: Sequence[Span],
    candidate_ids: Iterable[str],
) -> EngineInput:
    """The week's instance: the candidates, their fixed spans pinned, the open spans free."""
    chosen = set(candidate_ids)
    fixed = [s for s in fixed_spans if s.worker in chosen]
    fixed_by_worker: dict[str, list[Span]] = {}
    for span in fixed:
        fixed_by_worker.setdefault(span.worker, []).append(span)
    workers: list[Worker] = []
    for worker in base.workers:
        if worker.id not in chosen:
            continue
        own = fixed_by_worker.get(worker.id, [])
        fixed_minutes = sum(s.end - s.start for s in own)
        workers.append(
            replace(
                worker,
                # Their current work is theirs whatever their profile says now.
                availability=tuple(worker.availability) + tuple(s.block for s in own),
                skills={**worker.skills, _private_skill(worker.id): 1},
                max_minutes=max(worker.max_minutes, fixed_minutes),
                previous=(),
            )
        )
    missions = _open_missions(open_spans) + [
        Mission(
            id=s.id,
            buyer=s.buyer,
            skills={_private_skill(s.worker): 1},
            place=s.place,
            slots=(s.block,),
        )
        for s in fixed
    ]
    return EngineInput(
        rules=base.rules,
        places=base.places,
        workers=tuple(workers),
        missions=tuple(missions),
        pinned=tuple(Pair(s.id, s.worker) for s in fixed),
        forbidden=tuple(_forbidden(base, open_spans, chosen)),
    )


def solve_replacement(
    base: EngineInput,
    *,
    open_spans: Sequence[Span],
    fixed_spans: Sequence[Span],
    absent: Iterable[str],
    time_limit_s: float = 10.0,
    seed: int = 1,
    num_workers: int = 2,
) -> Replacement:
    """Propose a worker for each open span of one week (see the module's docstring)."""
    chosen = candidates(base, open_spans, absent)
    dropped: list[str] = []
    for _round in range(MAX_ROUNDS + 1):
        instance = replacement_input(
            base, open_spans=open_spans, fixed_spans=fixed_spans, candidate_ids=chosen
        )
        result = solve(
            instance,
            method="engine",
            time_limit_s=time_limit_s,
            seed=seed,
            num_workers=num_workers,
        )
        troubled = sorted({pin.worker for pin in result.rejected_pins})
        if not troubled or _round == MAX_ROUNDS:
            break
        dropped.extend(troubled)
        chosen = [w for w in chosen if w not in troubled]
    report = validate(instance, result)
    if not report.ok:
        raise RuntimeError(f"the replacement breaks {len(report.violations)} rule(s)")
    return Replacement(
        instance=instance, result=result, lines=read_lines(result, open_spans), dropped=dropped
    )


def read_lines(result: EngineResult, open_spans: Sequence[Span]) -> list[ReplacementLine]:
    """One line per open span, in the spans' order; a pinned worker never takes an open span."""
    given = {a.mission: a.worker for a in result.assignments}
    why = {u.mission: u for u in result.unassigned}
    lines = []
    for span in open_spans:
        worker = given.get(span.id)
        if worker is not None:
            lines.append(ReplacementLine(span.id, worker))
            continue
        unassigned = why.get(span.id)
        if unassigned is None:
            lines.append(ReplacementLine(span.id, None, "no_available_worker", {"in_range": 0}))
        else:
            lines.append(ReplacementLine(span.id, None, unassigned.reason, dict(unassigned.params)))
    return lines
