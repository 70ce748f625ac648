"""The demo's plans keep their promises: km (decision 0048), workers across terms (issue 11)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from maillage.consolidation.instance import mission_key, worker_key
from maillage.consolidation.models import PlanVersion
from maillage.missions.models import Mission
from tests.demo.test_demo_commands import demo_with_autumn_plan, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gironde_communes")]


def test_the_demo_plan_drives_no_more_than_the_marketplace_and_covers_at_least_as_much():
    demo_with_autumn_plan(time_limit=6, with_baseline=True)

    engine = PlanVersion.objects.get(run__method="engine")
    baseline = PlanVersion.objects.get(run__method="baseline")
    assert engine.figure("covered_minutes") >= baseline.figure("covered_minutes")
    assert engine.figure("workers_at_threshold") >= baseline.figure("workers_at_threshold")
    # More km than the marketplace only for more people at 24 h (decision 0048).
    assert engine.figure("km_week") <= baseline.figure("km_week") or (
        engine.figure("workers_at_threshold") > baseline.figure("workers_at_threshold")
        and engine.run.engine_result["metrics"]["lns_km_budget_raised_for_people_at_threshold"]
    )


def test_the_winter_term_starts_from_the_autumn_plan_and_says_how_much_it_kept():
    demo_with_autumn_plan(time_limit=6)
    output = run(
        "consolidate", "--territory", "gironde", "--start", "2027-01-04", "--end", "2027-02-12",
        "--time-limit", "6",
    )  # fmt: skip

    autumn = PlanVersion.objects.get(period_start=dt.date(2026, 11, 2))
    winter = PlanVersion.objects.get(period_start=dt.date(2027, 1, 4))
    planned = {mission["id"] for mission in winter.run.engine_input["missions"]}
    holder_of = {
        new: autumn.worker_of_mission[old]
        for new, old in Mission.objects.filter(
            replaces__in=autumn.worker_of_mission, period_start=dt.date(2027, 1, 4)
        ).values_list("pk", "replaces_id")
        if mission_key(new) in planned
    }
    # Each renewed need reaches the engine as its autumn worker's `previous` (decision 0043).
    previous = {w["id"]: set(w["previous"]) for w in winter.run.engine_input["workers"]}
    assert len(holder_of) >= 2
    assert all(mission_key(new) in previous[worker_key(w)] for new, w in holder_of.items())
    # The figure printed is the share of them the winter plan leaves with that worker.
    kept = sum(winter.worker_of_mission.get(new) == w for new, w in holder_of.items())
    printed = json.loads(output.split(f"engine v{winter.number}: ", 1)[1].splitlines()[0])
    assert printed["stability"] == winter.figure("stability") == round(kept / len(holder_of), 4)
    # Every renewed workshop stays with the worker who ran it in the autumn (issue 11). On
    # these builds the autumn workers are also the nearest; the case where another worker
    # lives nearer is built in test_publication (decision 0056).
    assert kept == len(holder_of)
