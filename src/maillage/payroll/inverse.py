"""The gross wage a monthly employer budget can pay (OpenFisca has no inverse)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from numpy.typing import NDArray

from maillage.payroll.payroll import PayrollCase, cases_to_arrays
from maillage.payroll.simulation import EmployeeArrays, employer_cost_cents
from maillage.payroll.system import CENT, check_month, to_cents

#: Employer cost / gross ratios bracketing every contract (about 1.02 at the SMIC with the
#: full reduction, about 1.45 for high wages); the first simulation probes between them.
_FIRST_RATIOS = np.geomspace(1.0, 1.6, 12)
#: Probes around the secant estimate: fixed cents (exact when the cost is locally linear)
#: and fractions of the bracket width (when the estimate is still rough).
_SECANT_CENTS = np.array([-1, 0, 1, 2], dtype=np.int64)
_SECANT_FRACTIONS = np.array([-1 / 30, -1 / 300, 1 / 300, 1 / 30])
#: Probes spread evenly inside the bracket: it shrinks at least 4-fold per simulation.
_EVEN_PROBES = 3
#: A simulation's time is ~50 ms fixed plus ~17 us per person: past this many persons,
#: fewer probes per budget (and maybe one more iteration) are faster.
_RICH_PROBING_MAX_PERSONS = 3000
_LEAN_FIRST_RATIOS = np.geomspace(1.0, 1.6, 5)
_LEAN_SECANT_CENTS = np.array([0, 1], dtype=np.int64)
_LEAN_SECANT_FRACTIONS = np.array([-1 / 100, 1 / 100])
_LEAN_EVEN_PROBES = 1
#: First multipliers of the extrapolated gross while no probe exceeded the budget yet; the
#: others grow geometrically up to x100.
_EXTRAPOLATION = np.array([1.0, 1.01, 1.03, 1.1])
_MAX_ITERATIONS = 40


@dataclass(frozen=True)
class EmployerBudget:
    """A monthly employer budget (employer cost) for a contract of given paid hours."""

    employer_cost: Decimal
    paid_hours_monthly: Decimal
    company_size: int = 1
    executive: bool = False

    def __post_init__(self) -> None:
        """Normalise amounts to the cent and hours to 0.01 h."""
        cost = to_cents(Decimal(str(self.employer_cost)))
        if cost < 0:
            raise ValueError(f"employer_cost must be >= 0, got {cost}")
        hours = Decimal(str(self.paid_hours_monthly)).quantize(CENT, rounding=ROUND_HALF_UP)
        if hours <= 0:
            raise ValueError(f"paid_hours_monthly must be > 0, got {hours}")
        object.__setattr__(self, "employer_cost", cost)
        object.__setattr__(self, "paid_hours_monthly", hours)

    def case(self, gross: Decimal = Decimal(0)) -> PayrollCase:
        """The payroll case of this contract paid ``gross``."""
        return PayrollCase(
            gross_monthly=gross,
            paid_hours_monthly=self.paid_hours_monthly,
            company_size=self.company_size,
            executive=self.executive,
        )


def gross_for_employer_cost(*, month: str, budgets: Sequence[EmployerBudget]) -> list[Decimal]:
    """Return, per budget, the largest gross wage (to the cent) whose cost fits the budget.

    The employer cost is OpenFisca's ``cout_du_travail`` rounded to the cent, as in
    ``compute_payroll``. It never falls as the gross rises, but it is not smooth: the general
    reduction rate is rounded to 4 decimals and stops at 3 SMIC, so some budgets fall in a
    gap and get the gross just below it. Nor is it strictly increasing: OpenFisca rounds some
    contributions to the cent, so a few percent of grosses cost the same as the next cent
    (never three in a row); the higher gross is returned.

    All budgets are solved together: each iteration is one simulation with a dozen probes
    per unsolved budget, a few cents around a secant estimate and a few spread over the
    bracket (which so shrinks at least 4-fold per iteration); usually 3 to 4 iterations.
    """
    check_month(month)
    if not budgets:
        return []
    employees = cases_to_arrays([budget.case() for budget in budgets])
    target = np.array([int(budget.employer_cost * 100) for budget in budgets], dtype=np.int64)
    solved = _solve(month=month, employees=employees, target=target)
    return [(Decimal(int(cents)) / 100).quantize(CENT) for cents in solved]


def _solve(month: str, employees: EmployeeArrays, target: NDArray[np.int64]) -> NDArray[np.int64]:
    """Vectorised bracketed search in integer cents; returns the largest gross <= target.

    Each budget keeps a bracket: ``low`` (a gross that fits, 0 at first) and ``high`` (the
    lowest gross known to exceed the budget, -1 while none is known). Each iteration runs
    one simulation of a dozen probes per unsolved budget and narrows the brackets.
    """
    count = len(target)
    low = np.zeros(count, dtype=np.int64)  # cost(0) = 0 <= any budget
    low_cost = np.zeros(count, dtype=np.int64)
    high = np.full(count, -1, dtype=np.int64)
    high_cost = np.zeros(count, dtype=np.int64)
    active = np.flatnonzero(target > 0)
    rich = active.size * len(_FIRST_RATIOS) <= _RICH_PROBING_MAX_PERSONS
    ratios = _FIRST_RATIOS if rich else _LEAN_FIRST_RATIOS
    probes = np.floor(target[active, None] / ratios[None, :]).astype(np.int64)
    for _ in range(_MAX_ITERATIONS):
        if active.size == 0:
            return low
        width = probes.shape[1]
        costs = employer_cost_cents(
            month=month,
            employees=employees.take(np.repeat(active, width)).with_gross(probes.ravel()),
        ).reshape(active.size, width)
        fits = costs <= target[active, None]
        _tighten(active, probes, costs, fits, low, low_cost, high, high_cost)
        active = np.flatnonzero(~((high >= 0) & (high - low <= 1)) & (target > 0))
        rich = active.size * len(_FIRST_RATIOS) <= _RICH_PROBING_MAX_PERSONS
        probes = _next_probes(active, target, low, low_cost, high, high_cost, rich=rich)
    raise RuntimeError("gross_for_employer_cost did not converge")  # pragma: no cover


def _tighten(
    rows: NDArray[np.intp],
    probes: NDArray[np.int64],
    costs: NDArray[np.int64],
    fits: NDArray[np.bool_],
    low: NDArray[np.int64],
    low_cost: NDArray[np.int64],
    high: NDArray[np.int64],
    high_cost: NDArray[np.int64],
) -> None:
    """Narrow the brackets of ``rows`` in place with the probes' costs (one row each)."""
    best_fit = np.where(fits, probes, -1).argmax(axis=1)
    fit_point = np.where(fits.any(axis=1), probes[np.arange(len(rows)), best_fit], -1)
    fit_cost = costs[np.arange(len(rows)), best_fit]
    raise_low = fit_point > low[rows]
    low[rows] = np.where(raise_low, fit_point, low[rows])
    low_cost[rows] = np.where(raise_low, fit_cost, low_cost[rows])
    big = np.iinfo(np.int64).max
    first_over = np.where(fits, big, probes).argmin(axis=1)
    over_point = np.where(~fits.all(axis=1), probes[np.arange(len(rows)), first_over], -1)
    over_cost = costs[np.arange(len(rows)), first_over]
    lower_high = (over_point >= 0) & ((high[rows] < 0) | (over_point < high[rows]))
    high[rows] = np.where(lower_high, over_point, high[rows])
    high_cost[rows] = np.where(lower_high, over_cost, high_cost[rows])


