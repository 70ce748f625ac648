"""``manage.py import_structures --territory gironde structures.csv``: all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from maillage.directory.services import COLUMNS, import_structures
from maillage.territory.models import Territory


class Command(BaseCommand):
    help = "Import structures into a territory's directory from a CSV (all lines or none)."

    def add_arguments(self, parser):
        parser.add_argument("--territory", required=True)
        parser.add_argument("path", help=f"CSV with the columns: {', '.join(COLUMNS)}")

    def handle(self, *args, **options):
        territory = Territory.objects.filter(slug=options["territory"]).first()
        if territory is None:
            raise CommandError(f"No territory with the slug {options['territory']!r}.")
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"No file {path}.")
        report = import_structures(territory=territory, content=path.read_bytes(), by=None)
        for error in report.file_errors:
            self.stderr.write(error)
        for line in report.lines:
            for error in line.errors:
                self.stderr.write(f"line {line.number} ({line.name or '?'}): {error}")
        if not report.ok:
            raise CommandError("Nothing was imported: correct the lines above.")
        self.stdout.write(f"{report.created} structure(s) imported.")
