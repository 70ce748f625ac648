"""Each phase's default assumptions and the lines it cannot do without.

Orders of magnitude for a territorial cooperative of an EPCI or a département, to be
replaced by the coordinator's own figures (they are written on the page with their version):

- seed (prototype): half a coordinator, no premises of its own (a desk in a tiers-lieu),
  mostly grants (a département, the State's "France Travail" programmes, a foundation);
- development: one and a half coordinators, a small office, grants tapering off;
- running: two coordinators, premises, the fee carrying most of the structure.
"""

from __future__ import annotations

from decimal import Decimal

from maillage.economics.models import Phase

D = Decimal

DEFAULTS: dict[str, dict[str, Decimal]] = {
    Phase.SEED: {
        "fee_rate": D("0.08"),
        "hourly_price_before_fee": D("32.00"),
        "expected_billed_hours_per_week": D("120"),
        "coordination_fte": D("0.5"),
        "coordination_gross_monthly": D("2600.00"),
        "premises_monthly": D("0"),
        "third_place_rent_monthly": D("250.00"),
        "software_hosting_monthly": D("150.00"),
        "insurance_monthly": D("80.00"),
        "certifications_per_month": D("2"),
        "certification_fee": D("120.00"),
        "training_hours_per_month": D("14"),
        "training_funding_per_hour": D("25.00"),
        "unbilled_hours_per_billed_hour": D("0.10"),
        "hours_below_24_per_week": D("10"),
    },
    Phase.DEVELOPMENT: {
        "fee_rate": D("0.10"),
        "hourly_price_before_fee": D("32.00"),
        "expected_billed_hours_per_week": D("400"),
        "coordination_fte": D("1.5"),
        "coordination_gross_monthly": D("2700.00"),
        "premises_monthly": D("600.00"),
        "third_place_rent_monthly": D("400.00"),
        "software_hosting_monthly": D("300.00"),
        "insurance_monthly": D("150.00"),
        "certifications_per_month": D("6"),
        "certification_fee": D("120.00"),
        "training_hours_per_month": D("42"),
        "training_funding_per_hour": D("25.00"),
        "unbilled_hours_per_billed_hour": D("0.06"),
        "hours_below_24_per_week": D("12"),
    },
    Phase.RUNNING: {
        "fee_rate": D("0.12"),
        "hourly_price_before_fee": D("32.00"),
        "expected_billed_hours_per_week": D("900"),
        "coordination_fte": D("2"),
        "coordination_gross_monthly": D("2800.00"),
        "premises_monthly": D("1200.00"),
        "third_place_rent_monthly": D("600.00"),
        "software_hosting_monthly": D("450.00"),
        "insurance_monthly": D("250.00"),
        "certifications_per_month": D("12"),
        "certification_fee": D("120.00"),
        "training_hours_per_month": D("84"),
        "training_funding_per_hour": D("25.00"),
        "unbilled_hours_per_billed_hour": D("0.04"),
        "hours_below_24_per_week": D("15"),
    },
}

DEFAULT_GRANTS: dict[str, list[tuple[str, Decimal]]] = {
    Phase.SEED: [("Département", D("40000")), ("Fondation", D("15000"))],
    Phase.DEVELOPMENT: [("Département", D("30000")), ("Région", D("20000"))],
    Phase.RUNNING: [("Département", D("10000"))],
}

#: "grants" stands for at least one grant line; the other names are fields that must be > 0.
REQUIRED_LINES: dict[str, tuple[str, ...]] = {
    Phase.SEED: ("coordination_fte", "coordination_gross_monthly", "insurance_monthly", "grants"),
    Phase.DEVELOPMENT: (
        "fee_rate",
        "coordination_fte",
        "coordination_gross_monthly",
        "insurance_monthly",
        "software_hosting_monthly",
        "grants",
    ),
    Phase.RUNNING: (
        "fee_rate",
        "coordination_fte",
        "coordination_gross_monthly",
        "insurance_monthly",
        "software_hosting_monthly",
        "premises_monthly",
    ),
}

LINE_FIELDS: tuple[str, ...] = tuple(DEFAULTS[Phase.SEED])
