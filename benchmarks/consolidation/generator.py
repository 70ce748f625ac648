"""Seeded generator of consolidation instances for the Gironde (33).

Field shape: after-school workshops clustered on Mon/Tue/Thu/Fri 15:00–16:30 or 16:30–18:00 in
schools of the communes (weighted by population), help desks in town halls, and remote
flexible volumes (community management, web upkeep) placed by the engine. Workers live in
communes weighted by population, with a travel mode, a range, skills and availability.

Usage: ``python benchmarks/consolidation/generator.py --size S --seed 1 > instance.json``
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

COMMUNES_CSV = Path(__file__).with_name("communes-33.csv")
SIZES = {"XS": (15, 90), "S": (50, 300), "M": (500, 3000), "L": (2000, 10000)}
"""Size name → (workers, weekly slots)."""

MODES = [
    ("car", 0.7, (10, 25)),
    ("transit", 0.15, (8, 15)),
    ("bike", 0.1, (4, 8)),
    ("walk", 0.05, (1, 3)),
]
SKILL_FAMILIES = [
    "workshop-children",
    "crcn-3.4",
    "help-desk",
    "community-management",
    "web-upkeep",
]
WORKSHOP_DAYS = [0, 1, 3, 4]
WORKSHOP_TIMES = [(900, 990), (990, 1080)]


def load_communes() -> list[dict[str, Any]]:
    """The Gironde communes with population and coordinates."""
    with COMMUNES_CSV.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [
            {
                "id": f"c{r['insee_code']}",
                "name": r["name"],
                "population": int(r["population"] or 0),
                "lat": float(r["latitude"]),
                "lon": float(r["longitude"]),
            }
            for r in rows
        ]


def _km(a: dict[str, Any], b: dict[str, Any]) -> float:
    dlat = math.radians(b["lat"] - a["lat"])
    dlon = math.radians(b["lon"] - a["lon"]) * math.cos(math.radians(a["lat"]))
    return 6371.0 * math.hypot(dlat, dlon) * 1.3


def _worker(index: int, rng: random.Random, home: dict[str, Any]) -> dict[str, Any]:
    mode, _, (low, high) = rng.choices(MODES, weights=[m[1] for m in MODES])[0]
    families = rng.sample(SKILL_FAMILIES, rng.choice([1, 2, 2]))
    if rng.random() < 0.6 and "workshop-children" not in families:
        families[0] = "workshop-children"
    skills = {family: rng.randint(1, 5) for family in families}
    days = [d for d in range(5) if rng.random() < 0.85] or [rng.randrange(5)]
    start, end = rng.choice([(510, 1110), (480, 1080), (540, 1140), (780, 1140)])
    availability = [{"day": d, "start": start, "end": end} for d in days]
    if rng.random() < 0.15:
        availability.append({"day": 5, "start": 540, "end": 780})
    wishes = rng.random() < 0.55
    wished = rng.choice([1440, 1440, 1680, 2100]) if wishes else rng.choice([360, 600, 900, 1200])
    return {
        "id": f"w{index}",
        "home": home["id"],
        "travel_mode": mode,
        "max_km": float(rng.randint(low, high)),
        "skills": skills,
        "availability": availability,
        "wished_minutes": wished,
        "max_minutes": min(2880, wished + rng.choice([0, 240, 480, 600])),
        "previous": [],
    }


def _mission(
    index: int, rng: random.Random, communes: list[dict[str, Any]], weights: list[int]
) -> tuple[dict[str, Any], int]:
    """One mission and its number of weekly slots."""
    kind = rng.random()
    if kind < 0.62:
        school = rng.choices(communes, weights=weights)[0]
        start, end = rng.choice(WORKSHOP_TIMES)
        days = rng.sample(WORKSHOP_DAYS, rng.choice([1, 1, 2]))
        skills = {"workshop-children": rng.randint(1, 3)}
        if rng.random() < 0.2:
            skills["crcn-3.4"] = rng.randint(1, 3)
        slots = [{"day": d, "start": start, "end": end} for d in sorted(days)]
        return {
            "id": f"m{index}",
            "buyer": f"school-{school['id']}",
            "skills": skills,
            "place": school["id"],
            "slots": slots,
        }, len(slots)
    if kind < 0.84:
        town = rng.choices(communes, weights=weights)[0]
        start = rng.choice([540, 600, 840, 900])
        length = rng.choice([120, 180])
        days = rng.sample(range(5), rng.choice([1, 2]))
        slots = [{"day": d, "start": start, "end": start + length} for d in sorted(days)]
        return {
            "id": f"m{index}",
            "buyer": f"townhall-{town['id']}",
            "skills": {"help-desk": rng.randint(1, 3)},
            "place": town["id"],
            "slots": slots,
        }, len(slots)
    family = "community-management" if kind < 0.93 else "web-upkeep"
    minutes = (
        rng.choice([120, 180, 240, 360])
        if family == "community-management"
        else rng.choice([60, 120, 180])
    )
    windows = [{"day": d, "start": 540, "end": 1020} for d in range(5)]
    flexible = {"minutes": minutes, "min_block": 60, "windows": windows}
    return {
        "id": f"m{index}",
        "buyer": f"association-{index % 97}",
        "skills": {family: rng.randint(2, 4)},
        "place": None,
        "flexible": flexible,
    }, max(1, minutes // 90)


def generate(size: str = "S", seed: int = 1) -> dict[str, Any]:
    """A reproducible instance of ``size`` ("S", "M" or "L") as a JSON-ready dict."""
    n_workers, n_slots = SIZES[size]
    rng = random.Random(f"{size}-{seed}")
    communes = load_communes()
    weights = [max(50, c["population"]) for c in communes]
    workers = [
        _worker(i + 1, rng, rng.choices(communes, weights=weights)[0]) for i in range(n_workers)
    ]
    missions, slots = [], 0
    while slots < n_slots:
        mission, count = _mission(len(missions) + 1, rng, communes, weights)
        missions.append(mission)
        slots += count
    by_id = {c["id"]: c for c in communes}
    # Last week's plan: about a third of missions were held by a qualified worker in range
    # (looked for among a sample of workers, to keep generation fast on large sizes).
    for mission in missions:
        if rng.random() > 0.35:
            continue
        qualified = [
            w
            for w in rng.sample(workers, min(len(workers), 300))
            if all(w["skills"].get(k, 0) >= v for k, v in mission["skills"].items())
            and (
                mission["place"] is None
                or _km(by_id[w["home"]], by_id[mission["place"]]) <= w["max_km"]
            )
        ]
        if qualified:
            rng.choice(qualified)["previous"].append(mission["id"])
    used = {w["home"] for w in workers} | {m["place"] for m in missions if m["place"]}
    places = [
        {"id": c["id"], "lat": c["lat"], "lon": c["lon"]} for c in communes if c["id"] in used
    ]
    pinned, forbidden = [], []
    for worker in rng.sample(workers, max(1, n_workers // 25)):
        if worker["previous"]:
            pinned.append({"mission": worker["previous"][0], "worker": worker["id"]})
    pinned_missions = set()
    pinned = [
        p
        for p in pinned
        if not (p["mission"] in pinned_missions or pinned_missions.add(p["mission"]))
    ]
    for _ in range(max(1, n_workers // 25)):
        forbidden.append(
            {"mission": rng.choice(missions)["id"], "worker": rng.choice(workers)["id"]}
        )
    return {
        "format": "maillage-consolidation/1",
        "rules": {
            "step_minutes": 15,
            "max_day_minutes": 600,
            "max_week_minutes": 2880,
            "min_daily_rest_minutes": 660,
            "threshold_minutes": 1440,
            "road_factor": 1.3,
            "speed_kmh": {"car": 50, "transit": 25, "bike": 15, "walk": 4.5},
        },
        "places": places,
        "workers": workers,
        "missions": missions,
        "pinned": pinned,
        "forbidden": forbidden,
    }


def main(argv: list[str] | None = None) -> int:
    """Write one instance as JSON to standard output."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    json.dump(generate(args.size, args.seed), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
