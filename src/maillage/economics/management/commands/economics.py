"""``manage.py economics --territory gironde --phase seed --format json [--month 2026-11]``."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from maillage.core.limits import limit
from maillage.economics.computation import what_ifs
from maillage.economics.models import Phase
from maillage.economics.selectors import month_model, public_side
from maillage.execution.dates import MonthOutOfReach, read_month
from maillage.territory.models import Territory


def _number(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Command(BaseCommand):
    help = "Print a territory's economic model of one month for a phase."

    def add_arguments(self, parser):
        parser.add_argument("--territory", required=True, help="The territory's slug.")
        parser.add_argument("--phase", required=True, choices=Phase.values)
        parser.add_argument("--format", default="text", choices=["json", "text"])
        parser.add_argument("--month", help="YYYY-MM (default: this month).")

    def handle(self, *args, **options):
        territory = Territory.objects.filter(slug=options["territory"]).first()
        if territory is None:
            raise CommandError(f"No territory with the slug {options['territory']!r}.")
        if options["month"]:
            try:
                month = read_month(options["month"])
            except MonthOutOfReach as error:
                first, last = limit("first_year"), limit("last_year")
                raise CommandError(f"--month is between {first} and {last}.") from error
            except ValueError as error:
                raise CommandError("--month looks like 2026-11.") from error
        else:
            month = timezone.localdate().replace(day=1)
        model = month_model(territory, options["phase"], month)
        if model is None:
            raise CommandError(
                f"No {options['phase']} assumptions in force on {territory.slug} in {month:%Y-%m}."
            )
        result = model.result
        public = public_side(territory, model.assumptions)
        document = {
            "territory": territory.slug,
            "phase": options["phase"],
            "month": f"{month:%Y-%m}",
            "assumptions_version": model.assumptions.number,
            "volume_source": model.volume.source,
            "billed_hours_per_month": _number(result.inputs.billed_hours),
            "billed_hours_per_week": _number(result.billed_hours_per_week),
            "revenue": _number(result.revenue),
            "revenue_lines": {k: _number(v) for k, v in result.revenue_lines.items()},
            "costs": _number(result.costs),
            "cost_lines": {k: _number(v) for k, v in result.cost_lines.items()},
            "result": _number(result.result),
            "fee_per_billed_hour": _number(result.fee_per_billed_hour),
            "margin_per_billed_hour": _number(result.margin_per_billed_hour),
            "break_even_hours_per_month": _number(result.break_even_hours_per_month),
            "break_even_hours_per_week": _number(result.break_even_hours_per_week),
            "break_even_workers_at_24": _number(result.break_even_workers_at_24),
            "what_ifs": [
                {
                    "kind": row.label_key,
                    "value": _number(row.value),
                    "result": _number(row.result.result),
                    "break_even_hours_per_week": _number(row.result.break_even_hours_per_week),
                }
                for row in what_ifs(result.inputs)
            ],
            "public_side": {
                "avoided_per_month": _number(public.avoided_per_month),
                "received_per_month": _number(public.received_per_month),
                "ratio": _number(public.ratio),
            },
        }
        if options["format"] == "json":
            self.stdout.write(json.dumps(document, indent=2))
            return
        for key in (
            "territory",
            "phase",
            "month",
            "assumptions_version",
            "volume_source",
            "billed_hours_per_week",
            "revenue",
            "costs",
            "result",
            "break_even_hours_per_week",
            "break_even_workers_at_24",
        ):
            self.stdout.write(f"{key}: {document[key] if document[key] is not None else '-'}")
