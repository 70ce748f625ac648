"""Place a worker's flexible volumes together, side by side if need be, with CP-SAT.

The engine's placements (:mod:`.placements`) put a volume in one block a day, at the start
or the end of the day's longest free span, one volume at a time. The whole model's
relaxation (:mod:`.relaxed_volumes`) only asks that a worker's volumes fit, together, in
the time its fixed blocks and the trips to them leave. On the S benchmark (seed 2) it found
a week with a third person at 24 h whose volumes fit only as several blocks packed into the
same free hours: one at a time, the last one found no window and the person stayed below.

Here every volume may take one block in each free span of each day (on the step grid, at
least its ``min_block``, inside its windows and the worker's availability, clear of the
worker's other blocks and the trips to them); the blocks of all the worker's volumes do not
overlap, leave the travel between their places, and fit in the daily limit with what the
worker already does that day. Every block is then checked again by :meth:`.schedule.Plan.
check` as it is added: the model only proposes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from .placements import free_spans
from .schema import Block

if TYPE_CHECKING:
    from .schedule import Plan

PACKING_TIME_S = 1.0
"""CP-SAT's time for one worker's volumes (a few dozen variables: found in milliseconds)."""


def pack_volumes(plan: Plan, w: int, volumes: list[int], *, seed: int = 0) -> bool:
    """Add ``volumes`` (flexible missions not in ``plan``) to worker ``w``, all of them, and
    return True; or change nothing and return False."""
    blocks = _proposal(plan, w, volumes, seed)
    if not blocks:
        return False
    added: list[int] = []
    for m in volumes:
        if not plan.week_room(m, w) or plan.check(m, w, blocks[m]) is not None:
            for done in added:
                plan.remove(done)
            return False
        plan.add(m, w, blocks[m])
        added.append(m)
    return True


def _proposal(plan: Plan, w: int, volumes: list[int], seed: int) -> dict[int, tuple[Block, ...]]:
    """Blocks for each of ``volumes``, or {} when CP-SAT finds none in time."""
    problem = plan.problem
    step = problem.rules.step_minutes
    model = cp_model.CpModel()
    places = {problem.location(m, w) for m in volumes}
    # Blocks of volumes done in different places keep the longest trip between them apart:
    # more than needed between two of the same place, never less.
    gap = max((problem.travel(w, a, b) for a in places for b in places), default=0)
    gap_steps = -(-gap // step)
    per_day: dict[int, list[cp_model.IntervalVar]] = {}
    per_date: dict[int, list[cp_model.IntVar]] = {}
    parts: dict[int, list[tuple[int, cp_model.IntVar, cp_model.IntVar, cp_model.IntVar]]] = {}
    for m in volumes:
        flexible = problem.missions[m].flexible
        assert flexible is not None  # volumes only
        spans = free_spans(problem, m, w, plan.busy(w, m))
        sizes = []
        for day, day_spans in enumerate(spans):
            for lo, hi in day_spans:
                lo_step, hi_step = -(-lo // step), hi // step
                shortest = -(-flexible.min_block // step)
                if hi_step - lo_step < shortest:
                    continue
                used = model.new_bool_var("")
                start = model.new_int_var(lo_step, hi_step - shortest, "")
                size = model.new_int_var(0, hi_step - lo_step, "")
                end = model.new_int_var(lo_step, hi_step + gap_steps, "")
                model.add(end == start + size + gap_steps)
                model.add(start + size <= hi_step)
                model.add(size >= shortest).only_enforce_if(used)
                model.add(size == 0).only_enforce_if(~used)
                per_day.setdefault(day, []).append(
                    model.new_optional_interval_var(start, size + gap_steps, end, used, "")
                )
                for n in problem.occ[m][day]:
                    per_date.setdefault(n, []).append(size)
                parts.setdefault(m, []).append((day, start, size, used))
                sizes.append(size)
        if not sizes:
            return {}
        model.add(sum(sizes) * step == flexible.minutes)
    for intervals in per_day.values():
        model.add_no_overlap(intervals)
    for n, on_date in per_date.items():
        room = problem.rules.max_day_minutes - plan.worked_day[w][n]
        model.add(sum(on_date) * step <= room)
    # Fewest blocks: the shape a worker would choose.
    model.minimize(sum(used for ways in parts.values() for _, _, _, used in ways))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = PACKING_TIME_S
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    if solver.solve(model) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return {}
    blocks: dict[int, tuple[Block, ...]] = {}
    for m, ways in parts.items():
        taken = []
        for day, start, size, used in ways:
            if solver.value(used):
                first = solver.value(start) * step
                taken.append(Block(day, first, first + solver.value(size) * step))
        blocks[m] = tuple(sorted(taken))
    return blocks
