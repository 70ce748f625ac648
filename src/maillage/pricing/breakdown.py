"""Where each euro of a quote goes: pure arithmetic over the OpenFisca payroll adapter.

The adapter computes a *monthly* payslip. A quote covers a period, so the quote's paid
hours are turned into their monthly equivalent, the payslip of that month is computed, and
its parts are scaled back to the period:

1. weekly paid hours ``w`` = paid hours of the period / working weeks of the period;
2. payslip ``P`` = ``payroll_for_hours(month, hours_per_week=w, hourly_gross)`` (monthly
   hours = ``w`` x 52 / 12, the adapter's rule), for the month the mission starts;
3. gross pay of the quote ``G`` = paid hours x hourly gross, to the cent;
4. each payslip part is scaled by ``G / P.gross`` and rounded to the cent: net pay and
   employer contributions (after the general reduction); employee contributions = ``G`` -
   net, so that gross = net + employee contributions exactly;
5. overhead = (``G`` + employer contributions) x (overhead coefficient - 1);
6. mileage allowance = km x the charter's per-km rate;
7. price = (employer cost + overhead + mileage) / (1 - fee rate), to the cent, and the fee
   is the rest, so the parts add up to the price to the cent.

Scaling is exact for the proportional contributions and very close for the general
reduction, whose rate depends on the hourly wage relative to the SMIC (not on the number of
hours): the same hourly wage gives the same reduction rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from maillage.payroll import monthly_hours, payroll_for_hours

CENT = Decimal("0.01")


def to_cents(value: Decimal) -> Decimal:
    """Round euros to the cent, half up."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class QuoteHours:
    """The hours and distance a quote pays for, over the whole period."""

    working_weeks: Decimal
    delivered_hours: Decimal
    preparation_hours: Decimal
    travel_hours: Decimal
    travel_km: Decimal
    trips: int

    @property
    def paid_hours(self) -> Decimal:
        return self.delivered_hours + self.preparation_hours + self.travel_hours


@dataclass(frozen=True)
class Breakdown:
    """The price of a quote and its parts, in euros to the cent."""

    gross_pay: Decimal
    net_pay: Decimal
    employee_contributions: Decimal
    employer_contributions: Decimal
    general_reduction: Decimal
    overhead: Decimal
    mileage_allowance: Decimal
    cooperative_fee: Decimal
    price: Decimal
    computation: dict = field(default_factory=dict)

    @property
    def parts_total(self) -> Decimal:
        return (
            self.net_pay
            + self.employee_contributions
            + self.employer_contributions
            + self.overhead
            + self.mileage_allowance
            + self.cooperative_fee
        )


def compute_breakdown(
    *,
    month: str,
    hours: QuoteHours,
    hourly_gross: Decimal,
    fee_rate: Decimal,
    overhead_coefficient: Decimal,
    mileage_rate: Decimal,
    company_size: int,
) -> Breakdown:
    """Price a quote's hours at ``hourly_gross`` and split the price (see the module doc)."""
    paid_hours = hours.paid_hours
    weekly_paid_hours = (paid_hours / hours.working_weeks).quantize(CENT, rounding=ROUND_HALF_UP)
    payslip = payroll_for_hours(
        month=month,
        hours_per_week=weekly_paid_hours,
        hourly_gross=hourly_gross,
        company_size=company_size,
    )
    gross = to_cents(paid_hours * hourly_gross)
    share = gross / payslip.gross
    net = to_cents(payslip.net_pay * share)
    employee = gross - net
    employer = to_cents(payslip.employer_contributions * share)
    reduction = to_cents(payslip.general_reduction * share)
    employer_cost = gross + employer
    overhead = to_cents(employer_cost * (overhead_coefficient - 1))
    mileage = to_cents(hours.travel_km * mileage_rate)
    subtotal = employer_cost + overhead + mileage
    price = to_cents(subtotal / (1 - fee_rate))
    fee = price - subtotal
    computation = {
        "month": month,
        "company_size": company_size,
        "paid_hours": str(paid_hours),
        "working_weeks": str(hours.working_weeks),
        "weekly_paid_hours": str(weekly_paid_hours),
        "monthly_paid_hours": str(monthly_hours(weekly_paid_hours)),
        "monthly_payslip": {
            "gross": str(payslip.gross),
            "net_pay": str(payslip.net_pay),
            "employee_contributions": str(payslip.employee_contributions),
            "employer_contributions": str(payslip.employer_contributions),
            "general_reduction": str(payslip.general_reduction),
            "employer_cost": str(payslip.employer_cost),
        },
        "months_equivalent": str(share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)),
        "employer_cost": str(employer_cost),
        "fee_rate": str(fee_rate),
        "overhead_coefficient": str(overhead_coefficient),
        "mileage_rate": str(mileage_rate),
        "trips": hours.trips,
    }
    return Breakdown(
        gross_pay=gross,
        net_pay=net,
        employee_contributions=employee,
        employer_contributions=employer,
        general_reduction=reduction,
        overhead=overhead,
        mileage_allowance=mileage,
        cooperative_fee=fee,
        price=price,
        computation=computation,
    )
