"""Where unplaced volumes could go: gaps between a worker's fixed blocks, travel included.

The whole model's relaxation (:func:`.solver._whole_model_by_levels`) places flexible
volumes nowhere; the weekly rows of :func:`.worker_rows.flexible_time_rows` only fit their
minutes in the worker's free hours. On the S benchmark (seed 2) that let a worker reach 24 h
with 20 h of volumes in hours that its three on-site workshops, and the trips home from
them, leave too short (decision 0055). Here, in the typical week, each worker's volumes are
blocks of time in its room (the volumes' windows within its availability), each at least the
shortest volume block, that keep clear of every fixed block it holds and of the travel
between that block and where the volumes are done, and that fit in the daily limit with the
fixed blocks of the day; the blocks start and end on the step grid (``step_minutes``).

Every plan of the engine is a solution: a volume block lies in its window and the worker's
availability, starts and ends on the step grid, lasts ``min_block`` or more, and
(:mod:`.constraints.no_overlap`) leaves the travel minutes from and to every other block of
the day; blocks of different volumes may touch. Travel minutes obey the triangle
inequality (whole minutes rounded up of a metric), so a block in between never shortens the
gap needed. Volumes are not told apart (they share the room), which only admits more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from .bound import flexible_room

if TYPE_CHECKING:
    from .model import Choice, SubModel
    from .schedule import Plan


@dataclass
class Slot:
    """One block of time a worker's volumes may take in a span of its room, if ``used``;
    ``sides`` say, per fixed block it must keep clear of, whether it comes first."""

    start: cp_model.IntVar
    size: cp_model.IntVar
    end: cp_model.IntVar
    used: cp_model.IntVar
    sides: list[tuple[cp_model.IntVar, int]] = field(default_factory=list)
    """(comes first, the fixed block's zone start) per zone of the span."""


Spans = dict[tuple[int, int, int, int], list[Slot]]
"""(worker, weekday, span start, span end) → its slots, in time order."""


def fit_volumes_between_blocks(sub: SubModel) -> Spans:
    """Add, per worker holding volumes in ``sub``, the blocks of time its volumes need;
    return the slots, for :func:`hint_slots`."""
    problem = sub.problem
    spans: Spans = {}
    if not problem.calendar.cyclic:
        # With dates, blocks on one weekday happen on different dates per mission: the rows
        # of ``flexible_time_rows`` stand alone there.
        return spans
    for w, choices in sub.by_worker.items():
        volumes = [c for c in choices if problem.missions[c.mission].flexible is not None]
        if volumes:
            fixed = [c for c in choices if problem.missions[c.mission].flexible is None]
            _worker_volumes(sub, w, volumes, fixed, spans)
    return spans


def hint_slots(sub: SubModel, spans: Spans, plan: Plan) -> None:
    """Hint the slots with where ``plan`` puts its volumes (with the choices hinted by
    :meth:`.model.SubModel.hint`, a complete hint: CP-SAT starts from the plan)."""
    problem = sub.problem
    step = problem.rules.step_minutes
    placed: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for m, (w, blocks) in plan.assigned.items():
        if problem.missions[m].flexible is not None:
            for block in blocks:
                placed.setdefault((w, block.day), []).append((block.start, block.end))
    for (w, day, lo, hi), slots in spans.items():
        inside = sorted(b for b in placed.get((w, day), []) if lo <= b[0] and b[1] <= hi)
        for i, slot in enumerate(slots):
            grid_lo = -(-lo // step) * step
            start, end = inside[i] if i < len(inside) else (grid_lo, grid_lo)
            sub.model.add_hint(slot.start, start)
            sub.model.add_hint(slot.size, end - start)
            sub.model.add_hint(slot.end, end)
            sub.model.add_hint(slot.used, i < len(inside))
            for first, zone_start in slot.sides:
                sub.model.add_hint(first, end <= zone_start)


def _worker_volumes(
    sub: SubModel, w: int, volumes: list[Choice], fixed: list[Choice], spans: Spans
) -> None:
    problem, model = sub.problem, sub.model
    missions = sorted({c.mission for c in volumes})
    flexibles = [problem.missions[m].flexible for m in missions]
    shortest = min(f.min_block for f in flexibles if f is not None)
    most = sum(f.minutes for f in flexibles if f is not None)
    step = problem.rules.step_minutes
    places = {problem.location(m, w) for m in missions}
    blocks: list[cp_model.IntVar] = []
    for day, room in enumerate(flexible_room(problem, w, missions)):
        # (start, end) a volume block must keep clear of, the block's minutes, held if var.
        zones = []
        for c in fixed:
            for block in c.blocks:
                if block.day == day:
                    before = min(problem.travel(w, place, c.location) for place in places)
                    after = min(problem.travel(w, c.location, place) for place in places)
                    zones.append((block.start - before, block.end + after, block.minutes, c.var))
        day_blocks = []
        for lo, hi in room:
            near = [z for z in zones if z[0] < hi and z[1] > lo]
            slots = spans.setdefault((w, day, lo, hi), [])
            previous: tuple[cp_model.IntVar, cp_model.IntVar] | None = None
            # On the step grid, as every block of a plan: on the S benchmark (seed 2) a
            # worker's volumes filled 1,205 minutes of free time to the minute, of which the
            # quarter hours hold 1,185, 15 fewer than its 1,200 minutes of volumes.
            grid_lo, grid_hi = -(-lo // step), hi // step
            if grid_hi - grid_lo < -(-shortest // step):
                continue
            for _ in range(min((hi - lo) // shortest, -(-most // shortest))):
                start_steps = model.new_int_var(grid_lo, grid_hi, "")
                size_steps = model.new_int_var(0, grid_hi - grid_lo, "")
                start = model.new_int_var(lo, hi - shortest, "")
                size = model.new_int_var(0, hi - lo, "")
                end = model.new_int_var(lo, hi, "")
                used = model.new_bool_var("")
                model.add(start == step * start_steps)
                model.add(size == step * size_steps)
                model.add(end == start + size)
                model.add(size >= shortest).only_enforce_if(used)
                model.add(size == 0).only_enforce_if(~used)
                if previous is not None:
                    # Blocks in time order, the used ones first: one way to write each week.
                    model.add(start >= previous[0]).only_enforce_if(used)
                    model.add_implication(used, previous[1])
                previous = (end, used)
                slot = Slot(start, size, end, used)
                for zone_start, zone_end, _, held in near:
                    first = model.new_bool_var("")
                    model.add(end <= zone_start).only_enforce_if([first, used, held])
                    model.add(start >= zone_end).only_enforce_if([~first, used, held])
                    slot.sides.append((first, zone_start))
                slots.append(slot)
                day_blocks.append(size)
        if day_blocks:
            fixed_minutes = sum(minutes * held for _, _, minutes, held in zones)
            model.add(sum(day_blocks) + fixed_minutes <= problem.rules.max_day_minutes)
            blocks.extend(day_blocks)
    due = []
    for c in volumes:
        volume = problem.missions[c.mission].flexible
        assert volume is not None  # chosen above
        due.append(volume.minutes * c.var)
    model.add(sum(blocks) >= sum(due))
