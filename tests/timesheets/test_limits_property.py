"""Property: a week's spans of work are refused exactly when two overlap, a day goes over
10 hours (Code du travail L3121-18) or the week over 48 hours (L3121-20)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.execution.dates import PARIS
from maillage.execution.models import Occurrence
from maillage.missions.models import Mission
from maillage.timesheets.models import MAX_DAY_MINUTES, MAX_WEEK_MINUTES, Outcome
from maillage.timesheets.services import LineInput, _check_overlaps_and_limits, _Checked
from tests.factories import WorkerProfileFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 16)

spans = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=6),  # day of the week
        st.integers(min_value=0, max_value=23 * 60),  # start minute
        st.integers(min_value=1, max_value=11 * 60),  # length
    ),
    min_size=1,
    max_size=12,
)


def _checked(index, day, start, length):
    date = MONDAY + dt.timedelta(days=day)
    begin = dt.datetime(date.year, date.month, date.day, tzinfo=PARIS) + dt.timedelta(minutes=start)
    occurrence = Occurrence(pk=index + 1, date=date, mission=Mission(title=f"M{index}"))
    line = LineInput(occurrence_id=index + 1, outcome=Outcome.OTHER_TIMES)
    return _Checked(occurrence, line, length, (begin, begin + dt.timedelta(minutes=length)))


@pytest.fixture
def worker(territory):
    return WorkerProfileFactory(territory=territory)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(drawn=spans)
def test_refused_exactly_on_overlap_or_above_the_legal_limits(worker, drawn):
    checked = [_checked(i, *span) for i, span in enumerate(drawn)]
    errors: dict[str, list[str]] = defaultdict(list)

    _check_overlaps_and_limits(
        worker=worker,
        monday=MONDAY,
        checked=checked,
        replacing=(),
        organisation_ids=set(),
        errors=errors,
    )

    overlap = any(
        a.span[0] < b.span[1] and b.span[0] < a.span[1] for a, b in combinations(checked, 2)
    )
    per_day: dict[dt.date, int] = defaultdict(int)
    for item in checked:
        per_day[item.occurrence.date] += item.minutes
    too_long = (
        any(m > MAX_DAY_MINUTES for m in per_day.values())
        or sum(per_day.values()) > MAX_WEEK_MINUTES
    )
    assert bool(errors) == (overlap or too_long)
    assert bool(errors.get("lines")) == too_long
