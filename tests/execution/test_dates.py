import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from maillage.execution.dates import (
    PARIS,
    MonthNotWritten,
    MonthOutOfReach,
    at_minute,
    dated_blocks,
    iso_week_label,
    month_last_day,
    parse_day,
    parse_iso_week,
    parse_month,
    read_month,
    shift_month,
)
from maillage.territory.holidays import is_public_holiday

TUESDAY_WORKSHOP = (1, 900, 990)
WEDNESDAY_MORNING = (2, 540, 720)


def test_a_tuesday_slot_over_the_default_period_without_the_all_saints_holidays():
    found = dated_blocks(
        blocks=[TUESDAY_WORKSHOP],
        first=dt.date(2026, 11, 2),
        last=dt.date(2026, 12, 18),
        excluded=[(dt.date(2026, 11, 2), dt.date(2026, 11, 6))],
    )
    assert [b.date for b in found] == [
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 17),
        dt.date(2026, 11, 24),
        dt.date(2026, 12, 1),
        dt.date(2026, 12, 8),
        dt.date(2026, 12, 15),
    ]
    assert found[0].starts_at == dt.datetime(2026, 11, 10, 15, 0, tzinfo=PARIS)
    assert found[0].ends_at == dt.datetime(2026, 11, 10, 16, 30, tzinfo=PARIS)


def test_armistice_day_is_skipped():
    found = dated_blocks(
        blocks=[WEDNESDAY_MORNING], first=dt.date(2026, 11, 9), last=dt.date(2026, 11, 20)
    )
    assert [b.date for b in found] == [dt.date(2026, 11, 18)]


def test_times_follow_summer_time():
    summer = at_minute(dt.date(2026, 6, 2), 900)
    winter = at_minute(dt.date(2026, 12, 1), 900)
    assert summer.utcoffset() == dt.timedelta(hours=2)
    assert winter.utcoffset() == dt.timedelta(hours=1)
    assert at_minute(dt.date(2026, 12, 1), 1440) == dt.datetime(2026, 12, 2, tzinfo=PARIS)


def test_iso_weeks_and_months():
    today = dt.date(2026, 11, 26)
    assert parse_iso_week("2026-W48", default=today) == dt.date(2026, 11, 23)
    assert parse_iso_week("2026-W53", default=today) == dt.date(2026, 12, 28)  # 2026 has 53
    assert parse_iso_week("2025-W53", default=today) == dt.date(2026, 11, 23)  # 2025 has 52
    assert parse_iso_week("nonsense", default=today) == dt.date(2026, 11, 23)
    assert parse_iso_week("2026-W60", default=today) == dt.date(2026, 11, 23)
    assert iso_week_label(dt.date(2026, 12, 28)) == "2026-W53"
    assert parse_month("2026-02", default=today) == dt.date(2026, 2, 1)
    assert parse_month("2026-13", default=today) == dt.date(2026, 11, 1)
    assert month_last_day(dt.date(2028, 2, 1)) == dt.date(2028, 2, 29)
    assert shift_month(dt.date(2026, 12, 1), 1) == dt.date(2027, 1, 1)
    assert shift_month(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)


def test_weeks_and_months_outside_the_known_years_fall_back_to_the_default():
    """Year 1 and year 9999 parse, but their neighbours (linked from the page) do not exist."""
    today = dt.date(2026, 11, 26)
    for month in ("0001-01", "1969-12", "2200-01", "9999-12"):
        assert parse_month(month, default=today) == dt.date(2026, 11, 1)
    for week in ("0001-W01", "1969-W52", "9999-W52"):
        assert parse_iso_week(week, default=today) == dt.date(2026, 11, 23)
    for day in ("0001-01-01", "9999-12-31", "2026-02-30", "demain", None):
        assert parse_day(day, default=today) == today
    assert parse_day("2026-12-24", default=today) == dt.date(2026, 12, 24)
    assert parse_month("1970-01", default=today) == dt.date(1970, 1, 1)
    assert parse_month("2199-12", default=today) == dt.date(2199, 12, 1)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("2026-13", MonthNotWritten),
        ("2026-00", MonthNotWritten),
        ("2026-1", MonthNotWritten),
        ("novembre", MonthNotWritten),
        ("", MonthNotWritten),
        (None, MonthNotWritten),
        (202611, MonthNotWritten),
        ("0000-05", MonthOutOfReach),
        ("1969-12", MonthOutOfReach),
        ("2200-01", MonthOutOfReach),
    ],
)
def test_the_month_reader_says_why_it_refuses(text, error):
    with pytest.raises(error):
        read_month(text)


def test_the_month_reader_reads_a_month_within_the_known_years():
    assert read_month(" 2026-11 ") == dt.date(2026, 11, 1)
    assert read_month("1970-01") == dt.date(1970, 1, 1)
    assert read_month("2199-12") == dt.date(2199, 12, 1)


@given(st.text(max_size=12))
def test_the_month_reader_raises_nothing_but_its_own_errors(text):
    try:
        first = read_month(text)
    except (MonthNotWritten, MonthOutOfReach):
        return
    assert first.day == 1
    assert first.strftime("%Y-%m") == text.strip()


days = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2030, 12, 31))
blocks = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 1380)).map(lambda t: (t[0], t[1], t[1] + 60)),
    min_size=1,
    max_size=4,
    unique_by=lambda b: (b[0], b[1]),
)


@given(
    blocks=blocks,
    first=days,
    length=st.integers(0, 120),
    excluded=st.lists(st.tuples(days, st.integers(0, 20)), max_size=4),
)
def test_dated_blocks_never_fall_on_an_excluded_date_a_holiday_or_outside_the_period(
    blocks, first, length, excluded
):
    last = first + dt.timedelta(days=length)
    ranges = [(start, start + dt.timedelta(days=n)) for start, n in excluded]
    found = dated_blocks(blocks=blocks, first=first, last=last, excluded=ranges)
    for block in found:
        assert first <= block.date <= last
        assert not is_public_holiday(block.date)
        assert not any(a <= block.date <= b for a, b in ranges)
        assert (block.date.weekday(), block.start_minute, block.end_minute) in blocks
        assert block.ends_at > block.starts_at
    # And nothing is missed: every other matching date is there.
    expected = sum(
        1
        for n in range(length + 1)
        for weekday, _, _ in blocks
        if (day := first + dt.timedelta(days=n)).weekday() == weekday
        and not is_public_holiday(day)
        and not any(a <= day <= b for a, b in ranges)
    )
    assert len(found) == expected