def _next_probes(
    rows: NDArray[np.intp],
    target: NDArray[np.int64],
    low: NDArray[np.int64],
    low_cost: NDArray[np.int64],
    high: NDArray[np.int64],
    high_cost: NDArray[np.int64],
    *,
    rich: bool,
) -> NDArray[np.int64]:
    """Probes of the next simulation, one row per unsolved budget, inside its bracket."""
    low_r, high_r, target_r = low[rows], high[rows], target[rows]
    bounded = high_r >= 0
    # Secant estimate between the bracket ends (linear interpolation of the cost).
    span = np.maximum(high_cost[rows] - low_cost[rows], 1)
    estimate = low_r + (target_r - low_cost[rows]) * (high_r - low_r) // span
    cents, widths, even_probes = (
        (_SECANT_CENTS, _SECANT_FRACTIONS, _EVEN_PROBES)
        if rich
        else (_LEAN_SECANT_CENTS, _LEAN_SECANT_FRACTIONS, _LEAN_EVEN_PROBES)
    )
    scaled = np.round((high_r - low_r)[:, None] * widths[None, :]).astype(np.int64)
    secant = estimate[:, None] + np.concatenate(
        [np.broadcast_to(cents, (len(rows), len(cents))), scaled], axis=1
    )
    fractions = np.arange(1, even_probes + 1) / (even_probes + 1)
    even = low_r[:, None] + np.floor((high_r - low_r)[:, None] * fractions[None, :])
    inside = np.clip(
        np.concatenate([secant, even.astype(np.int64)], axis=1),
        (low_r + 1)[:, None],
        np.maximum(low_r + 1, high_r - 1)[:, None],
    )
    # Unbounded: extrapolate the cost ratio seen at the lower bound, then overshoot.
    ratio = np.where(low_r > 0, low_cost[rows] / np.maximum(low_r, 1), 1.0)
    guess = target_r / np.maximum(ratio, 1e-6)
    extrapolation = np.concatenate(
        [_EXTRAPOLATION, np.geomspace(1.3, 100.0, inside.shape[1] - len(_EXTRAPOLATION))]
    )
    outside = np.maximum(
        np.ceil(guess[:, None] * extrapolation[None, :]).astype(np.int64),
        (low_r + 1)[:, None],
    )
    return np.where(bounded[:, None], inside, outside)
