"""Benchmark: how long the engine takes to propose replacements for one worker's one-day absence.

Usage: ``PYTHONPATH=src python benchmarks/replacement.py [--sizes M] [--absences 5]
[--time-limit 10] [--no-demo]``. ``make bench`` runs it.

- The benchmark's M size (benchmarks/consolidation/generator.py: 500 workers, ~3,000 weekly
  slots): the week is planned by the marketplace baseline (quick; the replacement only needs a
  full week), then for the ``--absences`` workers with the most blocks, each one's first
  working day is opened and replaced, every other week pinned
  (maillage.consolidation.engine.replacement).
- The demo territory (Gironde, as ``make demo`` builds and plans it), in its own SQLite file
  ``var/bench-replacement.sqlite3`` built on the first run (a few minutes: migrate, communes,
  demo, a 20 s consolidation): for workers with occurrences on 1 December 2026, the same
  replacement through the platform's code (maillage.absences.replacement.propose: instance
  from the database, engine, validation), read-only.

Times are wall-clock seconds on this machine (2 shared cores in the note of
docs/decisions/0024-absences-and-replacements.md); the aim is under 10 s on M.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = HERE.parent
sys.path.insert(0, str(HERE / "consolidation"))

from generator import generate  # noqa: E402

from maillage.consolidation.engine import EngineInput, solve  # noqa: E402
from maillage.consolidation.engine.replacement import Span, solve_replacement  # noqa: E402

DEMO_DATABASE = CODE / "var" / "bench-replacement.sqlite3"
DEMO_DAY = "2026-12-01"


def engine_size(size: str, absences: int, time_limit: float) -> list[dict]:
    """Replace the busiest workers' first day, one at a time, on a generated instance."""
    base = EngineInput.from_dict(generate(size, 1))
    week = solve(base, method="baseline", time_limit_s=60)
    missions = {m.id: m for m in base.missions}
    by_worker: dict[str, list] = {}
    for assignment in week.assignments:
        by_worker.setdefault(assignment.worker, []).append(assignment)
    busiest = sorted(by_worker, key=lambda w: (-len(by_worker[w]), w))[:absences]
    runs = []
    for absent in busiest:
        day = min(b.day for a in by_worker[absent] for b in a.blocks)
        open_spans, fixed = [], []
        for assignment in week.assignments:
            mission = missions[assignment.mission]
            for index, block in enumerate(assignment.blocks):
                span = Span(
                    id=f"{assignment.mission}-{index}",
                    day=block.day,
                    start=block.start,
                    end=block.end,
                    place=mission.place,
                    buyer=mission.buyer,
                    skills=dict(mission.skills),
                    mission=mission.id,
                    worker=assignment.worker,
                )
                if assignment.worker != absent:
                    fixed.append(span)
                elif block.day == day:
                    open_spans.append(span)
        started = time.monotonic()
        done = solve_replacement(
            base,
            open_spans=open_spans,
            fixed_spans=fixed,
            absent=[absent],
            time_limit_s=time_limit,
        )
        runs.append(
            {
                "seconds": round(time.monotonic() - started, 3),
                "open": len(open_spans),
                "replaced": sum(1 for line in done.lines if line.worker),
                "candidates": len(done.instance.workers),
                "status": done.result.status,
            }
        )
    return runs


DEMO_SCRIPT = """
import datetime as dt, json, time
from django.db.models import Count
from maillage.absences.replacement import propose
from maillage.execution.models import Occurrence
from maillage.territory.models import Territory
territory = Territory.objects.get(slug="gironde")
day = dt.date.fromisoformat(DAY)
busiest = list(
    Occurrence.objects.filter(worker__territory=territory, date=day, state="planned")
    .values("worker_id").annotate(n=Count("pk")).order_by("-n", "worker_id")[:ABSENCES]
)
runs = []
for row in busiest:
    rows = list(Occurrence.objects.filter(worker_id=row["worker_id"], date=day,
                state="planned").select_related("mission"))
    started = time.monotonic()
    lines, _, _ = propose(territory=territory, to_replace=rows,
                          absent_worker_id=row["worker_id"], time_limit_s=LIMIT)
    runs.append({"seconds": round(time.monotonic() - started, 3), "open": len(rows),
                 "replaced": sum(1 for line in lines if line.worker_id)})
print(json.dumps(runs))
"""


def _manage(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=CODE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=1800,
    )
    if done.returncode != 0:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def demo_territory(absences: int, time_limit: float) -> list[dict]:
    """The same replacement on the planned demo territory, through the platform's code."""
    DEMO_DATABASE.parent.mkdir(exist_ok=True)
    env = {
        **os.environ,
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{DEMO_DATABASE}",
        "PYTHONPATH": str(CODE / "src"),
    }
    _manage(env, "migrate", "--noinput")
    _manage(env, "load_communes")
    _manage(env, "build_demo", "--seed", "1", "--if-missing")
    _manage(env, "consolidate", "--territory", "gironde", "--start", "2026-11-02",
            "--end", "2026-12-18", "--time-limit", "20", "--publish", "--if-missing")  # fmt: skip
    script = (
        DEMO_SCRIPT.replace("DAY", repr(DEMO_DAY))
        .replace("ABSENCES", str(absences))
        .replace("LIMIT", str(time_limit))
    )
    output = _manage(env, "shell", "-c", script)
    return json.loads(output.strip().splitlines()[-1])


def _summary(label: str, runs: list[dict]) -> None:
    seconds = [run["seconds"] for run in runs]
    if not seconds:
        print(f"{label}: no worker to replace")
        return
    print(
        f"{label}: {len(runs)} one-day absences, median {statistics.median(seconds):.2f} s, "
        f"max {max(seconds):.2f} s; "
        f"{sum(r['replaced'] for r in runs)}/{sum(r['open'] for r in runs)} occurrences replaced"
    )
    for run in runs:
        print("   ", json.dumps(run))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="M")
    parser.add_argument("--absences", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--no-demo", action="store_true")
    args = parser.parse_args(argv)
    for size in args.sizes.split(","):
        _summary(f"size {size}", engine_size(size, args.absences, args.time_limit))
    if not args.no_demo:
        _summary("demo territory", demo_territory(args.absences, args.time_limit))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
