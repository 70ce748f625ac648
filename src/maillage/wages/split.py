"""Sharing an amount of cents among members pro rata of their hours, exactly to the cent.

The rule (docs/decisions/0027-payroll-export-and-group-costs.md), the largest remainder
method: each member first gets its exact share rounded down to the cent; the cents left over
(fewer than the number of members) go one each to the members with the largest remainders,
ties going to the member with the smallest key (its id). So the shares always add up to the
amount, and no share is more than one cent away from the exact proportion.
Without any hours at all, the members share equally (every weight counts as 1).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

K = TypeVar("K", int, str)


def split_cents(total: int, weights: Mapping[K, int]) -> dict[K, int]:
    """``total`` cents shared pro rata of ``weights`` (minutes), adding up exactly.

    Keys are ordered (member ids): they break ties. Weights are >= 0; all zero means equal
    shares. ``total`` may be negative (a correction): the same rule applies to its size.
    """
    if not weights:
        if total:
            raise ValueError("An amount cannot be shared among nobody.")
        return {}
    if any(weight < 0 for weight in weights.values()):
        raise ValueError("Weights are never negative.")
    if total < 0:
        return {key: -share for key, share in split_cents(-total, weights).items()}
    keys = sorted(weights)
    used = {key: weights[key] for key in keys}
    if not any(used.values()):
        used = dict.fromkeys(keys, 1)
    whole = sum(used.values())
    # Integer arithmetic only: share = total * weight // whole, remainder in units of 1/whole.
    shares = {key: total * used[key] // whole for key in keys}
    remainders = {key: total * used[key] % whole for key in keys}
    left = total - sum(shares.values())
    for key in sorted(keys, key=lambda k: (-remainders[k], k))[:left]:
        shares[key] += 1
    return shares


def fee_cents(cost_cents: int, rate: Decimal) -> int:
    """The group's fee on a cost, rounded to the cent half up."""
    return int((Decimal(cost_cents) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))
