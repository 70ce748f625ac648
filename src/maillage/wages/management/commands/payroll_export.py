"""`manage.py payroll_export --month 2026-11 --format csv|xlsx [--output FILE] [--territory SLUG]`.

Computes and records a new version of the month's payroll export of each territory (or of
``--territory``), then writes one file with every employee (CSV for French spreadsheets by
default, or XLSX) to ``--output`` or to standard output. The columns are documented in
``maillage.wages.documents.COLUMNS``.
"""

from __future__ import annotations

import datetime as dt
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from maillage.core.limits import limit
from maillage.execution.dates import MonthOutOfReach, read_month
from maillage.territory.models import Territory
from maillage.wages.documents import export_csv, export_xlsx
from maillage.wages.services import run_payroll_export


def _month(text: str) -> dt.date:
    try:
        return read_month(text)
    except MonthOutOfReach as error:
        first, last = limit("first_year"), limit("last_year")
        raise CommandError(
            f"The month must be between {first} and {last}, not {text!r}."
        ) from error
    except ValueError as error:
        raise CommandError(f'The month is written "YYYY-MM", not {text!r}.') from error


class Command(BaseCommand):
    help = "Record a new version of a month's payroll export and write it as CSV or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--month", required=True, help='Month, "YYYY-MM".')
        parser.add_argument("--format", choices=("csv", "xlsx"), default="csv")
        parser.add_argument("--output", help="File to write (default: standard output).")
        parser.add_argument("--territory", help="Slug of one territory (default: all).")
        parser.add_argument(
            "--language", default="fr", help="CSV numbers for this language (fr: decimal comma)."
        )

    def handle(self, *args, **options):
        month = _month(options["month"])
        territories = Territory.objects.order_by("slug")
        if options["territory"]:
            territories = territories.filter(slug=options["territory"])
            if not territories.exists():
                raise CommandError(f"No territory {options['territory']!r}.")
        exports = []
        for territory in territories:
            try:
                exports.append(
                    run_payroll_export(
                        territory=territory, month=month, by=None, check_access=False
                    )
                )
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
        data = (
            export_xlsx(exports)
            if options["format"] == "xlsx"
            else export_csv(exports, language=options["language"])
        )
        if options["output"]:
            with open(options["output"], "wb") as out:
                out.write(data)
            employees = sum(export.employees for export in exports)
            self.stderr.write(
                f"{options['output']}: {employees} employees, "
                + ", ".join(f"{e.territory.slug} v{e.number}" for e in exports)
            )
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
