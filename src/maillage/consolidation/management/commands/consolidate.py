"""Run the consolidation of a territory's period (and the marketplace baseline beside it)."""

import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from maillage.consolidation.models import PlanVersion, RunStatus
from maillage.consolidation.services import execute_run, publish_version, start_run
from maillage.territory.models import Territory


class Command(BaseCommand):
    help = "Plan a territory's period with the engine (and the baseline), optionally publish."

    def add_arguments(self, parser):
        parser.add_argument("--territory", required=True, help="territory slug")
        parser.add_argument("--start", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--end", required=True, type=dt.date.fromisoformat)
        parser.add_argument("--time-limit", type=int, default=20)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--with-baseline", action="store_true")
        parser.add_argument("--publish", action="store_true", help="publish the engine's plan")
        parser.add_argument(
            "--tradeoff",
            action="store_true",
            help="also plan versions trading coverage for people at 24 h (engine)",
        )
        parser.add_argument(
            "--even-if-worse",
            action="store_true",
            help="publish even when a level is worse than the plan in force",
        )
        parser.add_argument(
            "--if-missing", action="store_true", help="do nothing if a plan already exists"
        )

    def handle(self, *args, **options):
        try:
            territory = Territory.objects.get(slug=options["territory"])
        except Territory.DoesNotExist as exc:
            raise CommandError(f"No territory {options['territory']!r}.") from exc
        if options["if_missing"] and PlanVersion.objects.filter(territory=territory).exists():
            self.stdout.write(f"{territory}: a plan already exists, nothing to do.")
            return
        methods = ["baseline", "engine"] if options["with_baseline"] else ["engine"]
        for method in methods:
            # Run in this process whatever the broker: a command waits for its result.
            try:
                run = start_run(
                    territory=territory,
                    period_start=options["start"],
                    period_end=options["end"],
                    method=method,
                    requested_by=None,
                    time_limit_seconds=options["time_limit"],
                    seed=options["seed"],
                    enqueue=False,
                    explore_tradeoff=options["tradeoff"],
                )
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            run = execute_run(run_id=run.pk)
            if run.status != RunStatus.SUCCEEDED:
                raise CommandError(f"{method}: {run.get_status_display()} — {run.message}")
            version = run.version
            metrics = {
                k: version.metrics.get(k)
                for k in (
                    "covered_minutes",
                    "demand_minutes",
                    "covered_minutes_week",
                    "demand_minutes_week",
                    "working_weeks",
                    "workers_at_threshold",
                    "workers_wishing_threshold",
                    "active_workers",
                    "km_week",
                    # Across terms: the share of last term's missions the same worker keeps,
                    # and how many there were (0: the 1.0 above is of nothing).
                    "stability",
                    "previous_missions",
                )
            }
            self.stdout.write(f"{method} v{version.number}: {json.dumps(metrics)}")
            for point in (run.result or {}).get("front", [])[1:]:
                self.stdout.write(
                    f"trade-off v{point['version']} (up to {point['epsilon']:.0%} of the demand "
                    f"given up): {json.dumps(point)}"
                )
            if method == "engine" and options["publish"]:
                try:
                    publish_version(
                        version=version, by=None, confirm_worse=options["even_if_worse"]
                    )
                except ValidationError as error:
                    raise CommandError(
                        " ".join(error.messages) + " (--even-if-worse publishes it anyway)"
                    ) from error
                self.stdout.write(f"engine v{version.number} published")
