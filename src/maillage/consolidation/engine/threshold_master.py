"""Re-deal the missions of everyone who wishes the threshold at once, then rebuild the weeks.

The LNS re-solves ten or so workers at a time with their real placements; bringing one more
person to 24 h often needs missions to change hands along a chain longer than that (the
24 h step is flat for single moves). Here one CP-SAT model holds every worker who wishes
the threshold (on a small territory, :func:`territory_group`, every worker: someone who
does not wish it can then take a mission over in exchange) and every mission they could
take, in the relaxed week of
:mod:`.worker_rows` (cliques, daily and weekly caps, free hours for volumes, travel pairs,
placements left out):

- each mission goes to at most one of them, or stays with its holder outside the group;
- the minutes the group holds today stay covered (missions of workers outside the group
  stay covered whoever takes them);
- maximise, in this order, the workers reaching the threshold, the minutes covered, and the
  missions that stay with their holder (no change for its own sake).

The model starts from the plan (a complete hint). Its answer is rebuilt as real weeks with
:meth:`.schedule.Plan.fit` (a relaxed week does not always place: a volume may find no
window); what does not fit goes back to its holder where it still can, free missions are
covered again, threshold pushes follow, and the result replaces the plan only when it is
lexicographically better on (coverage, workers at the threshold) and keeps within the km
budget.

Travel between fixed missions enters as positions (:func:`.worker_rows.travel_conflicts`),
and the deal's round trips from home may not grow by more than the km budget leaves; a
rebuilt plan still over the budget gives moves back (:func:`give_back`), then gets a short
km polish. :func:`.solver.solve` ends with a re-deal on the LNS path (decision 0053, which
measures what it costs and brings); the benchmark's ``--redeal`` runs one more from the
engine's plan through :func:`.solver.redeal`.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ortools.sat.python import cp_model

from .bound import wishers_with_room, worker_capacity
from .construction import cover_remaining
from .geometry import hectometres
from .levels import worker_hectometres
from .lns import polish_km, total_hectometres
from .local_search import push_to_threshold, trade_up
from .model import minute_unit
from .objectives.reach_threshold import wishes_threshold
from .schedule import Plan
from .threshold_bound import open_missions, open_pairs
from .variables import Problem
from .worker_rows import travel_conflicts, worker_rows

MAX_CHOICES = 40_000
"""Above this many (mission, worker) choices in the group the model is not built. On the
generated M instance the group has 24,000–27,000; the model builds in 0.6 s there and CP-SAT
has a first solution 2 s later (L is far above: 398,000 on seed 1)."""

WISHERS_CHOICES_CUT = 8 * MAX_CHOICES
"""Above this many choices for all who wish the threshold, :func:`redeal_group` does not look
for those with room."""

PUSH_SECONDS = 1.0
"""At most this long for the threshold pushes after the rebuild, and as long again for the
trades of a mission for longer ones (:func:`.local_search.trade_up`) after them."""

KM_SECONDS = 2.0
"""At most this long for each way of bringing the rebuilt plan's km within the budget (moves
given back, then a km polish). The deal only sees round trips from home; before it saw them,
three 30-s re-deals of M seed 3 were all refused for km (one drove 0.2 % more than the
marketplace)."""

OBJECTIVE_LIMIT = 2**62
"""The deal's objective stays below this (CP-SAT's objective is a 64-bit integer)."""


Elapsed = Callable[[float], None]
"""Told the share (0–1) of the deal's time gone, at each better deal CP-SAT finds."""


class _EachDeal(cp_model.CpSolverSolutionCallback):
    """Tells ``elapsed`` how far the deal has gone, at each solution: the re-deal takes 30 %
    of a long run (3 minutes of a 10-minute one) and the run's progress should move."""

    def __init__(self, elapsed: Elapsed, seconds: float) -> None:
        super().__init__()
        self._elapsed, self._seconds = elapsed, seconds
        self._started = time.monotonic()

    def on_solution_callback(self) -> None:
        self._elapsed(min(1.0, (time.monotonic() - self._started) / self._seconds))


