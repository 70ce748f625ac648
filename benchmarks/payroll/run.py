"""Time the payslips of 1,000 workers in one call, cold and warm.

Run: ``PYTHONPATH=src python benchmarks/payroll/run.py [--workers 1000] [--repeat 5]``.

Cold runs in a fresh subprocess and includes importing OpenFisca and building the
tax-benefit system. Warm reuses the built system with an empty result cache (the first
simulation of a process also initialises OpenFisca's formulas, so it is done once before
timing). The inverse (gross for 1,000 employer budgets) and a fully cached call are timed
too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from maillage.payroll import PayrollCase

MONTH = "2026-03"


def make_cases(count: int) -> list[PayrollCase]:
    """Deterministic, distinct workers: 10 to 35 h a week, SMIC to 2.5 SMIC, mixed sizes."""
    from maillage.payroll import PayrollCase, monthly_hours

    cases = []
    for index in range(count):
        hours_per_week = 10 + (index * 7) % 26
        hourly_cents = 1202 + (index * 37) % 1800
        hours = monthly_hours(hours_per_week)
        cases.append(
            PayrollCase(
                gross_monthly=(Decimal(hourly_cents) / 100 * hours).quantize(Decimal("0.01")),
                paid_hours_monthly=hours,
                company_size=(1, 20, 49, 50, 250)[index % 5],
            )
        )
    return cases


def cold_child(count: int) -> None:
    """In a fresh interpreter: import, build the system, compute ``count`` payslips."""
    started = time.perf_counter()
    from maillage.payroll import compute_payroll, tax_benefit_system

    tax_benefit_system()
    built = time.perf_counter()
    results = compute_payroll(month=MONTH, cases=make_cases(count))
    finished = time.perf_counter()
    assert len(results) == count
    print(
        json.dumps(
            {
                "build_s": built - started,
                "compute_s": finished - built,
                "total_s": finished - started,
            }
        )
    )


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Wall times of ``repeat`` calls of ``function``."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def describe(label: str, times: list[float]) -> str:
    """One line: median and best of the times, in milliseconds."""
    return (
        f"{label:<46} median {statistics.median(times) * 1000:8.1f} ms"
        f"   best {min(times) * 1000:8.1f} ms"
    )


def main() -> None:
    """Run the cold subprocess, then the warm timings in this process."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--workers", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.cold_child:
        cold_child(arguments.workers)
        return

    count = arguments.workers
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--cold-child", "--workers", str(count)],
        check=True,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    cold = json.loads(child.stdout.strip().splitlines()[-1])
    print(f"cold, fresh process, {count} workers in one call:")
    print(f"  import + build tax-benefit system   {cold['build_s']:6.2f} s")
    print(f"  first compute_payroll call          {cold['compute_s']:6.2f} s")
    print(f"  total inside the process            {cold['total_s']:6.2f} s")
    print(f"  subprocess wall (with interpreter)  {wall:6.2f} s")

    from maillage.payroll import (
        EmployerBudget,
        clear_cache,
        compute_payroll,
        gross_for_employer_cost,
        tax_benefit_system,
    )

    tax_benefit_system()
    cases = make_cases(count)
    compute_payroll(month=MONTH, cases=cases[:1])  # initialise OpenFisca's formulas

    def uncached() -> None:
        clear_cache()
        compute_payroll(month=MONTH, cases=cases)

    results = compute_payroll(month=MONTH, cases=cases)
    budgets = [
        EmployerBudget(
            employer_cost=result.employer_cost,
            paid_hours_monthly=result.case.paid_hours_monthly,
            company_size=result.case.company_size,
        )
        for result in results
    ]
    print(f"warm, {count} workers in one call, {arguments.repeat} runs:")
    print(describe("  compute_payroll, empty cache", timed(uncached, arguments.repeat)))
    print(
        describe(
            "  compute_payroll, all cached",
            timed(lambda: compute_payroll(month=MONTH, cases=cases), arguments.repeat),
        )
    )
    print(
        describe(
            "  gross_for_employer_cost",
            timed(lambda: gross_for_employer_cost(month=MONTH, budgets=budgets), 3),
        )
    )


if __name__ == "__main__":
    main()
