"""How a quote's breakdown is shown: translated labels, colours and the stacked bar."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from maillage.pricing.models import Quote

PART_LABELS = {
    "net_pay": _("Worker's net pay"),
    "employee_contributions": _("Employee social contributions"),
    "employer_contributions": _("Employer contributions (after the general reduction)"),
    "overhead": _("Employer structure's overhead"),
    "mileage_allowance": _("Mileage allowance"),
    "cooperative_fee": _("Cooperative's fee"),
}
PART_EXPLANATIONS = {
    "net_pay": _("What the worker receives, for delivery, preparation and travel time."),
    "employee_contributions": _(
        "Deducted from the gross pay: pension, CSG and CRDS; they fund the worker's rights."
    ),
    "employer_contributions": _(
        "Paid by the employer on top of the gross pay: health, pension, unemployment, "
        "workplace accidents."
    ),
    "overhead": _("Payroll, insurance, occupational medicine and training of the employer."),
    "mileage_allowance": _("Car costs of the trips, at the official per-km scale."),
    "cooperative_fee": _("Runs the cooperative: coordination, planning, quality, billing."),
}
# Colours with a contrast of at least 3:1 against white (WCAG 1.4.11, graphical objects).
PART_COLOURS = {
    "net_pay": "#1b5e20",
    "employee_contributions": "#4e7d32",
    "employer_contributions": "#0d47a1",
    "overhead": "#5c6bc0",
    "mileage_allowance": "#8d4b00",
    "cooperative_fee": "#6a1b9a",
}


@dataclass(frozen=True)
class Segment:
    code: str
    label: str
    explanation: str
    amount: Decimal
    percent: Decimal
    colour: str
    x: Decimal
    width: Decimal


def segments(quote: Quote) -> list[Segment]:
    """Each part of the price with its share and its place on a 0-100 stacked bar."""
    result = []
    x = Decimal(0)
    for code, amount in quote.parts():
        share = (amount / quote.price * 100) if quote.price else Decimal(0)
        result.append(
            Segment(
                code=code,
                label=str(PART_LABELS[code]),
                explanation=str(PART_EXPLANATIONS[code]),
                amount=amount,
                percent=share.quantize(Decimal("0.1")),
                colour=PART_COLOURS[code],
                x=x.quantize(Decimal("0.01")),
                width=share.quantize(Decimal("0.01")),
            )
        )
        x += share
    return result