def group(problem: Problem, blocked: set[int]) -> dict[int, list[int]]:
    """Workers who wish the threshold and have room for it → missions they could take
    (pins respected; a started mission is pinned to its worker, ``Problem.frozen``)."""
    return open_pairs(problem, sorted(counting(problem)), set(open_missions(problem, blocked)))


def counting(problem: Problem) -> set[int]:
    """Workers a deal may bring to the threshold: those who wish it and have room."""
    return set(wishers_with_room(problem, worker_capacity(problem)))


def territory_group(problem: Problem, blocked: set[int]) -> dict[int, list[int]] | None:
    """Every worker with an open mission → those missions, when they fit in ``MAX_CHOICES``
    and someone can reach the threshold (a small territory), else None.

    Among wishers alone, a wisher cannot hand a mission to someone who does not wish the
    threshold in exchange for one it needs: the mission it gives up would go uncovered.
    With everyone in the deal, such a worker takes it over (:func:`deal` counts only
    :func:`counting` workers toward the threshold).
    """
    if sum(len(ms) for ms in problem.eligible_missions) > WISHERS_CHOICES_CUT:
        return None
    everyone = open_pairs(
        problem, list(range(len(problem.workers))), set(open_missions(problem, blocked))
    )
    pairs = {w: ms for w, ms in everyone.items() if ms}
    if sum(len(ms) for ms in pairs.values()) > MAX_CHOICES:
        return None
    return pairs if counting(problem).intersection(pairs) else None


def redeal_group(problem: Problem, blocked: set[int]) -> dict[int, list[int]] | None:
    """The :func:`territory_group` when it fits, else the :func:`group` when it has someone
    to re-deal and at most ``MAX_CHOICES`` choices."""
    territory = territory_group(problem, blocked)
    if territory is not None:
        return territory
    # Finding who has room takes 0.76–0.9 s on L; its wishers have 640,000–760,000 choices
    # and those with room 398,000 (seed 1), far above the limit. M's wishers have 45,000–49,000.
    wishers = [
        w for w, worker in enumerate(problem.workers) if wishes_threshold(problem.rules, worker)
    ]
    if sum(len(problem.eligible_missions[w]) for w in wishers) > WISHERS_CHOICES_CUT:
        return None
    pairs = group(problem, blocked)
    fits = bool(pairs) and sum(len(ms) for ms in pairs.values()) <= MAX_CHOICES
    return pairs if fits else None


