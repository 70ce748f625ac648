"""The weighted tally of a closed vote (pure arithmetic, no database).

For each college: its members, its voters, the votes for, against and abstaining; its share
for is ``for / (for + against)`` (an abstention takes part but expresses nothing).

- **Participation** is weighted: the sum over the colleges of ``weight x voters / members``.
  The quorum is reached when it is at least the statutes' quorum.
- **Weighted result**: over the colleges that expressed a vote (for or against), the sum of
  ``weight x share for`` divided by the sum of their weights. A college that did not vote (or
  only abstained) does not count, neither for nor against.
- **Adopted** when the quorum is reached and the weighted result is *more than* the majority
  (a tie at half is not a majority).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

FULL = 10_000


@dataclass(frozen=True)
class CollegeCount:
    kind: str
    weight_bp: int
    members: int
    votes_for: int
    votes_against: int
    abstentions: int

    @property
    def voters(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def expressed(self) -> int:
        return self.votes_for + self.votes_against

    @property
    def share_for(self) -> Fraction | None:
        return Fraction(self.votes_for, self.expressed) if self.expressed else None


@dataclass(frozen=True)
class Result:
    colleges: tuple[CollegeCount, ...]
    participation: Fraction
    share_for: Fraction | None
    quorum_reached: bool
    adopted: bool

    def as_json(self) -> dict:
        """The tally as stored in the decision and published as open data."""
        return {
            "colleges": [
                {
                    "kind": c.kind,
                    "weight_bp": c.weight_bp,
                    "members": c.members,
                    "voters": c.voters,
                    "for": c.votes_for,
                    "against": c.votes_against,
                    "abstain": c.abstentions,
                    "share_for": _fixed(c.share_for),
                }
                for c in self.colleges
            ],
            "participation": _fixed(self.participation),
            "share_for": _fixed(self.share_for),
            "quorum_reached": self.quorum_reached,
            "adopted": self.adopted,
        }


def _fixed(value: Fraction | None) -> str | None:
    """A share as a decimal string with 4 places, rounded half-up."""
    if value is None:
        return None
    return str(
        (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
            Decimal("0.0001"), rounding=ROUND_HALF_UP
        )
    )


def tally(colleges: list[CollegeCount], *, quorum_bp: int, majority_bp: int) -> Result:
    """Count a vote under the statutes' quorum and majority (see the module docstring)."""
    participation = sum(
        (Fraction(c.weight_bp * c.voters, FULL * c.members) for c in colleges if c.members),
        Fraction(0),
    )
    expressed = [c for c in colleges if c.expressed]
    expressed_weight = sum(c.weight_bp for c in expressed)
    share_for = (
        sum((c.weight_bp * c.share_for for c in expressed if c.share_for is not None), Fraction(0))
        / expressed_weight
        if expressed_weight
        else None
    )
    quorum_reached = participation >= Fraction(quorum_bp, FULL)
    adopted = bool(
        quorum_reached and share_for is not None and share_for > Fraction(majority_bp, FULL)
    )
    return Result(
        colleges=tuple(colleges),
        participation=participation,
        share_for=share_for,
        quorum_reached=quorum_reached,
        adopted=adopted,
    )
