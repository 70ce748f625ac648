"""The cost split: shares add up to the amount exactly, each within a cent of its exact
proportion, by the largest-remainder rule with ties to the smallest member id."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.wages.split import fee_cents, split_cents

weights = st.dictionaries(
    keys=st.integers(min_value=1, max_value=10_000),
    values=st.integers(min_value=0, max_value=50_000),
    min_size=1,
    max_size=12,
)


@given(total=st.integers(min_value=-10_000_000, max_value=10_000_000), weights=weights)
def test_the_shares_add_up_to_the_amount_exactly(total, weights):
    shares = split_cents(total, weights)

    assert set(shares) == set(weights)
    assert sum(shares.values()) == total


@given(total=st.integers(min_value=0, max_value=10_000_000), weights=weights)
def test_each_share_is_within_a_cent_of_its_exact_proportion(total, weights):
    shares = split_cents(total, weights)
    used = weights if any(weights.values()) else dict.fromkeys(weights, 1)
    whole = sum(used.values())

    for key, share in shares.items():
        exact = Fraction(total * used[key], whole)
        assert exact - 1 < share < exact + 1
        assert share >= 0


@given(total=st.integers(min_value=0, max_value=1_000_000), weights=weights)
def test_a_member_without_hours_pays_nothing_when_others_have_hours(total, weights):
    if not any(weights.values()):
        return
    shares = split_cents(total, weights)

    assert all(shares[key] == 0 for key, weight in weights.items() if weight == 0)


def test_the_cents_left_go_to_the_largest_remainders_then_the_smallest_id():
    # 100 cents for 1:1:1 is 33.33 each: one cent left, to the smallest id (remainders tie).
    assert split_cents(100, {7: 1, 3: 1, 5: 1}) == {3: 34, 5: 33, 7: 33}
    # 1000 cents for 2:1 minutes is 666.67 and 333.33: the cent goes to the larger remainder.
    assert split_cents(1000, {1: 1, 2: 2}) == {1: 333, 2: 667}


def test_without_any_hours_the_members_share_equally():
    assert split_cents(157045, {2: 0, 1: 0}) == {1: 78523, 2: 78522}


def test_nobody_cannot_share_an_amount():
    with pytest.raises(ValueError):
        split_cents(1, {})
    assert split_cents(0, {}) == {}


def test_the_fee_is_rounded_half_up_to_the_cent():
    assert fee_cents(157045, Decimal("0.05")) == 7852  # 7852.25
    assert fee_cents(10, Decimal("0.05")) == 1  # 0.5 cent rounds up
    assert fee_cents(157045, Decimal("0")) == 0
