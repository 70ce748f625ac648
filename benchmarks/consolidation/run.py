"""Benchmark: engine vs marketplace baseline on generated Gironde instances, side by side.

Usage: ``PYTHONPATH=src python benchmarks/consolidation/run.py [--sizes S,M,L]
[--time-limit 60] [--seeds 1,2,3] [--workers 2] [--front 120] [--rerun 60]``. Each method
runs in its own subprocess so its peak memory (max RSS) is its own, and the front and the
re-run run in another one after the engine's; every plan is re-checked by ``validation.py``.
The front and the re-run are computed for the first seed only (they take three times the
engine's time). ``--offline-bound SECONDS`` computes the 24 h bound again after the run, with
its own time (``--offline-bound-sizes S,M,L``: on L the run's share is too short for the LP,
on M for CP-SAT on the integer relaxation, which gets ``SECONDS`` more of its own, on S for
CP-SAT to prove the whole model's relaxation at the plan's coverage, with and without the km
budget); the targets are judged against the smallest bound known.
``--relaxed-at-coverage SECONDS`` looks, with its own time, for the most people at 24 h in
the relaxed week of every worker with the engine's coverage held: a diagnosis (how far the
search is from what the relaxation holds at that coverage), not a bound.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generator import generate  # noqa: E402

from maillage.consolidation.engine import EngineInput, EngineResult, solve, validate  # noqa: E402
from maillage.consolidation.engine.bound import level_bounds, worker_capacity  # noqa: E402
from maillage.consolidation.engine.schedule import Plan  # noqa: E402
from maillage.consolidation.engine.solver import (  # noqa: E402
    SMALL_MODEL_CHOICES,
    redeal,
    threshold_bound_of_plan,
)
from maillage.consolidation.engine.threshold_bound import (  # noqa: E402
    relaxed_week_at_coverage,
    threshold_bound,
)
from maillage.consolidation.engine.tradeoff import (  # noqa: E402
    choose_index,
    describe,
    tradeoff_front,
)
from maillage.consolidation.engine.variables import Problem  # noqa: E402


def rerun_and_renewal(
    instance: EngineInput, result: EngineResult, seconds: float, seed: int, workers: int
) -> dict[str, Any]:
    """Re-run the unchanged instance from its own plan, and plan a next term of renewals.

    Next term: every mission renewed under a new id, each worker's ``previous`` listing the
    renewed missions it held; the share kept by the same worker is the term-to-term
    stability.
    """
    data = instance.to_dict()
    data["previous_plan"] = {"assignments": [a.to_dict() for a in result.assignments]}
    again_input = EngineInput.from_dict(data)
    before = validate(again_input, result).levels
    again = solve(again_input, time_limit_s=seconds, seed=seed + 1, num_workers=workers)
    after = validate(again_input, again).levels
    held: dict[str, list[str]] = {}
    for a in result.assignments:
        held.setdefault(a.worker, []).append(f"{a.mission}-next")
    nxt = instance.to_dict()
    for mission in nxt["missions"]:
        mission["id"] = f"{mission['id']}-next"
    for pair in (*nxt["pinned"], *nxt["forbidden"]):
        pair["mission"] = f"{pair['mission']}-next"
    for w in nxt["workers"]:
        w["previous"] = sorted(held.get(w["id"], []))
    # As the platform plans a new term: keeping renewals may cost what the marketplace
    # that rebooks them drives (decision 0056).
    nxt["rules"] = dict(nxt["rules"], renewals_raise_km_budget=True)
    next_input = EngineInput.from_dict(nxt)
    renewed = solve(next_input, time_limit_s=seconds, seed=seed + 2, num_workers=workers)
    return {
        "rerun_before": {
            k: before[k] for k in ("covered_minutes", "workers_at_threshold", "km_hectometres")
        },
        "rerun_after": {
            k: after[k] for k in ("covered_minutes", "workers_at_threshold", "km_hectometres")
        },
        "rerun_moves": again.metrics.get("published_plan", {}),
        "renewal_stability": renewed.metrics["stability"],
        "renewal_at_24h": renewed.metrics["workers_at_threshold"],
        "renewal_coverage": renewed.metrics["coverage"],
        # km of the week in hectometres: the plan's, the nearest-worker marketplace's and
        # the marketplace's that rebooks renewals (the engine's budget when it is more).
        "renewal_hectometres": validate(next_input, renewed).levels["km_hectometres"],
        "renewal_baseline_hectometres": renewed.metrics.get("lns_baseline_km_hectometres"),
        "renewal_rebooking_hectometres": renewed.metrics.get(
            "lns_rebooking_baseline_km_hectometres"
        ),
    }


def peak_rss_kb() -> int:
    """This process's own peak resident memory, in kB.

    Linux's ``ru_maxrss`` carries the parent's resident size over an ``exec``: a child
    started by a parent of 2 GB reports at least 2 GB whatever it uses (seen here once the
    parent had computed L's bound again). ``VmHWM`` is the high-water mark of the child's
    own memory; ``ru_maxrss`` is the fallback where ``/proc`` is not there.
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(
    instance_path: str,
    method: str,
    time_limit: float,
    seed: int,
    workers: int,
    front: float,
    rerun: float = 0.0,
    result_path: str = "",
) -> None:
    """Solve in this process and print the result with this process's peak memory.

    With ``front`` > 0 (engine only), also compute the coverage / 24 h front in that many
    seconds, starting from the plan. With ``result_path``, the plan is the engine's result
    in that file instead of a new solve (the front and the re-run in a process of their own).
    """
    instance = EngineInput.from_dict(json.loads(Path(instance_path).read_text()))
    if result_path:
        result = EngineResult.from_dict(json.loads(Path(result_path).read_text()))
    else:
        result = solve(
            instance, method=method, time_limit_s=time_limit, seed=seed, num_workers=workers
        )
    points: list[dict[str, Any]] = []
    terms: dict[str, Any] = {}
    if rerun > 0 and method == "engine":
        terms = rerun_and_renewal(instance, result, rerun, seed, workers)
    if front > 0 and method == "engine":
        found = tradeoff_front(
            instance, base=result, time_limit_s=front, seed=seed, num_workers=workers
        )
        points = describe(found)
    peak_kb = peak_rss_kb()
    json.dump(
        {
            "result": result.to_dict(),
            "front": points,
            "terms": terms,
            "peak_mb": round(peak_kb / 1024, 1),
        },
        sys.stdout,
    )


def run_method(
    instance_path: Path,
    method: str,
    time_limit: float,
    seed: int,
    workers: int,
    front: float = 0,
    rerun: float = 0,
    result_path: Path | None = None,
) -> dict[str, Any]:
    """Run one method in a subprocess; return its result document and peak memory."""
    started = time.monotonic()
    done = subprocess.run(
        [
            sys.executable,
            __file__,
            "--child",
            str(instance_path),
            method,
            str(time_limit),
            str(seed),
            str(workers),
            str(front),
            str(rerun),
            str(result_path or ""),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    output = json.loads(done.stdout)
    output["elapsed"] = round(time.monotonic() - started, 1)
    return output


def row(instance: EngineInput, output: dict[str, Any]) -> dict[str, Any]:
    """The table row of one method's result, from an independent validation."""
    result = EngineResult.from_dict(output["result"])
    report = validate(instance, result)
    worked: dict[str, int] = {}
    for assignment in result.assignments:
        worked[assignment.worker] = worked.get(assignment.worker, 0) + sum(
            b.minutes for b in assignment.blocks
        )
    metrics = report.metrics
    levels = result.levels
    return {
        "valid": report.ok,
        "status": result.status,
        "coverage_pct": round(100 * metrics["covered_minutes"] / metrics["demand_minutes"], 2),
        "at_24h": metrics["workers_at_threshold"],
        "wishing": metrics["workers_wishing_threshold"],
        "active": metrics["active_workers"],
        "median_h": round(statistics.median(worked.values()) / 60, 2) if worked else 0.0,
        "km_week": metrics["km_week"],
        "stability": metrics["stability"],
        "gap": result.metrics.get("gap"),
        "gap_24h": levels.get("gap", {}).get("workers_at_threshold"),
        "bound_24h": levels.get("bound", {}).get("workers_at_threshold"),
        "bound_24h_cov": levels.get("bound_at_plan_coverage", {}).get("workers_at_threshold"),
        "counting_24h": levels.get("bound_method", {})
        .get("workers_at_threshold", {})
        .get("counting"),
        "share_of_bound": _share(
            metrics["workers_at_threshold"],
            levels.get("bound_at_plan_coverage", {}).get("workers_at_threshold"),
        ),
        "bound_24h_km": levels.get("bound_at_plan_coverage_within_km", {}).get(
            "workers_at_threshold"
        ),
        "wall_s": result.metrics.get("wall_seconds"),
        "first_plan_s": result.metrics.get("lns_first_plan_seconds"),
        "peak_mb": output["peak_mb"],
    }


def offline_bound(
    instance: EngineInput, engine_row: dict[str, Any], engine_output: dict[str, Any], seconds: float
) -> dict[str, Any]:
    """The level-2 bound computed again with ``seconds`` of its own, outside the engine's
    time limit: on L its LP does not fit in the engine's share (decision 0044), and a plan's
    distance to the best is only known against a real bound."""
    result = EngineResult.from_dict(engine_output["result"])
    report = validate(instance, result)
    problem = Problem(instance)
    capacity = worker_capacity(problem)
    rejected = {problem.mission_index[p.mission] for p in result.rejected_pins}
    counting = level_bounds(problem, rejected, capacity)["workers_at_threshold"]
    started = time.monotonic()
    plan = Plan.from_result(problem, result)
    found = threshold_bound(
        problem,
        rejected,
        counting,
        covered=report.levels["covered_minutes"],
        time_limit_s=seconds,
        capacity=capacity,
        integer_seconds=seconds,
        hint={m: w for m, (w, _) in plan.assigned.items()},
    )
    at_coverage, within_km = found.at_coverage, None
    choices = sum(len(missions) for missions in problem.eligible_missions)
    if choices <= SMALL_MODEL_CHOICES:
        # Where the run solves the whole model, its relaxation with the plan's coverage held
        # (decision 0055), with and without the run's km budget: each gets ``seconds``.
        whole = threshold_bound_of_plan(
            problem, plan, rejected, km_cap=None, time_limit_s=seconds, seed=1
        )
        if whole is not None and (at_coverage is None or whole < at_coverage):
            at_coverage = whole
        budget = result.metrics.get("lns_km_budget_hectometres")
        if budget is not None:
            within_km = threshold_bound_of_plan(
                problem, plan, rejected, km_cap=budget, time_limit_s=seconds, seed=1
            )
    return {
        "offline_bound_24h_cov": at_coverage,
        "offline_bound_24h_km": within_km,
        "offline_lp": None if found.lp_at_coverage is None else round(found.lp_at_coverage, 1),
        "offline_share": _share(engine_row["at_24h"], at_coverage),
        "offline_bound_s": round(time.monotonic() - started, 1),
    }


def relaxed_row(
    instance: EngineInput, engine_output: dict[str, Any], seconds: float
) -> dict[str, Any]:
    """How many people CP-SAT finds, with ``seconds`` of its own, in the relaxed week of
    every worker with the engine's coverage held (:func:`.threshold_bound.
    relaxed_week_at_coverage`), and its proven bound there: what the plan lacks to the
    relaxed week at its own coverage is the search's or the placement's, not the bound's."""
    result = EngineResult.from_dict(engine_output["result"])
    report = validate(instance, result)
    problem = Problem(instance)
    plan = Plan.from_result(problem, result)
    found = relaxed_week_at_coverage(
        problem,
        {problem.mission_index[p.mission] for p in result.rejected_pins},
        covered=report.levels["covered_minutes"],
        seconds=seconds,
        hint={m: w for m, (w, _) in plan.assigned.items()},
    )
    return {
        "relaxed_24h": found.found,
        "relaxed_bound": found.bound,
        "relaxed_pairs": found.pairs,
        "relaxed_s": found.seconds,
    }


def redeal_row(
    instance: EngineInput, engine_row: dict[str, Any], engine_output: dict[str, Any], seconds: float
) -> dict[str, Any]:
    """The engine's plan after a re-deal of the missions of those who wish 24 h, with
    ``seconds`` of its own (decision 0052): a valid plan the search did not find, checked by
    the same validation. Its coverage is never below the plan's, so the plan's bound at
    coverage holds for it too."""
    result = EngineResult.from_dict(engine_output["result"])
    redealt = redeal(instance, result, time_limit_s=seconds, seed=1)
    report = validate(instance, redealt)
    metrics = report.metrics
    return {
        "redeal_valid": report.ok,
        "redeal_24h": metrics["workers_at_threshold"],
        "redeal_coverage_pct": round(
            100 * metrics["covered_minutes"] / metrics["demand_minutes"], 2
        ),
        "redeal_km_week": round(metrics["km_week"], 1),
        "redeal_share": _share(metrics["workers_at_threshold"], engine_row["bound_24h_cov"]),
        "redeal_s": redealt.metrics["wall_seconds"],
    }


def _share(value: int, bound: int | None) -> float | None:
    """``value`` as a share of ``bound`` (None without a bound)."""
    if not bound:
        return None
    return round(value / bound, 3)


COLUMNS = [
    ("status", "status"),
    ("coverage_pct", "covered %"),
    ("at_24h", "≥24h"),
    ("wishing", "wish 24h"),
    ("counting_24h", "24h counting bound"),
    ("bound_24h", "24h bound"),
    ("bound_24h_cov", "24h bound at plan coverage"),
    ("share_of_bound", "≥24h ÷ bound at coverage"),
    ("bound_24h_km", "24h bound at plan coverage within the km budget"),
    ("offline_bound_24h_cov", "24h bound at coverage, offline"),
    ("offline_share", "≥24h ÷ offline bound"),
    ("offline_bound_24h_km", "24h bound within km, offline"),
    ("offline_bound_s", "offline bound s"),
    ("relaxed_24h", "≥24h in a relaxed week at plan coverage"),
    ("relaxed_bound", "its proven bound"),
    ("relaxed_pairs", "its pairs"),
    ("relaxed_s", "relaxed week s"),
    ("redeal_24h", "≥24h after a re-deal"),
    ("redeal_coverage_pct", "covered % after a re-deal"),
    ("redeal_km_week", "km/week after a re-deal"),
    ("redeal_share", "re-deal ÷ bound at coverage"),
    ("redeal_s", "re-deal s"),
    ("redeal_valid", "re-deal valid"),
    ("active", "active"),
    ("median_h", "median h"),
    ("km_week", "km/week"),
    ("stability", "stability"),
    ("gap", "gap"),
    ("gap_24h", "gap 24h"),
    ("first_plan_s", "first plan s"),
    ("wall_s", "wall s"),
    ("peak_mb", "peak MB"),
    ("valid", "valid"),
]


def table(size: str, instance: EngineInput, rows: dict[str, dict[str, Any]]) -> str:
    """A Markdown table: one column per method."""
    methods = list(rows)
    lines = [
        f"### {size}: {len(instance.workers)} workers, {len(instance.missions)} missions",
        "",
        "| metric | " + " | ".join(methods) + " |",
        "|---|" + "---|" * len(methods),
    ]
    for key, label in COLUMNS:
        lines.append(
            f"| {label} | " + " | ".join(str(rows[m].get(key, "—")) for m in methods) + " |"
        )
    return "\n".join(lines)


CHARTER_DEFAULT_POINTS_PER_JOB = 0.5
"""``Charter.coverage_points_per_job``'s default: the policy a territory has until it votes
another (decision 0046)."""


def front_recommendation(front: list[dict[str, Any]], bound: int | None) -> str:
    """The point the charter's default policy recommends, against the bound without
    coverage (the bound at the engine's coverage does not hold for a point that covers less)."""
    figures = [(p["coverage"], p["workers_at_threshold"]) for p in front]
    point = front[choose_index(figures, CHARTER_DEFAULT_POINTS_PER_JOB)]
    people = point["workers_at_threshold"]
    share = "—" if not bound else round(people / bound, 3)
    return (
        f"- the charter's default ({CHARTER_DEFAULT_POINTS_PER_JOB} point of coverage per job) "
        f"recommends ε = {point['epsilon']}: {people} people at 24 h at "
        f"{round(100 * point['coverage'], 2)} % covered; ÷ the 24 h bound without coverage "
        f"({bound}) = {share}\n"
    )


def front_table(size: str, front: list[dict[str, Any]]) -> str:
    """The trade-off front as a Markdown table, in people and hours."""
    lines = [
        f"#### {size}: coverage / 24 h front (ε-constraint on coverage)",
        "",
        "| ε | covered % | hours given up | ≥24h | more people at 24 h | km/week |",
        "|---|---|---|---|---|---|",
    ]
    for p in front:
        lines.append(
            f"| {p['epsilon']} | {round(100 * p['coverage'], 2)} | {p['hours_given_up']} | "
            f"{p['workers_at_threshold']} | {p['more_people_at_threshold']:+d} | "
            f"{p['km_week']} |"
        )
    return "\n".join([*lines, ""])


def target_checks(rows: dict[str, dict[str, Any]]) -> list[tuple[str, bool]]:
    """The issue's targets for one instance: (target, met)."""
    engine, baseline = rows["engine"], rows["baseline"]
    bound, _ = best_bound(engine)
    within_km = bound_within_km(engine)
    return [
        ("coverage ≥ baseline", engine["coverage_pct"] >= baseline["coverage_pct"]),
        ("km ≤ baseline", engine["km_week"] <= baseline["km_week"]),
        ("24 h workers ≥ 2 × baseline", engine["at_24h"] >= 2 * baseline["at_24h"]),
        ("24 h workers ≥ 85 % of the bound at coverage", _reaches(engine["at_24h"], bound)),
        (
            "24 h workers ≥ 85 % of the bound at coverage within the km budget",
            _reaches(engine["at_24h"], within_km),
        ),
        ("valid plans", engine["valid"] and baseline["valid"]),
    ]


def _reaches(value: int, bound: int | None) -> bool:
    """Whether ``value`` is at least 85 % of ``bound``; a bound of 0 is reached by every plan
    (nobody can be at 24 h): 0 of 0 is all of it."""
    return bound == 0 or (bound is not None and value >= 0.85 * bound)


def bound_within_km(engine: dict[str, Any]) -> int | None:
    """The smallest valid bound among the plans the engine may return (at the plan's
    coverage and within the run's km budget, decision 0055): the whole model's when the run
    found one, else the best bound at coverage (which holds for them too)."""
    bound, _ = best_bound(engine)
    within = engine.get("bound_24h_km")
    offline = engine.get("offline_bound_24h_km")
    if offline is not None and (within is None or offline < within):
        within = offline
    if within is None or (bound is not None and bound < within):
        return bound
    return within


def best_bound(engine: dict[str, Any]) -> tuple[int | None, str]:
    """The smallest valid bound at the plan's coverage known for the engine's row, and how
    it was found: in the run, ``(flow)`` when the run only had the max-flow bound there, or
    ``(offline)`` when the bound computed again after the run is smaller. Each is valid, so
    the smaller is."""
    in_run, how = engine.get("bound_24h_cov"), ""
    if in_run is None:
        in_run, how = engine.get("bound_24h"), " (flow)"
    offline = engine.get("offline_bound_24h_cov")
    if offline is not None and (in_run is None or offline < in_run):
        return offline, " (offline)"
    return in_run, how


def targets(size: str, rows: dict[str, dict[str, Any]]) -> list[str]:
    """The issue's targets for this size, each marked met or missed."""
    engine, baseline = rows["engine"], rows["baseline"]
    doubled = 2 * baseline["at_24h"]
    lines = [f"- {name}: {'met' if ok else 'MISSED'}" for name, ok in target_checks(rows)]
    bound = engine.get("bound_24h")
    if isinstance(bound, int) and bound < doubled:
        # The bound holds for every plan, the marketplace's included: nobody can double it.
        lines.append(f"  - 2 × baseline = {doubled} is above the 24 h bound {bound}: no plan can")
    if size == "S":
        lines.append(f"- S proven optimal: {'met' if engine['status'] == 'optimal' else 'MISSED'}")
    return lines


SUMMARY = (
    "| size | seed | covered % eng / base | ≥24h eng / base | 24h bound at plan coverage "
    "| ≥24h ÷ bound | bound within km | ≥24h ÷ it | km/week eng / base | first plan s "
    "| wall s | peak MB eng |"
)


def summary(runs: list[tuple[str, int, dict[str, dict[str, Any]]]]) -> str:
    """Every instance on one line, then how many runs meet each target."""
    lines = ["### All runs", "", SUMMARY, "|---" * 12 + "|"]
    for size, seed, rows in runs:
        engine, baseline = rows["engine"], rows["baseline"]
        bound, how = best_bound(engine)
        share = _share(engine["at_24h"], bound)
        within_km = bound_within_km(engine)
        lines.append(
            f"| {size} | {seed} | {engine['coverage_pct']} / {baseline['coverage_pct']} "
            f"| {engine['at_24h']} / {baseline['at_24h']} | {bound}{how} | {share} "
            f"| {within_km} | {_share(engine['at_24h'], within_km)} "
            f"| {engine['km_week']:,.1f} / {baseline['km_week']:,.1f} | {engine['first_plan_s']} "
            f"| {engine['wall_s']} | {engine['peak_mb']} |"
        )
    lines.append("")
    tally: dict[str, int] = {}
    for _, _, rows in runs:
        for name, ok in target_checks(rows):
            tally[name] = tally.get(name, 0) + ok
    lines += [f"- {name}: {met} of {len(runs)}" for name, met in tally.items()]
    return "\n".join([*lines, ""])


def main(argv: list[str] | None = None) -> int:
    """Generate, solve with both methods, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1, help="the seed (see --seeds)")
    parser.add_argument("--seeds", help="several seeds, e.g. 1,2,3 (instead of --seed)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", help="also write the rows to this JSON file")
    parser.add_argument(
        "--front",
        type=float,
        default=0.0,
        help="seconds for the coverage / 24 h trade-off front after the engine (0: none)",
    )
    parser.add_argument(
        "--rerun",
        type=float,
        default=0.0,
        help="seconds for a re-run from the engine's own plan and a next term (0: none)",
    )
    parser.add_argument(
        "--offline-bound",
        type=float,
        default=0.0,
        help="seconds to compute the 24 h bound again outside the time limit (0: not)",
    )
    parser.add_argument(
        "--offline-bound-sizes",
        default="S,M,L",
        help="the sizes whose bound is computed again (--offline-bound), e.g. L",
    )
    parser.add_argument(
        "--redeal",
        type=float,
        default=0.0,
        help="seconds to re-deal the missions of those who wish 24 h from the engine's plan",
    )
    parser.add_argument(
        "--relaxed-at-coverage",
        type=float,
        default=0.0,
        help="seconds to look for people at 24 h in the relaxed week at the plan's coverage",
    )
    args = parser.parse_args(argv)
    seeds = [int(seed) for seed in args.seeds.split(",")] if args.seeds else [args.seed]
    print(
        f"time limit {args.time_limit:g} s per method and instance, seeds "
        f"{', '.join(map(str, seeds))}, {args.workers} CP-SAT workers\n"
    )
    collected: dict[str, Any] = {}
    runs: list[tuple[str, int, dict[str, dict[str, Any]]]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes.split(","):
            for seed in seeds:
                rows, extras = measure(size, seed, seed == seeds[0], args, Path(scratch))
                runs.append((size, seed, rows))
                # One seed keeps the earlier files' shape: one entry per size.
                collected[size if len(seeds) == 1 else f"{size}/{seed}"] = rows | extras
    if len(runs) > 1:
        print(summary(runs), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(collected, indent=1))
    return 0


def measure(
    size: str, seed: int, with_extras: bool, args: argparse.Namespace, scratch: Path
) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """Both methods on one generated instance, printed; with ``with_extras``, the front and
    the re-run too. Returns the rows and the extras (front, terms)."""
    data = generate(size, seed)
    path = scratch / f"{size}-{seed}.json"
    path.write_text(json.dumps(data))
    instance = EngineInput.from_dict(data)
    outputs = {
        method: run_method(path, method, args.time_limit, seed, args.workers)
        for method in ("engine", "baseline")
    }
    rows = {method: row(instance, output) for method, output in outputs.items()}
    if args.offline_bound > 0 and size in args.offline_bound_sizes.split(","):
        rows["engine"] |= offline_bound(
            instance, rows["engine"], outputs["engine"], args.offline_bound
        )
    if args.relaxed_at_coverage > 0:
        rows["engine"] |= relaxed_row(instance, outputs["engine"], args.relaxed_at_coverage)
    if args.redeal > 0:
        rows["engine"] |= redeal_row(instance, rows["engine"], outputs["engine"], args.redeal)
    print(table(f"{size}, seed {seed}", instance, rows))
    print("\n".join(["", *targets(size, rows), ""]), flush=True)
    front: list[dict[str, Any]] = []
    terms: dict[str, Any] = {}
    if with_extras and (args.front > 0 or args.rerun > 0):
        result_path = scratch / f"{size}-{seed}-engine.json"
        result_path.write_text(json.dumps(outputs["engine"]["result"]))
        more = run_method(
            path,
            "engine",
            args.time_limit,
            seed,
            args.workers,
            args.front,
            args.rerun,
            result_path=result_path,
        )
        front, terms = more["front"], more["terms"]
        if front:
            print(front_table(size, front), flush=True)
            print(front_recommendation(front, rows["engine"].get("bound_24h")), flush=True)
        if terms:
            print(f"#### {size}: re-run and next term\n\n```\n{json.dumps(terms)}\n```\n")
        print(f"(front and re-run: {more['elapsed']} s, peak {more['peak_mb']} MB)\n")
    return rows, {"front": front, "terms": terms}


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(
            sys.argv[2],
            sys.argv[3],
            float(sys.argv[4]),
            int(sys.argv[5]),
            int(sys.argv[6]),
            float(sys.argv[7]),
            float(sys.argv[8]),
            sys.argv[9],
        )
    else:
        raise SystemExit(main())
