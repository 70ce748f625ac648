"""Benchmark: a month's invoicing for 2,000 workers and 500 buyers, on generated data.

Usage: ``PYTHONPATH=src:. python benchmarks/invoicing.py [--workers 2000] [--buyers 500]
[--pdfs 50]``. ``make bench`` runs it.

The data is written in bulk into its own SQLite file (``var/bench-invoicing.sqlite3``,
rebuilt on each run): one territory, the buyers (10 purchasing groups of 5, half of them
invoiced once for the group), one fixed need per worker with an accepted quote, two sessions
a week in November 2026 (8 occurrences each, one in 40 cancelled late, billable) and the
four weeks' timesheets, validated but 2 % of them. Then it times, through the platform's
code: building the drafts (``build_drafts``), issuing them all (``issue_month``: numbering,
frozen mentions and the XML checked against the schema, one transaction each), a rebuild
after issue (nothing left to bill), and the Factur-X PDF of ``--pdfs`` invoices (the
per-invoice time gives the month's folder export). Wall-clock seconds on this machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODE = HERE.parent
DATABASE = CODE / "var" / "bench-invoicing.sqlite3"


def _django() -> None:
    sys.path[:0] = [str(CODE / "src"), str(CODE)]
    DATABASE.parent.mkdir(exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maillage.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def generate(workers: int, buyers: int):
    """Write the month's data in bulk; return the territory."""
    from maillage.consolidation.models import PlanAssignment
    from maillage.execution.dates import PARIS
    from maillage.execution.models import Occurrence
    from maillage.invoicing.models import GroupInvoicing
    from maillage.missions.models import Mission
    from maillage.people.models import BuyerGroup, Organisation, User, WorkerProfile
    from maillage.pricing.models import Quote
    from maillage.pricing.services import default_terms, issue_charter
    from maillage.territory.models import Commune
    from maillage.timesheets.models import Timesheet, TimesheetLine, TimesheetVersion
    from tests.factories.consolidation import PlanVersionFactory
    from tests.factories.territory import TerritoryFactory

    for code, name in (("33063", "Bordeaux"), ("33281", "Mérignac"), ("33243", "Libourne")):
        Commune.objects.create(
            insee_code=code,
            name=name,
            postal_codes="33000",
            departement_code="33",
            departement_name="Gironde",
            region_name="Nouvelle-Aquitaine",
            latitude=44.84,
            longitude=-0.58,
        )
    bordeaux = Commune.objects.get(insee_code="33063")
    territory = TerritoryFactory()
    charter = issue_charter(territory=territory, terms=default_terms(dt.date(2026, 1, 1)), by=None)
    organisations = Organisation.objects.bulk_create(
        Organisation(
            kind="commune" if index % 10 == 0 else "school",
            name=f"Acheteur {index:03d}",
            siret=f"{10000000000000 + index:014d}",
            territory=territory,
            commune=bordeaux,
            address=f"{index} rue des Écoles",
            is_public_buyer=index % 10 == 0,
        )
        for index in range(buyers)
    )
    groups = []
    for number in range(10):
        group = BuyerGroup.objects.create(
            name=f"Groupement {number}", kind=BuyerGroup.Kind.PURCHASING, territory=territory
        )
        members = organisations[number * 5 : number * 5 + 5]
        group.members.add(*members)
        if number % 2 == 0:
            GroupInvoicing.objects.create(group=group, mode="single", payer=members[0])
        groups.append((group, {m.pk for m in members}))
    users = User.objects.bulk_create(
        User(email=f"worker{index}@bench.example", first_name=f"W{index}")
        for index in range(workers)
    )
    profiles = WorkerProfile.objects.bulk_create(
        WorkerProfile(user=user, territory=territory, home_commune=bordeaux) for user in users
    )
    group_of = {pk: group for group, members in groups for pk in members}
    missions = Mission.objects.bulk_create(
        Mission(
            buyer=organisations[index % buyers],
            buyer_group=group_of.get(organisations[index % buyers].pk),
            territory=territory,
            title=f"Atelier {index}",
            kind="after_school_workshop",
            place_kind="address",
            address="1 place de la République",
            commune=bordeaux,
            period_start=dt.date(2026, 11, 2),
            period_end=dt.date(2026, 11, 27),
            schedule_kind="fixed",
            state="planned",
        )
        for index in range(workers)
    )
    floor = charter.rates.get(kind="after_school_workshop", band="foundation").floor_hourly_gross
    Quote.objects.bulk_create(
        Quote(
            mission=mission,
            number=1,
            charter=charter,
            state="accepted",
            kind=mission.kind,
            band="foundation",
            floor_hourly_gross=floor,
            hourly_gross=floor + Decimal("0.50"),
            working_weeks=Decimal("4"),
            delivered_hours=Decimal("24.00"),
            preparation_hours=Decimal("2.00"),
            travel_hours=Decimal("1.00"),
            travel_km=Decimal("10.00"),
            paid_hours=Decimal("27.00"),
            gross_pay=Decimal("351.00"),
            net_pay=Decimal("274.00"),
            employee_contributions=Decimal("77.00"),
            employer_contributions=Decimal("60.00"),
            general_reduction=Decimal("40.00"),
            overhead=Decimal("20.00"),
            mileage_allowance=Decimal("6.00"),
            cooperative_fee=Decimal("41.00"),
            price=Decimal("478.00"),
        )
        for mission in missions
    )
    version = PlanVersionFactory(territory=territory, published=True)
    assignments = PlanAssignment.objects.bulk_create(
        PlanAssignment(
            version=version,
            mission=mission,
            worker=profile,
            blocks=[{"day": 1, "start": 900, "end": 990}, {"day": 3, "start": 900, "end": 990}],
            weekly_minutes=180,
        )
        for mission, profile in zip(missions, profiles, strict=True)
    )
    mondays = [dt.date(2026, 11, 2) + dt.timedelta(weeks=w) for w in range(4)]
    occurrences = []
    for index, assignment in enumerate(assignments):
        for monday in mondays:
            for day in (1, 3):
                date = monday + dt.timedelta(days=day)
                start = dt.datetime(date.year, date.month, date.day, 15, 0, tzinfo=PARIS)
                late = (index + day) % 40 == 0 and monday == mondays[-1]
                occurrences.append(
                    Occurrence(
                        version=version,
                        assignment=assignment,
                        mission_id=assignment.mission_id,
                        worker_id=assignment.worker_id,
                        date=date,
                        starts_at=start,
                        ends_at=start + dt.timedelta(minutes=90),
                        place_label="1 place de la République",
                        state="cancelled" if late else "done",
                        billable=late,
                        uid=f"bench-{assignment.pk}-{date:%Y%m%d}@maillage",
                    )
                )
    occurrences = Occurrence.objects.bulk_create(occurrences, batch_size=2000)
    by_week: dict[tuple[int, int, dt.date], list[Occurrence]] = {}
    mission_buyer = {m.pk: m.buyer_id for m in missions}
    for occurrence in occurrences:
        if occurrence.state != "done":
            continue
        monday = occurrence.date - dt.timedelta(days=occurrence.date.weekday())
        key = (occurrence.worker_id, mission_buyer[occurrence.mission_id], monday)
        by_week.setdefault(key, []).append(occurrence)
    keys = sorted(by_week)
    timesheets = Timesheet.objects.bulk_create(
        (
            Timesheet(
                worker_id=worker_id,
                organisation_id=organisation_id,
                week=monday,
                state="declared" if index % 50 == 0 else "validated",
            )
            for index, (worker_id, organisation_id, monday) in enumerate(keys)
        ),
        batch_size=2000,
    )
    at = dt.datetime(2026, 11, 30, 8, tzinfo=PARIS)
    versions = TimesheetVersion.objects.bulk_create(
        (TimesheetVersion(timesheet=timesheet, number=1, at=at) for timesheet in timesheets),
        batch_size=2000,
    )
    TimesheetLine.objects.bulk_create(
        (
            TimesheetLine(version=version, occurrence=occurrence, outcome="as_planned", minutes=90)
            for version, key in zip(versions, keys, strict=True)
            for occurrence in by_week[key]
        ),
        batch_size=2000,
    )
    return territory, len(occurrences), len(timesheets)


