"""manage.py build_demo: build the seeded Gironde demo territory (see maillage.demo.builder)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from maillage.demo.builder import DEFAULT_SEED, build_demo, demo_exists


class Command(BaseCommand):
    help = "Build the demo territory (Gironde) from a seed; the same seed gives the same data."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-missing", action="store_true", help="Do nothing if the demo is already there."
        )
        group.add_argument(
            "--reset", action="store_true", help="Delete the previous demo data first."
        )

    def handle(self, *args, seed: int, if_missing: bool, reset: bool, **options) -> None:
        if demo_exists() and not reset:
            if if_missing:
                self.stdout.write("The demo territory is already there: nothing to do.")
                return
            raise CommandError("The demo territory already exists: use --reset to rebuild it.")
        started = time.perf_counter()
        summary = build_demo(seed=seed, reset=reset)
        elapsed = time.perf_counter() - started
        counts = ", ".join(f"{name} {count}" for name, count in summary.counts.items())
        states = ", ".join(f"{state} {count}" for state, count in summary.missions_by_state.items())
        self.stdout.write(f"Demo built from seed {seed} in {elapsed:.1f} s: {counts}.")
        self.stdout.write(f"Needs by state: {states}.")
        self.stdout.write(
            f"Weekly demand this term (not cancelled): {summary.weekly_hours_this_term:.1f} h."
        )
        self.stdout.write(self.style.SUCCESS("Logins: manage.py demo_logins"))
