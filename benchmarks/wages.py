"""Benchmark: a month's payroll export for 2,000 employees, through the platform's code.

Usage: ``PYTHONPATH=src python benchmarks/wages.py [--workers 2000] [--repeat 3]``;
``make bench`` runs it.

Its own SQLite file, ``var/bench-wages.sqlite3`` (migrated and given the communes on the first
run), or ``--database-url`` (never a database the platform uses). Each run generates, inside a
transaction rolled back at the end: one territory, ``--workers`` employees with a signed
contract (10 to 35 h a week, SMIC to 2 x SMIC an hour, one in ten starting during November),
absences for one in eight, and an employer group of 5 members employing one in twenty.
There are no timesheets: the validated-hours query runs but finds nothing, so the groups'
costs are split equally (the split's arithmetic is the same).

Timed (wall clock, this machine): reading the month's inputs and computing every payslip in
one OpenFisca-France call with an empty result cache (``compute_month``), writing the version,
its lines and the statements (``record_month``), and building the CSV and XLSX files. The
tax-benefit system is built (and OpenFisca's formulas warmed on one case) before timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

CODE = Path(__file__).resolve().parent.parent
DATABASE = CODE / "var" / "bench-wages.sqlite3"
#: Databases the platform itself uses: never written by a benchmark.
FORBIDDEN = {"maillage", "maillage_ci", "postgres", "maillage.sqlite3"}
MONTH = dt.date(2026, 11, 1)


class Rollback(Exception):
    """Raised at the end of a run: the generated rows are never kept."""


def setup(database_url: str) -> None:
    if database_url.rstrip("/").rsplit("/", 1)[-1] in FORBIDDEN:
        sys.exit(f"Refusing to write benchmark data into {database_url}")
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    sys.path.insert(0, str(CODE))  # the test factories (a published plan version)
    import django

    django.setup()
    from django.core.management import call_command

    from maillage.territory.models import Commune

    call_command("migrate", verbosity=0, interactive=False)
    if not Commune.objects.filter(departement_code="33").exists():
        call_command("load_communes", verbosity=0)


def generate(count: int):
    """The territory, its employees, absences and employer group (bulk inserts)."""
    from maillage.absences.models import Absence
    from maillage.employment.models import ContractProposal
    from maillage.payroll import monthly_hours
    from maillage.people.models import (
        BuyerGroup,
        Membership,
        Organisation,
        Role,
        User,
        WorkerProfile,
    )
    from maillage.pricing.services import default_terms, issue_charter
    from maillage.territory.models import Commune, Territory
    from maillage.wages.models import GroupEmployment
    from tests.factories import PlanVersionFactory

    stamp = time.time_ns()
    communes = list(Commune.objects.filter(departement_code="33").order_by("insee_code")[:50])
    territory = Territory.objects.create(name="Bench", slug=f"bench-{stamp}", kind="custom")
    territory.communes.set(communes)
    issue_charter(territory=territory, terms=default_terms(dt.date(2026, 1, 1)), by=None)
    coordinator = User.objects.create(email=f"coordinator-{stamp}@bench.invalid")
    Membership.objects.create(user=coordinator, role=Role.COORDINATOR, territory=territory)
    users = User.objects.bulk_create(
        User(
            email=f"worker-{index}-{stamp}@bench.invalid",
            first_name=f"Prénom{index}",
            last_name=f"Nom{index:05d}",
            password="!",
        )
        for index in range(count)
    )
    workers = WorkerProfile.objects.bulk_create(
        WorkerProfile(user=user, territory=territory, home_commune=communes[i % len(communes)])
        for i, user in enumerate(users)
    )
    version = PlanVersionFactory(territory=territory, published=True)
    contracts = []
    for index, worker in enumerate(workers):
        weekly = 10 + (index * 7) % 26
        hourly = Decimal(1202 + (index * 37) % 1200) / 100
        hours = monthly_hours(weekly)
        start = dt.date(2026, 11, 1 + index % 28) if index % 10 == 0 else dt.date(2026, 9, 1)
        contracts.append(
            ContractProposal(
                worker=worker,
                plan_version=version,
                state="signed",
                weekly_minutes=weekly * 60,
                hourly_gross=hourly,
                floor_hourly_gross=Decimal("12.02"),
                monthly_hours=hours,
                monthly_gross=(hourly * hours).quantize(Decimal("0.01"), ROUND_HALF_UP),
                wage_basis="charter_floor",
                start_date=start,
            )
        )
    ContractProposal.objects.bulk_create(contracts, batch_size=500)
    kinds = ("sickness", "leave", "other")
    Absence.objects.bulk_create(
        (
            Absence(
                worker=worker,
                kind=kinds[index % 3],
                first_day=dt.date(2026, 11, 3 + index % 20),
                last_day=dt.date(2026, 11, 3 + index % 20 + index % 5),
                declared_by=coordinator,
            )
            for index, worker in enumerate(workers)
            if index % 8 == 0
        ),
        batch_size=500,
    )
    members = Organisation.objects.bulk_create(
        Organisation(
            kind="association", name=f"Association {i}", territory=territory, commune=communes[i]
        )
        for i in range(5)
    )
    group = BuyerGroup.objects.create(name="Groupement", kind="employer", territory=territory)
    group.members.set(members)
    GroupEmployment.objects.bulk_create(
        GroupEmployment(group=group, worker=worker, first_month=MONTH, fee_rate=Decimal("0.07"))
        for index, worker in enumerate(workers)
        if index % 20 == 0
    )
    return territory, coordinator


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def run(count: int, repeat: int) -> None:
    from django.db import transaction

    from maillage.payroll import PayrollCase, clear_cache, compute_payroll, tax_benefit_system
    from maillage.wages.documents import export_csv, export_xlsx
    from maillage.wages.models import GroupStatement
    from maillage.wages.services import compute_month, record_month

    _, build = timed(tax_benefit_system)
    compute_payroll(month="2026-11", cases=[PayrollCase(Decimal("1500"), Decimal("104"))])
    print(f"OpenFisca-France tax-benefit system built in {build:.2f} s (not counted below)")
    times: dict[str, list[float]] = {"compute": [], "record": [], "csv": [], "xlsx": []}
    try:
        with transaction.atomic():
            (territory, coordinator), generation = timed(lambda: generate(count))
            print(f"generated {count} employees in {generation:.1f} s")
            for _ in range(repeat):
                clear_cache()
                computed, seconds = timed(lambda: compute_month(territory=territory, month=MONTH))
                times["compute"].append(seconds)
                export, seconds = timed(lambda c=computed: record_month(computed=c, by=coordinator))
                times["record"].append(seconds)
                csv, seconds = timed(lambda e=export: export_csv([e]))
                times["csv"].append(seconds)
                xlsx, seconds = timed(lambda e=export: export_xlsx([e]))
                times["xlsx"].append(seconds)
            statements = list(GroupStatement.objects.filter(export=export))
            group_cost = sum(
                (
                    line.employer_cost
                    for line in export.lines.filter(
                        worker__group_employments__isnull=False
                    ).distinct()
                ),
                Decimal(0),
            )
            print(f"payroll export of {export.month_label}, version {export.number}:")
            print(f"  employees                {export.employees:>12}")
            print(f"  gross pay                {export.gross:>12} €")
            print(f"  net pay                  {export.net_pay:>12} €")
            print(f"  employer cost            {export.employer_cost:>12} €")
            print(f"  CSV / XLSX               {len(csv):>9} B / {len(xlsx)} B")
            shares = sum((s.cost_share for s in statements), Decimal(0))
            print(
                f"  group statements         {len(statements):>12}   "
                f"cost shares {shares} € = group workers' cost {group_cost} €: "
                f"{'exact' if shares == group_cost else 'MISMATCH'}"
            )
            raise Rollback
    except Rollback:
        pass
    print(f"{count} employees, {repeat} runs (median, best):")
    labels = {
        "compute": "inputs + one OpenFisca call (empty cache)",
        "record": "write the version, lines and statements",
        "csv": "CSV file",
        "xlsx": "XLSX file",
    }
    for key, label in labels.items():
        values = times[key]
        print(f"  {label:<44} {statistics.median(values):7.2f} s  {min(values):7.2f} s")
    total = [sum(times[k][i] for k in times) for i in range(repeat)]
    print(f"  {'whole export':<44} {statistics.median(total):7.2f} s  {min(total):7.2f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--database-url", default=f"sqlite:///{DATABASE}")
    args = parser.parse_args()
    DATABASE.parent.mkdir(exist_ok=True)
    setup(args.database_url)
    run(args.workers, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
