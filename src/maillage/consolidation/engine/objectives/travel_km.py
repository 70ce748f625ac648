"""Soft objective, level 4 (minimised): road distance travelled in the week (with dates: on
every date of the period).

A worker's route for a day is home → the places of its on-site blocks in time order → home.
Remote blocks done at home add no km (the no-overlap rule still leaves the travel time to
get home for them); a worker who chose a tiers-lieu as remote-work base travels there for
them, and that trip counts like an on-site mission's. Unit: hectometres, each leg rounded to
the nearest hectometre.
In CP-SAT the route is modelled exactly with arc variables per worker and day: every chosen
block has one arc in and one out, arcs only go forward in time, and at most one arc leaves
home, which forces a single path through the chosen blocks in time order.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from ..geometry import hectometres

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

    from ..model import SubModel
    from ..variables import Problem


def day_route(problem: Problem, w: int, places: list[int]) -> tuple[float, int]:
    """(km, hectometres) of worker ``w``'s route through ``places`` in order, from home."""
    home = int(problem.home_place[w])
    stops = [home, *places, home]
    km = [problem.road_km(a, b) for a, b in itertools.pairwise(stops)]
    return sum(km), sum(hectometres(leg) for leg in km)


def post(sub: SubModel) -> cp_model.LinearExprT:
    """The weekly hectometres of ``sub``'s workers as a linear expression (arc model)."""
    problem, model = sub.problem, sub.model
    total: list[cp_model.LinearExprT] = []
    for w, choices in sub.by_worker.items():
        home = int(problem.home_place[w])
        per_day: dict[int, list[tuple[int, int, int, int]]] = {}
        for index, choice in enumerate(choices):
            if not problem.travels_for(choice.mission, w):
                continue
            for block in choice.blocks:
                for n in problem.occ[choice.mission][block.day]:
                    per_day.setdefault(n, []).append(
                        (block.start, block.end, choice.location, index)
                    )
        # Dates with the same candidate blocks share one route model, counted once per date.
        groups: dict[tuple[tuple[int, int, int, int], ...], int] = {}
        for nodes_of_day in per_day.values():
            key = tuple(sorted(nodes_of_day))
            groups[key] = groups.get(key, 0) + 1
        for day, (key, times) in enumerate(groups.items()):
            nodes = list(key)
            incoming: list[list[cp_model.IntVar]] = [[] for _ in nodes]
            outgoing: list[list[cp_model.IntVar]] = [[] for _ in nodes]
            leaving_home: list[cp_model.IntVar] = []
            arcs: dict[tuple[int, int], cp_model.IntVar] = {}
            sub.route_arcs[(w, day)] = (nodes, arcs)
            for a, (_, end_a, place_a, i) in enumerate(nodes):
                start_arc = model.new_bool_var(f"home_{w}_{day}_{a}")
                end_arc = model.new_bool_var(f"{a}_{w}_{day}_home")
                incoming[a].append(start_arc)
                outgoing[a].append(end_arc)
                leaving_home.append(start_arc)
                arcs[(-1, a)] = start_arc
                arcs[(a, -1)] = end_arc
                total.append(times * hectometres(problem.road_km(home, place_a)) * start_arc)
                total.append(times * hectometres(problem.road_km(place_a, home)) * end_arc)
                for b in range(a + 1, len(nodes)):
                    start_b, _, place_b, j = nodes[b]
                    if start_b < end_a:
                        continue
                    if i != j and end_a + problem.travel(w, place_a, place_b) > start_b:
                        continue
                    arc = model.new_bool_var(f"{a}_{b}_{w}_{day}")
                    outgoing[a].append(arc)
                    incoming[b].append(arc)
                    arcs[(a, b)] = arc
                    total.append(times * hectometres(problem.road_km(place_a, place_b)) * arc)
            for a, (_, _, _, i) in enumerate(nodes):
                model.add(sum(incoming[a]) == choices[i].var)
                model.add(sum(outgoing[a]) == choices[i].var)
            model.add(sum(leaving_home) <= 1)
    return sum(total)
