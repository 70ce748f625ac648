"""The demo's plan keeps the engine's promise on km (issue 11, decision 0048)."""

from __future__ import annotations

import pytest

from maillage.consolidation.models import PlanVersion
from tests.demo.test_demo_commands import run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gironde_communes")]


def test_the_demo_plan_drives_no_more_than_the_marketplace_and_covers_at_least_as_much():
    run("build_demo", "--seed", "2026")
    run(
        "consolidate", "--territory", "gironde", "--start", "2026-11-02", "--end", "2026-12-18",
        "--time-limit", "6", "--with-baseline", "--publish",
    )  # fmt: skip

    engine = PlanVersion.objects.get(run__method="engine")
    baseline = PlanVersion.objects.get(run__method="baseline")
    assert engine.figure("covered_minutes") >= baseline.figure("covered_minutes")
    assert engine.figure("workers_at_threshold") >= baseline.figure("workers_at_threshold")
    # More km than the marketplace only for more people at 24 h (decision 0048).
    assert engine.figure("km_week") <= baseline.figure("km_week") or (
        engine.figure("workers_at_threshold") > baseline.figure("workers_at_threshold")
        and engine.run.engine_result["metrics"]["lns_km_budget_raised_for_people_at_threshold"]
    )
