"""Print a territory's sustainability indicators (the same figures as the GPEC pages)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from maillage.gpec.sustainability import indicators
from maillage.territory.models import Territory


class Command(BaseCommand):
    help = (
        "Indicators of the current published plan. Compares with the latest baseline version "
        "of the same period; when there is none, runs one first (and stores it as a version)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--territory", required=True, help="territory slug")
        parser.add_argument("--format", choices=["json", "text"], default="json")
        parser.add_argument(
            "--no-baseline-run",
            action="store_true",
            help="never run a missing baseline (km and CO2 avoided are then null)",
        )

    def handle(self, *args, territory: str, format: str, no_baseline_run: bool, **options):
        try:
            place = Territory.objects.get(slug=territory)
        except Territory.DoesNotExist as error:
            raise CommandError(f"no territory {territory!r}") from error
        figures = indicators(territory=place, run_missing_baseline=not no_baseline_run).as_dict()
        if format == "json":
            self.stdout.write(json.dumps(figures, indent=2, sort_keys=True))
        else:
            for key, value in figures.items():
                self.stdout.write(f"{key}: {value}")