def deal(
    problem: Problem,
    plan: Plan,
    pairs: dict[int, list[int]],
    *,
    time_limit_s: float,
    seed: int,
    num_workers: int,
    km_slack: int | None = None,
    allowance: int = 0,
    elapsed: Elapsed | None = None,
) -> dict[int, int] | None:
    """Mission → worker of the group for the relaxed re-deal (None when CP-SAT found none).

    With ``km_slack``, the deal's round trips (:func:`round_trips`) may grow by at most
    that many hectometres over the plan's. ``allowance`` is how many of the group's covered
    minutes may be given up for people at the threshold (the trade-off front's ε).
    ``elapsed`` hears how far the deal has gone at each solution found.
    """
    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_mission: dict[int, list[cp_model.IntVar]] = {}
    for w, missions in pairs.items():
        for m in missions:
            var = model.new_bool_var(f"x{m}_{w}")
            x[(m, w)] = var
            by_mission.setdefault(m, []).append(var)
            model.add_hint(var, plan.assigned.get(m, (None,))[0] == w)
    # A pin (and a started mission, pinned to its worker) stays where the plan honours it.
    for m, w in problem.pinned.items():
        if (m, w) in x and plan.assigned.get(m, (None,))[0] == w:
            model.add(x[(m, w)] == 1)
    for choices in by_mission.values():
        model.add_at_most_one(choices)
    floor = problem.rules.week_floor_minutes
    # Minutes in units of their common divisor keep the objective's coefficients small.
    unit = minute_unit(problem, [], list(by_mission))
    reached = []
    fills = []
    counts = counting(problem)
    for w, missions in pairs.items():
        for terms, rhs in worker_rows(problem, w, missions):
            model.add(sum(c * x[(m, w)] for m, c in terms) <= rhs)
        positions, pairs_left = travel_conflicts(problem, w, missions)
        for first, second in pairs_left:
            model.add_bool_or((~x[(first, w)], ~x[(second, w)]))
        for position in positions:
            # ``here[i]``: the worker is at the position's i-th place at that moment.
            here = [model.new_bool_var(f"at{w}") for _ in position]
            model.add_at_most_one(here)
            for at_place, (_, held_there) in zip(here, position, strict=True):
                for m in held_there:
                    model.add_implication(x[(m, w)], at_place)
        if w not in counts:
            continue
        y = model.new_bool_var(f"y{w}")
        model.add_hint(y, plan.at_threshold(w))
        counted = sum(problem.counted_minutes[m] * x[(m, w)] for m in missions)
        model.add(counted >= problem.target).only_enforce_if(y)
        for k, on in enumerate(problem.calendar.working):
            if floor > 0 and on:
                week = [m for m in missions if problem.mission_weeks[m].get(k, 0)]
                minutes = sum(problem.mission_weeks[m][k] * x[(m, w)] for m in week)
                model.add(minutes >= floor).only_enforce_if(y)
        reached.append(y)
        filled = model.new_int_var(0, problem.target // unit, f"fill{w}")
        model.add(unit * filled <= counted)
        fills.append(filled)
    # Minutes held outside the group stay covered whoever of the group takes them; the
    # group's own minutes and the free missions are covered only if one of the group does.
    swing = [m for m in by_mission if m not in plan.assigned or plan.assigned[m][0] in pairs]
    held = sum(problem.mission_minutes[m] for m, (w, _) in plan.assigned.items() if w in pairs)
    covered = sum((problem.mission_minutes[m] // unit) * v for m in swing for v in by_mission[m])
    model.add(unit * covered >= held - allowance)
    if km_slack is not None:
        # The relaxed week has no routes: each trip counts as a round trip from home. A
        # mission taken from someone outside the group saves that person's trips.
        outside = {
            m: w for m, (w, _) in plan.assigned.items() if m in by_mission and w not in pairs
        }
        trips = sum(round_trips(problem, m, w) * var for (m, w), var in x.items())
        saved = sum(round_trips(problem, m, w) * sum(by_mission[m]) for m, w in outside.items())
        today = sum(round_trips(problem, m, w) for m, (w, _) in plan.assigned.items() if w in pairs)
        model.add(trips - saved <= today + km_slack)
    kept = [x[(m, w)] for m, (w, _) in plan.assigned.items() if (m, w) in x]
    # Missions their last term's worker holds: kept by that worker, in the group or not.
    stable: list[cp_model.LinearExpr | int] = [
        x[(m, w)] if (m, w) in x else 1 - sum(by_mission[m])
        for m, (w, _) in plan.assigned.items()
        if m in by_mission and problem.previous_worker.get(m) == w
    ]
    model.maximize(
        _objective(
            reached=reached,
            stable=stable,
            fills=fills,
            covered=covered,
            kept=kept,
            fill_span=problem.target // unit,
            covered_span=sum(problem.mission_minutes[m] for m in swing) // unit,
            slope=allowance == 0 and not problem.starts_from_published,
        )
    )
    solver = cp_model.CpSolver()
    seconds = max(0.1, time_limit_s)
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = seed
    # Probing and symmetry detection take seconds of presolve on the 400,000 travel pairs of
    # the M instance; without them, 10 s from the engine's plan of M seed 3 gave 58 people
    # at 24 h instead of 56. CP-SAT's own neighbourhoods find the chains; its LP worker
    # does not: LNS only, 12 s gave 61 in the deal instead of 58 (59 adopted, not 57).
    solver.parameters.cp_model_probing_level = 0
    solver.parameters.symmetry_level = 0
    solver.parameters.use_lns_only = True
    status = solver.solve(model, None if elapsed is None else _EachDeal(elapsed, seconds))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {m: w for (m, w), var in x.items() if solver.value(var)}


def _objective(
    *,
    reached: list[cp_model.IntVar],
    stable: list[cp_model.LinearExpr | int],
    fills: list[cp_model.IntVar],
    covered: cp_model.LinearExpr | int,
    kept: list[cp_model.IntVar],
    fill_span: int,
    covered_span: int,
    slope: bool,
) -> cp_model.LinearExpr | int:
    """The deal's objective: people at the threshold, then (with ``slope``) the missions
    that stay with the worker who held them last term, and the minutes each wisher holds
    toward the threshold, then minutes covered, then missions kept with their holder.

    ``covered`` and ``fills`` count units of ``covered_span`` and ``fill_span`` (the most
    each can be, per wisher for the fills). The people are a flat step for single moves; the
    minutes toward the threshold are the slope that leads CP-SAT's neighbourhoods to those
    just below it, and the pushes after the rebuild finish what the deal brought close
    (decision 0053, amended: 4 more people in six paired 20-s deals of M, 1 without). Coverage
    cannot fall: the group's minutes are a constraint. Without the stable missions above
    it, the slope moved a next term's workshops away from last term's workers for nothing
    (stability 0.75 → 0.68 on M seed 1's renewal, for one person less).
    The caller leaves the slope out when coverage may be given up for people (the trade-off
    front's ``allowance``: coverage must come right after people there) and on a re-run
    (moves only for a strict improvement, decision 0045); so does this function where the
    coefficients would not stay under ``OBJECTIVE_LIMIT``.
    """
    per_minute = len(kept) + 1
    if slope:
        per_fill = per_minute * (covered_span + 1)
        per_stable = per_fill * (fill_span * len(fills) + 1)
        per_person = per_stable * (len(stable) + 1)
        if per_person * (len(reached) + 1) < OBJECTIVE_LIMIT:
            return (
                per_person * sum(reached)
                + per_stable * sum(stable)
                + per_fill * sum(fills)
                + per_minute * covered
                + sum(kept)
            )
    per_person = per_minute * (covered_span + 1)
    return per_person * sum(reached) + per_minute * covered + sum(kept)


def round_trips(problem: Problem, m: int, w: int) -> int:
    """Hectometres of a round trip from worker ``w``'s home to mission ``m`` on each of its
    dates (0 for a mission done at home; a volume's trips are not known before its blocks)."""
    if problem.missions[m].flexible is not None or not problem.travels_for(m, w):
        return 0
    dates = sum(len(problem.occ[m][slot.day]) for slot in problem.missions[m].slots)
    return dates * hectometres(2 * problem.home_km(m, w))


def rebuild(
    problem: Problem, plan: Plan, dealt: dict[int, int], group_workers: set[int], blocked: set[int]
) -> Plan:
    """A copy of ``plan`` with the group's missions dealt as in ``dealt``, as real weeks."""
    trial = plan.copy()
    moved = sorted(
        {m for m, w in dealt.items() if trial.assigned.get(m, (None,))[0] != w}
        | {m for m, (w, _) in trial.assigned.items() if w in group_workers and m not in dealt}
    )
    before = {m: trial.assigned[m] for m in moved if m in trial.assigned}
    for m in moved:
        if m in trial.assigned:
            trial.remove(m)
    # Fixed slots first (they have no choice), then volumes, longest first.
    fixed = sorted(
        (m for m in moved if m in dealt and problem.missions[m].flexible is None),
        key=lambda m: (-problem.mission_minutes[m], m),
    )
    volumes = {m for m in moved if m in dealt and problem.missions[m].flexible is not None}
    for m in fixed:
        w = dealt[m]
        blocks, _ = trial.fit(m, w)
        if blocks is None:
            # One of the worker's volumes may sit where the slot is: they are placed again
            # after the fixed slots (measured on M seed 3: 7 of 107 workshops dealt to
            # someone else found no room without it).
            for v in sorted(lift_volumes(problem, trial, w)):
                before[v] = trial.assigned[v]
                trial.remove(v)
                volumes.add(v)
            blocks, _ = trial.fit(m, w)
        if blocks is not None:
            trial.add(m, w, blocks)
    for v in sorted(volumes, key=lambda v: (-problem.mission_minutes[v], v)):
        # A lifted volume is one the deal left with its worker: every volume here is dealt.
        w = dealt[v]
        kept = before.get(v)
        blocks = trial.fit(v, w)[0] if kept is None else trial.refit(v, w, kept)
        if blocks is not None:
            trial.add(v, w, blocks)
    for m, (w, blocks) in before.items():
        if m not in trial.assigned and trial.check(m, w, blocks) is None:
            trial.add(m, w, blocks)
    cover_remaining(problem, trial, blocked)
    return trial


def give_back(
    problem: Problem,
    plan: Plan,
    trial: Plan,
    *,
    km_cap: int,
    coverage_floor: int,
    deadline: float,
) -> int:
    """Undo ``trial``'s moves from ``plan`` while ``trial`` drives more than ``km_cap``: the
    move that saves the most km first, as long as nobody in ``trial`` falls below the
    threshold and ``trial`` covers more than ``coverage_floor`` minutes. Returns how many.

    A moved mission goes back to its holder in ``plan`` when it still fits there, and is
    left free otherwise. The deal moves hundreds of missions for a few more people at the
    threshold; some of these moves only cover a little more, and they are what gives the
    km back (measured on M seed 2, where every rebuilt plan drove 2–3 % more than the
    marketplace: in three 20-s re-deals, 5–8 moves undone brought it within).
    """
    covered = trial.covered_minutes()
    undone = 0
    while total_hectometres(problem, trial) > km_cap and time.monotonic() < deadline:
        best: tuple[int, int, bool] | None = None
        for m in plan.changed_missions(trial):
            if m in problem.pinned or m not in trial.assigned:
                continue
            saving, returned = _undo_saving(problem, plan, trial, m)
            keeps_coverage = returned or covered - problem.mission_minutes[m] > coverage_floor
            if keeps_coverage and saving > 0 and (best is None or saving > best[0]):
                best = (saving, m, returned)
        if best is None:
            break
        _, m, returned = best
        trial.remove(m)
        if returned:
            trial.add(m, *plan.assigned[m])
        else:
            covered -= problem.mission_minutes[m]
        undone += 1
    return undone


def _undo_saving(problem: Problem, plan: Plan, trial: Plan, m: int) -> tuple[int, bool]:
    """The hectometres that giving ``m`` back to its holder in ``plan`` (or leaving it free,
    when it no longer fits there) saves ``trial``, 0 when someone would fall below the
    threshold; and whether it goes back. ``trial`` is left as it was."""
    w, blocks = trial.assigned[m]
    back = plan.assigned.get(m)
    workers = [w] if back is None or back[0] == w else [w, back[0]]
    reached = [trial.at_threshold(v) for v in workers]
    driven = sum(worker_hectometres(problem, trial, v) for v in workers)
    trial.remove(m)
    returned = back is not None and trial.check(m, *back) is None
    if returned:
        assert back is not None
        trial.add(m, *back)
    kept = all(trial.at_threshold(v) or not was for v, was in zip(workers, reached, strict=True))
    saving = driven - sum(worker_hectometres(problem, trial, v) for v in workers)
    if returned:
        trial.remove(m)
    trial.add(m, w, blocks)
    return (saving if kept else 0), returned


def lift_volumes(problem: Problem, plan: Plan, w: int) -> list[int]:
    """The volumes worker ``w`` holds that may be placed elsewhere in its week (not started)."""
    return [
        v
        for v in plan.missions_of[w]
        if problem.missions[v].flexible is not None and v not in problem.frozen
    ]


def reassign_wishers(
    problem: Problem,
    plan: Plan,
    blocked: set[int],
    *,
    deadline: float,
    seed: int,
    num_workers: int,
    km_budget: int | None,
    threshold_floor: int = 0,
    pairs: dict[int, list[int]] | None = None,
    coverage_floor: int | None = None,
    elapsed: Elapsed | None = None,
) -> dict[str, int]:
    """Re-deal the group's missions until ``deadline``; adopt the result when it is better.

    Better is more covered minutes, then more people at the threshold. With
    ``coverage_floor`` (the trade-off front), it is more people at the threshold, then more
    minutes, covering at least ``coverage_floor`` minutes: the deal may give up the plan's
    minutes above it. ``pairs`` is the :func:`group` when the caller has it already;
    ``elapsed`` hears how far the deal has gone (:func:`deal`).
    Returns statistics (``threshold_master_*``): the group's size and choices, how many of
    the group the relaxed deal gives the threshold's counted minutes, and, when adopted, the
    people at the threshold and the missions moved.
    """
    if pairs is None:
        pairs = group(problem, blocked)
    choices = sum(len(ms) for ms in pairs.values())
    stats = {"threshold_master_workers": len(pairs), "threshold_master_choices": choices}
    if not pairs or choices > MAX_CHOICES:
        return stats
    plan_km = total_hectometres(problem, plan)
    km_cap = None if km_budget is None else max(km_budget, plan_km)
    plan_covered = plan.covered_minutes()
    floor = plan_covered if coverage_floor is None else min(coverage_floor, plan_covered)
    dealt = deal(
        problem,
        plan,
        pairs,
        time_limit_s=deadline - time.monotonic() - 2 * PUSH_SECONDS - KM_SECONDS,
        seed=seed,
        num_workers=num_workers,
        km_slack=None if km_cap is None else km_cap - plan_km,
        allowance=plan_covered - floor,
        elapsed=elapsed,
    )
    if dealt is None:
        return stats
    counted: dict[int, int] = {}
    for m, w in dealt.items():
        counted[w] = counted.get(w, 0) + problem.counted_minutes[m]
    counts = counting(problem)
    stats["threshold_master_dealt"] = sum(
        1 for w, v in counted.items() if v >= problem.target and w in counts
    )
    rebuilt = rebuild(problem, plan, dealt, set(pairs), blocked)
    pushed = rebuilt.copy()
    push_to_threshold(problem, pushed, blocked, deadline=time.monotonic() + PUSH_SECONDS)
    trade_up(problem, pushed, blocked, deadline=time.monotonic() + PUSH_SECONDS)

    def key(candidate: Plan) -> tuple[int, int]:
        covered = candidate.covered_minutes()
        if coverage_floor is None:
            return covered, candidate.people_at_threshold()
        return candidate.people_at_threshold(), covered

    def covers_floor(candidate: Plan) -> bool:
        return candidate.covered_minutes() >= floor

    current = key(plan)
    # The pushes do not see the budget: when the plan with them stays over it, the plan
    # without them may not be.
    for trial in (pushed, rebuilt):
        if key(trial) <= current:
            continue
        if km_cap is not None and total_hectometres(problem, trial) > km_cap:
            stats["threshold_master_km_undone"] = give_back(
                problem,
                plan,
                trial,
                km_cap=km_cap,
                coverage_floor=floor,
                deadline=min(deadline, time.monotonic() + KM_SECONDS),
            )
        if km_cap is not None and total_hectometres(problem, trial) > km_cap:
            # Shorter routes, giving back at most the coverage the re-deal added.
            polish_km(
                problem,
                trial,
                blocked,
                deadline=min(deadline, time.monotonic() + KM_SECONDS),
                seed=seed,
                num_workers=num_workers,
                floor=floor,
                km_target=km_cap,
            )
            stats["threshold_master_km_polished"] = 1
        within = km_cap is None or total_hectometres(problem, trial) <= km_cap
        reached = trial.people_at_threshold()
        if within and reached >= threshold_floor and covers_floor(trial) and key(trial) > current:
            changed = plan.changed_missions(trial)
            plan.adopt(trial, changed)
            stats["threshold_master_adopted"] = reached
            stats["threshold_master_moved"] = len(changed)
            break
    return stats
