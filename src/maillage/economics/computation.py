"""The economic model of one month, as plain arithmetic (no Django, no database).

A selector gathers the figures (``MonthInputs``); ``compute`` turns them into revenue and
cost lines, the result and the break-even point. What-ifs are the same computation on
changed inputs (``with_fee_rate``, ``with_volume_factor``, ``with_share_at_24``).

The fee is a share of the price paid by the buyer: with a price before the fee ``b`` per
billed hour and a fee rate ``r``, the price is ``b / (1 - r)`` and the fee ``b * r / (1 - r)``
(raising the fee raises the price; the worker's pay does not change).

Break-even: the fixed costs (everything but the unbilled hours) minus the revenue that does
not depend on billed hours (grants, certification, training), divided by what one billed hour
leaves (its fee minus the cost of the unbilled hours it brings). In hours a month, a week
(x 12 / 52) and workers at 24 h a week.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
TENTH = Decimal("0.1")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
CONTRACT_THRESHOLD_HOURS = Decimal(24)

REVENUE_LINES = ("fee", "certification", "training", "grants")
COST_LINES = (
    "coordination",
    "premises",
    "third_place_rent",
    "software_hosting",
    "insurance",
    "unbilled_hours",
)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class MonthInputs:
    """Everything one month's computation needs; euros a month unless said otherwise."""

    billed_hours: Decimal  # a month
    hourly_price_before_fee: Decimal  # € per billed hour
    fee_rate: Decimal
    grants: Decimal  # a month (annual grants / 12)
    certifications: Decimal  # count a month
    certification_fee: Decimal
    training_hours: Decimal  # a month
    training_funding_per_hour: Decimal
    coordination: Decimal  # employer cost a month
    premises: Decimal
    third_place_rent: Decimal
    software_hosting: Decimal
    insurance: Decimal
    unbilled_hours_per_billed_hour: Decimal
    unbilled_hour_cost: Decimal  # employer cost of one paid hour
    workers: int = 0  # for the what-if on the share of workers at 24 h
    hours_below_24_per_week: Decimal = Decimal(0)


@dataclass(frozen=True)
class MonthResult:
    inputs: MonthInputs
    revenue_lines: dict[str, Decimal]
    cost_lines: dict[str, Decimal]
    revenue: Decimal
    costs: Decimal
    result: Decimal
    fee_per_billed_hour: Decimal
    margin_per_billed_hour: Decimal
    #: None: no volume reaches it (a billed hour leaves nothing, or less than nothing).
    break_even_hours_per_month: Decimal | None
    break_even_hours_per_week: Decimal | None
    break_even_workers_at_24: Decimal | None

    @property
    def billed_hours_per_week(self) -> Decimal:
        return cents(self.inputs.billed_hours * 12 / 52)


def fee_per_billed_hour(price_before_fee: Decimal, fee_rate: Decimal) -> Decimal:
    """The fee in the price of one billed hour (unrounded)."""
    if fee_rate >= 1:
        raise ValueError("The fee rate must be below 1.")
    return price_before_fee * fee_rate / (1 - fee_rate)


def compute(inputs: MonthInputs) -> MonthResult:
    """Revenue, costs, result and break-even of one month."""
    fee_hour = fee_per_billed_hour(inputs.hourly_price_before_fee, inputs.fee_rate)
    unbilled_hour = inputs.unbilled_hours_per_billed_hour * inputs.unbilled_hour_cost
    revenue_lines = {
        "fee": cents(inputs.billed_hours * fee_hour),
        "certification": cents(inputs.certifications * inputs.certification_fee),
        "training": cents(inputs.training_hours * inputs.training_funding_per_hour),
        "grants": cents(inputs.grants),
    }
    cost_lines = {
        "coordination": cents(inputs.coordination),
        "premises": cents(inputs.premises),
        "third_place_rent": cents(inputs.third_place_rent),
        "software_hosting": cents(inputs.software_hosting),
        "insurance": cents(inputs.insurance),
        "unbilled_hours": cents(inputs.billed_hours * unbilled_hour),
    }
    revenue = sum(revenue_lines.values(), Decimal(0))
    costs = sum(cost_lines.values(), Decimal(0))
    fixed = costs - cost_lines["unbilled_hours"]
    other_revenue = revenue - revenue_lines["fee"]
    margin = fee_hour - unbilled_hour
    to_cover = fixed - other_revenue
    per_month: Decimal | None
    if to_cover <= 0:
        per_month = Decimal(0)
    elif margin <= 0:
        per_month = None
    else:
        per_month = to_cover / margin
    per_week = per_month * 12 / 52 if per_month is not None else None
    return MonthResult(
        inputs=inputs,
        revenue_lines=revenue_lines,
        cost_lines=cost_lines,
        revenue=revenue,
        costs=costs,
        result=revenue - costs,
        fee_per_billed_hour=cents(fee_hour),
        margin_per_billed_hour=cents(margin),
        break_even_hours_per_month=cents(per_month) if per_month is not None else None,
        break_even_hours_per_week=cents(per_week) if per_week is not None else None,
        break_even_workers_at_24=(
            (per_week / CONTRACT_THRESHOLD_HOURS).quantize(TENTH, rounding=ROUND_HALF_UP)
            if per_week is not None
            else None
        ),
    )


def with_fee_rate(inputs: MonthInputs, fee_rate: Decimal) -> MonthInputs:
    """What if the fee were ``fee_rate``."""
    return replace(inputs, fee_rate=fee_rate)


def with_volume_factor(inputs: MonthInputs, factor: Decimal) -> MonthInputs:
    """What if the billed hours were ``factor`` times what they are (1.2 = 20 % more)."""
    return replace(inputs, billed_hours=inputs.billed_hours * factor)


def with_share_at_24(inputs: MonthInputs, share: Decimal) -> MonthInputs:
    """What if ``share`` of the workers had 24 h a week of billed work and the others the
    assumed hours under 24 h."""
    weekly = inputs.workers * (
        share * CONTRACT_THRESHOLD_HOURS + (1 - share) * inputs.hours_below_24_per_week
    )
    return replace(inputs, billed_hours=cents(weekly * 52 / 12))


@dataclass(frozen=True)
class WhatIf:
    label_key: str
    value: Decimal
    result: MonthResult


def what_ifs(
    inputs: MonthInputs,
    *,
    fee_rates: tuple[Decimal, ...] = (Decimal("0.05"), Decimal("0.08"), Decimal("0.12")),
    volume_factors: tuple[Decimal, ...] = (Decimal("0.5"), Decimal("1.5"), Decimal("2")),
    shares_at_24: tuple[Decimal, ...] = (Decimal("0.25"), Decimal("0.5"), Decimal("1")),
) -> list[WhatIf]:
    """The standard what-ifs: other fee rates, other volumes, other shares at 24 h."""
    rows = [WhatIf("fee_rate", r, compute(with_fee_rate(inputs, r))) for r in fee_rates]
    rows += [WhatIf("volume", f, compute(with_volume_factor(inputs, f))) for f in volume_factors]
    if inputs.workers:
        rows += [
            WhatIf("share_at_24", s, compute(with_share_at_24(inputs, s))) for s in shares_at_24
        ]
    return rows
