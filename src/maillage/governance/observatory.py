"""The public observatory's figures of a territory, the same for the page and the open data.

Published under the Licence Ouverte / Open Licence 2.0 (Etalab): anyone may reuse them,
naming the source. Nothing here is about one person: the tallies are counts per college
(a college is a public body of the cooperative), the indicators hide groups under 5.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from maillage.governance.indicators import Headline, headline
from maillage.governance.models import CollegeKind, Decision
from maillage.governance.selectors import decisions_of
from maillage.pricing.models import Charter
from maillage.territory.models import Territory

LICENCE = "Licence Ouverte / Open Licence 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


@dataclass(frozen=True)
class Observatory:
    territory: Territory
    charters: list[tuple[Charter, str]]  # every version, newest first, with its status today
    in_force: Charter | None
    decisions: list[Decision]
    headline: Headline


def observatory(territory: Territory) -> Observatory:
    """Everything the public page shows."""
    today = timezone.localdate()
    versions = list(
        Charter.objects.filter(territory=territory).prefetch_related("rates").order_by("-number")
    )
    in_force = Charter.objects.in_force_on(territory, today)
    return Observatory(
        territory=territory,
        charters=[(c, c.status_on(today)) for c in versions],
        in_force=next((c for c in versions if in_force and c.pk == in_force.pk), None),
        decisions=list(decisions_of(territory)[:100]),
        headline=headline(territory),
    )


def _charter_dict(charter: Charter, status: str) -> dict[str, Any]:
    return {
        "version": charter.number,
        "starts_on": charter.starts_on.isoformat(),
        "status": status,
        "legal_minimum_hourly": str(charter.legal_minimum_hourly),
        "cooperative_fee_rate": str(charter.cooperative_fee_rate),
        "mileage_rate": str(charter.mileage_rate),
        "travel_time_paid": charter.travel_time_paid,
        "timesheet_validation_days": charter.timesheet_validation_days,
        "coverage_points_per_job": str(charter.coverage_points_per_job),
        "floors": {f"{r.kind}:{r.band}": str(r.floor_hourly_gross) for r in charter.rates.all()},
    }


def _decision_dict(decision: Decision) -> dict[str, Any]:
    return {
        "proposal": decision.proposal.title,
        "kind": decision.proposal.kind,
        "decided_at": decision.decided_at.isoformat(),
        "adopted": decision.adopted,
        "quorum_reached": decision.quorum_reached,
        "charter_version": decision.charter.number if decision.charter else None,
        "tally": decision.tally,
    }


def open_data(data: Observatory) -> dict[str, Any]:
    """The figures as JSON, with their licence."""
    return {
        "territory": {"slug": data.territory.slug, "name": data.territory.name},
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "generated_at": timezone.now().isoformat(),
        "charters": [_charter_dict(c, s) for c, s in data.charters],
        "decisions": [_decision_dict(d) for d in data.decisions],
        "indicators": data.headline.as_dict(),
    }


def open_data_rows(data: Observatory) -> list[list[Any]]:
    """The same figures as rows (section; item; key; value) for a CSV file."""
    rows: list[list[Any]] = [
        ["section", "item", "key", "value"],
        ["licence", "", "licence", LICENCE],
        ["licence", "", "url", LICENCE_URL],
        ["territory", data.territory.slug, "name", data.territory.name],
    ]
    for key, value in data.headline.as_dict().items():
        rows.append(["indicators", "", key, "" if value is None else value])
    for charter, status in data.charters:
        item = f"v{charter.number}"
        for key, value in _charter_dict(charter, status).items():
            if key == "floors":
                for floor_key, floor in value.items():
                    rows.append(["charter", item, f"floor {floor_key}", floor])
            else:
                rows.append(
                    [
                        "charter",
                        item,
                        key,
                        value if not isinstance(value, bool) else str(value).lower(),
                    ]
                )
    for decision in data.decisions:
        item = f"{decision.decided_at:%Y-%m-%d} {decision.proposal.title}"
        rows.append(["decision", item, "adopted", str(decision.adopted).lower()])
        rows.append(["decision", item, "quorum_reached", str(decision.quorum_reached).lower()])
        rows.append(["decision", item, "participation", decision.tally.get("participation") or ""])
        rows.append(["decision", item, "share_for", decision.tally.get("share_for") or ""])
        for college in decision.tally.get("colleges", []):
            label = CollegeKind(college["kind"]).value
            for key in ("weight_bp", "members", "voters", "for", "against", "abstain"):
                rows.append(["decision", item, f"{label} {key}", college[key]])
    return rows
