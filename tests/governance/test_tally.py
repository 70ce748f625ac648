"""The weighted tally on known cases (pure arithmetic)."""

from fractions import Fraction

from maillage.governance.tally import CollegeCount, tally


def college(kind, weight, members, votes_for=0, against=0, abstain=0):
    return CollegeCount(kind, weight, members, votes_for, against, abstain)


def test_weighted_result_counts_each_college_by_its_weight():
    result = tally(
        [
            college("workers", 5000, 10, votes_for=8, against=2),  # 80 % for
            college("buyers", 3000, 4, votes_for=1, against=3),  # 25 % for
            college("unions", 2000, 2, votes_for=2),  # 100 % for
        ],
        quorum_bp=3000,
        majority_bp=5000,
    )
    # (0.5 * 0.8 + 0.3 * 0.25 + 0.2 * 1) / 1 = 0.675
    assert result.share_for == Fraction(675, 1000)
    assert result.participation == Fraction(1)
    assert result.quorum_reached is True
    assert result.adopted is True
    assert result.as_json()["share_for"] == "0.6750"
    assert result.as_json()["colleges"][1] == {
        "kind": "buyers",
        "weight_bp": 3000,
        "members": 4,
        "voters": 4,
        "for": 1,
        "against": 3,
        "abstain": 0,
        "share_for": "0.2500",
    }


def test_a_college_that_did_not_vote_counts_neither_for_nor_against():
    result = tally(
        [
            college("workers", 4000, 10, votes_for=6, against=4),  # 60 % for
            college("buyers", 4000, 10),  # did not vote
            college("unions", 2000, 5, against=5),  # 0 % for
        ],
        quorum_bp=3000,
        majority_bp=5000,
    )
    # participation 0.4 * 10/10 + 0 + 0.2 * 5/5 = 0.6; for: (0.4 * 0.6 + 0) / 0.6 = 0.4
    assert result.participation == Fraction(6, 10)
    assert result.share_for == Fraction(4, 10)
    assert result.adopted is False
    assert result.as_json()["colleges"][1]["share_for"] is None


def test_quorum_not_reached_rejects_even_a_unanimous_vote():
    result = tally(
        [
            college("workers", 5000, 20, votes_for=2),
            college("buyers", 3000, 10, votes_for=1),
            college("unions", 2000, 10),
        ],
        quorum_bp=3000,
        majority_bp=5000,
    )
    # 0.5 * 2/20 + 0.3 * 1/10 = 0.08 < 0.30
    assert result.participation == Fraction(8, 100)
    assert result.share_for == Fraction(1)
    assert result.quorum_reached is False
    assert result.adopted is False


def test_a_tie_is_not_a_majority():
    result = tally(
        [
            college("workers", 5000, 2, votes_for=2),
            college("buyers", 5000, 2, against=2),
            college("unions", 0, 0),
        ],
        quorum_bp=3000,
        majority_bp=5000,
    )
    assert result.share_for == Fraction(1, 2)
    assert result.adopted is False


def test_abstentions_take_part_but_express_nothing():
    result = tally(
        [
            college("workers", 5000, 4, votes_for=1, abstain=3),
            college("buyers", 3000, 4, abstain=4),
            college("unions", 2000, 4, abstain=4),
        ],
        quorum_bp=5000,
        majority_bp=5000,
    )
    assert result.participation == Fraction(1)
    assert result.share_for == Fraction(1)  # the only expressed vote is for
    assert result.adopted is True


def test_nobody_voted():
    result = tally([college("workers", 10000, 3)], quorum_bp=0, majority_bp=5000)
    assert result.share_for is None
    assert result.quorum_reached is True
    assert result.adopted is False