def _timed(label: str, action):
    started = time.monotonic()
    result = action()
    seconds = time.monotonic() - started
    print(f"{label}: {seconds:.2f} s")
    return result, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2000)
    parser.add_argument("--buyers", type=int, default=500)
    parser.add_argument("--pdfs", type=int, default=50)
    args = parser.parse_args(argv)
    _django()
    import logging

    logging.getLogger("factur-x").setLevel(logging.WARNING)
    from maillage.invoicing.exports import write_pdfs
    from maillage.invoicing.models import Invoice, InvoiceLine
    from maillage.invoicing.services import build_drafts, issue_month

    month = dt.date(2026, 11, 1)
    (territory, occurrences, timesheets), _ = _timed(
        f"generate {args.workers} workers, {args.buyers} buyers",
        lambda: generate(args.workers, args.buyers),
    )
    print(f"  {occurrences} occurrences, {timesheets} timesheets")
    report, _ = _timed("build drafts", lambda: build_drafts(territory=territory, month=month))
    print(
        f"  {len(report.drafts)} drafts, {report.pending_timesheets} timesheets awaiting validation"
    )
    issued, seconds = _timed(
        "issue every draft", lambda: issue_month(territory=territory, month=month, by=None)
    )
    print(
        f"  {len(issued)} invoices, {InvoiceLine.objects.count()} lines, "
        f"{seconds / max(len(issued), 1) * 1000:.1f} ms per invoice; "
        f"numbers {issued[0].number} … {issued[-1].number}"
    )
    again, _ = _timed("rebuild after issue", lambda: build_drafts(territory=territory, month=month))
    print(f"  {len(again.drafts)} drafts left")
    sample = list(Invoice.objects.order_by("sequence_number")[: args.pdfs])
    with tempfile.TemporaryDirectory() as folder:
        _written, seconds = _timed(
            f"Factur-X PDFs of {len(sample)} invoices", lambda: write_pdfs(sample, Path(folder))
        )
    per_pdf = seconds / max(len(sample), 1)
    print(
        f"  {per_pdf * 1000:.0f} ms per PDF; the month's {len(issued)} would take "
        f"~{per_pdf * len(issued):.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
