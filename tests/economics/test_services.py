"""Versions of the assumptions: numbering, refusals line by line, never edited."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from maillage.economics.models import Assumptions, Grant
from maillage.economics.services import ensure_default_assumptions, issue_assumptions
from tests.factories.economics import HAND_GRANTS, HAND_LINES, assumptions
from tests.immutability import assert_frozen, assert_never_deleted

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_each_version_is_a_new_numbered_row(territory, coordinator):
    first = assumptions(territory, by=coordinator)
    second = assumptions(territory, fee_rate=D("0.25"), effective_month=dt.date(2026, 11, 15))
    other_phase = assumptions(territory, phase="running")
    assert (first.number, second.number, other_phase.number) == (1, 2, 1)
    assert second.effective_month == dt.date(2026, 11, 1)
    assert list(first.grants.values_list("funder", "annual_amount")) == [
        ("Département", D("12000.00"))
    ]
    first.refresh_from_db()
    assert first.fee_rate == D("0.2000")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"fee_rate": D("-0.1")}, "fee_rate", "This cannot be negative."),
        ({"fee_rate": D("0.6")}, "fee_rate", "This is more than 0.4999: please check it."),
        ({"premises_monthly": "lots"}, "premises_monthly", "Enter a number."),
        ({"premises_monthly": "NaN"}, "premises_monthly", "Enter a number."),
        (
            {"coordination_fte": D("5000")},
            "coordination_fte",
            "This is more than 50: please check it.",
        ),
        (
            {"insurance_monthly": D("0")},
            "insurance_monthly",
            "This phase needs this line (more than 0).",
        ),
        ({"insurance_monthly": D("1.234")}, "insurance_monthly", "At most 2 decimal places."),
    ],
)
def test_bad_lines_are_refused_line_by_line(territory, changes, field, message):
    lines = HAND_LINES
    with pytest.raises(ValidationError) as error:
        issue_assumptions(
            territory=territory,
            phase="seed",
            effective_month=dt.date(2026, 9, 1),
            lines={**lines, **changes},
            grants=HAND_GRANTS,
            by=None,
        )
    assert error.value.message_dict == {field: [message]}
    assert not Assumptions.objects.exists()
    assert not Grant.objects.exists()


def test_a_phase_without_its_required_lines_says_which(territory):
    with pytest.raises(ValidationError) as error:
        issue_assumptions(
            territory=territory,
            phase="seed",
            effective_month=dt.date(2026, 9, 1),
            lines={**HAND_LINES, "coordination_fte": D("0"), "coordination_gross_monthly": D("0")},
            grants=[],
            by=None,
        )
    assert error.value.message_dict == {
        "coordination_fte": ["This phase needs this line (more than 0)."],
        "coordination_gross_monthly": ["This phase needs this line (more than 0)."],
        "grants": ["This phase needs at least one grant line."],
    }
    assert not Assumptions.objects.exists()


def test_grants_twice_or_absurd_are_refused(territory):
    with pytest.raises(ValidationError) as error:
        assumptions(
            territory,
            phase="running",
            grants=[("Région", "100"), ("région", "200"), ("Europe", "-5"), ("", "10")],
        )
    assert error.value.message_dict == {
        "grants": [
            "The funder région is listed twice.",
            "The grant of Europe is more than 0 and at most 10,000,000 a year.",
            "Each grant names its funder (at most 200 characters).",
        ]
    }
    assert not Assumptions.objects.exists()


def test_defaults_give_every_phase_a_first_version(territory):
    created = ensure_default_assumptions(territory=territory, effective_month=dt.date(2026, 9, 1))
    assert sorted(a.phase for a in created) == ["development", "running", "seed"]
    assert (
        ensure_default_assumptions(territory=territory, effective_month=dt.date(2026, 9, 1)) == []
    )


def test_versions_and_grants_are_frozen(territory):
    version = assumptions(territory)
    assert_frozen(version, fee_rate=D("0.3"))
    assert_frozen(version.grants.get(), annual_amount=D("1"))
    assert_never_deleted(version)
