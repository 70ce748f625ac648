"""Load (or refresh) the French communes bundled with Maillage."""

import time

from django.core.management.base import BaseCommand

from maillage.territory.services import load_communes


class Command(BaseCommand):
    help = "Load all French communes from the bundled INSEE file (idempotent)."

    def handle(self, *args, **options):
        started = time.perf_counter()
        counts = load_communes()
        self.stdout.write(
            f"communes: {counts['created']} created, {counts['updated']} updated, "
            f"{counts['total']} in file ({time.perf_counter() - started:.1f} s)"
        )
