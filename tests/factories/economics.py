"""Economic assumptions issued through the service (``assumptions(territory, ...)``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from maillage.economics.services import issue_assumptions

#: A small phase whose figures the tests compute by hand (the coordination's employer cost
#: comes from OpenFisca: the tests read it from maillage.payroll).
HAND_LINES: dict[str, D] = {
    "fee_rate": D("0.20"),
    "hourly_price_before_fee": D("38.00"),
    "expected_billed_hours_per_week": D("52"),  # 225.33 h a month (52 x 52 / 12)
    "coordination_fte": D("0.5"),
    "coordination_gross_monthly": D("2600.00"),
    "premises_monthly": D("400.00"),
    "third_place_rent_monthly": D("200.00"),
    "software_hosting_monthly": D("100.00"),
    "insurance_monthly": D("50.00"),
    "certifications_per_month": D("2"),
    "certification_fee": D("150.00"),
    "training_hours_per_month": D("10"),
    "training_funding_per_hour": D("20.00"),
    "unbilled_hours_per_billed_hour": D("0"),
    "hours_below_24_per_week": D("12"),
}
HAND_GRANTS = [("Département", D("12000"))]


def assumptions(
    territory,
    *,
    phase: str = "seed",
    effective_month: dt.date = dt.date(2026, 9, 1),
    grants=None,
    by=None,
    **lines,
):
    """A version of ``phase`` from the hand-computed lines, with ``lines`` changed."""
    return issue_assumptions(
        territory=territory,
        phase=phase,
        effective_month=effective_month,
        lines={**HAND_LINES, **lines},
        grants=HAND_GRANTS if grants is None else grants,
        note="",
        by=by,
    )
