"""The real period: missions' own dates, excluded dates, limits in every week, the 24 h level
judged over the working weeks (decision 0043)."""

from __future__ import annotations

import datetime as dt

from maillage.consolidation.engine import EngineInput, EngineResult, solve, validate
from maillage.consolidation.engine.json_schema import errors, load_schema

from .conftest import instance, mission, place, worker

AUTUMN = {"first_date": "2026-09-01", "last_date": "2026-12-18"}


def dated(mission_id: str, first: str, last: str, **overrides):
    """A Monday workshop running from ``first`` to ``last``."""
    return mission(mission_id, first_date=first, last_date=last, **overrides)


def one_worker(*missions, **extra):
    return instance(
        [place(0)], [worker("w1", wished_minutes=600, max_minutes=600)], list(missions), **extra
    )


def test_old_documents_stay_valid_and_plan_one_typical_week(solve_checked):
    data = one_worker(mission("a"), mission("b"))
    assert errors(data, load_schema("input")) == []
    result, plan, reasons = solve_checked(data)
    # Same slot, no dates: they clash, one is left.
    assert len(plan) == 1
    assert list(reasons.values()) == ["conflicts"]
    assert all(a.occurrences == () for a in result.assignments)
    assert "occurrences" not in result.to_dict()["assignments"][0]


def test_disjoint_date_missions_in_one_slot_go_to_one_worker(solve_checked):
    data = one_worker(
        dated("sept-oct", "2026-09-01", "2026-10-31"),
        dated("nov-dec", "2026-11-01", "2026-12-18"),
    )
    assert errors(data, load_schema("input")) == []
    result, plan, reasons = solve_checked(data)
    assert plan == {"sept-oct": "w1", "nov-dec": "w1"}
    assert reasons == {}
    days = {a.mission: [o.date for o in a.occurrences] for a in result.assignments}
    assert days["sept-oct"][0] == dt.date(2026, 9, 7)
    assert days["sept-oct"][-1] == dt.date(2026, 10, 26)
    assert days["nov-dec"][0] == dt.date(2026, 11, 2)
    assert days["nov-dec"][-1] == dt.date(2026, 12, 14)
    assert errors(result.to_dict(), load_schema("output")) == []


def test_missions_sharing_a_date_still_clash(solve_checked):
    data = one_worker(
        dated("sept-oct", "2026-09-01", "2026-10-31"),
        dated("oct-nov", "2026-10-26", "2026-11-30"),
    )
    _, plan, reasons = solve_checked(data)
    assert len(plan) == 1
    assert list(reasons.values()) == ["conflicts"]


def test_no_occurrence_on_an_excluded_date(solve_checked):
    data = one_worker(
        dated("a", "2026-09-01", "2026-11-30", excluded_dates=["2026-11-02", "2026-11-09"])
    )
    result, plan, _ = solve_checked(data)
    assert plan == {"a": "w1"}
    dates = [o.date for o in result.assignments[0].occurrences]
    assert dt.date(2026, 11, 2) not in dates
    assert dt.date(2026, 11, 9) not in dates
    assert dt.date(2026, 10, 26) in dates and dt.date(2026, 11, 16) in dates
    assert len(dates) == 11  # 13 Mondays from 7 Sept to 30 Nov, less two
    # Minutes count real occurrences: 11 × 90.
    assert result.metrics["covered_minutes"] == 11 * 90


def test_validation_refuses_an_occurrence_on_an_excluded_date(solve_checked):
    data = one_worker(dated("a", "2026-09-01", "2026-09-30", excluded_dates=["2026-09-14"]))
    problem = EngineInput.from_dict(data)
    result, _, _ = solve_checked(data)
    document = result.to_dict()
    document["assignments"][0]["occurrences"].append(
        {"date": "2026-09-14", "start": 900, "end": 990}
    )
    report = validate(problem, EngineResult.from_dict(document))
    assert [v.code for v in report.violations] == ["excluded_date"]


def test_weekly_limit_holds_in_every_calendar_week(solve_checked):
    # 120 min a week at most: a Monday and a Tuesday workshop fit together only in weeks
    # where one of them does not run.
    two_hours = worker("w1", wished_minutes=120, max_minutes=120)
    tuesday = [{"day": 1, "start": 900, "end": 990}]
    data = instance(
        [place(0)],
        [two_hours],
        [
            dated("monday-autumn", "2026-09-01", "2026-10-31"),
            dated("tuesday-winter", "2026-11-01", "2026-12-18", slots=tuesday),
        ],
    )
    _, plan, _ = solve_checked(data)
    assert plan == {"monday-autumn": "w1", "tuesday-winter": "w1"}
    data["missions"].append(dated("tuesday-autumn", "2026-10-01", "2026-10-31", slots=tuesday))
    _, plan, reasons = solve_checked(data)
    assert len(plan) == 2 and set(reasons) == {"tuesday-autumn"}


def _threshold_case(floor: int, non_working: list[str] | None = None):
    # Threshold 3 h a week; week 1 has 5 h, week 2 has 1 h: 6 h over 2 weeks, 3 h on average.
    big = mission(
        "big",
        slots=[{"day": 0, "start": 540, "end": 840}],
        first_date="2026-09-07",
        last_date="2026-09-07",
    )
    small = mission(
        "small",
        slots=[{"day": 1, "start": 540, "end": 600}],
        first_date="2026-09-15",
        last_date="2026-09-15",
    )
    period = {"first_date": "2026-09-07", "last_date": "2026-09-20"}
    if non_working:
        period["non_working_weeks"] = non_working
    rules = {"threshold_minutes": 180, "week_floor_minutes": floor}
    data = instance(
        [place(0)], [worker("w1", wished_minutes=180, max_minutes=600)], [big, small], rules=rules
    )
    data["period"] = period
    return data


def test_threshold_reached_on_average_over_the_working_weeks(solve_checked):
    result, plan, _ = solve_checked(_threshold_case(floor=0))
    assert plan == {"big": "w1", "small": "w1"}
    assert result.metrics["workers_at_threshold"] == 1
    assert result.metrics["working_weeks"] == 2


def test_no_working_week_below_the_floor(solve_checked):
    result, _, _ = solve_checked(_threshold_case(floor=120))
    assert result.metrics["workers_at_threshold"] == 0


def test_non_working_weeks_are_left_out_of_the_average(solve_checked):
    # Week 2 declared a holiday week: only week 1 counts (5 h ≥ 3 h), no floor applies to it.
    result, _, _ = solve_checked(_threshold_case(floor=120, non_working=["2026-09-14"]))
    assert result.metrics["workers_at_threshold"] == 1
    assert result.metrics["working_weeks"] == 1


def test_dated_instance_round_trips():
    data = one_worker(dated("a", "2026-09-01", "2026-09-30", excluded_dates=["2026-09-14"]))
    data["period"] = dict(AUTUMN, non_working_weeks=["2026-10-19"])
    data["rules"]["week_floor_minutes"] = 60
    problem = EngineInput.from_dict(data)
    again = EngineInput.from_dict(problem.to_dict())
    assert again == problem
    result = solve(problem, time_limit_s=2, seed=1)
    assert EngineResult.from_dict(result.to_dict()).to_dict() == result.to_dict()


def test_daily_rest_holds_between_consecutive_dates_only(solve_checked):
    # Sunday 20:00–22:00 and Monday 07:00–08:00 leave 9 h of rest (11 h required).
    evening = [{"day": 6, "start": 1200, "end": 1320}]
    morning = [{"day": 0, "start": 420, "end": 480}]
    late = worker("w1", availability=[{"day": d, "start": 0, "end": 1440} for d in range(7)])

    def case(monday_first: str):
        return instance(
            [place(0)],
            [dict(late)],
            [
                mission("sunday", slots=evening, first_date="2026-09-06", last_date="2026-09-06"),
                mission("monday", slots=morning, first_date=monday_first, last_date="2026-09-30"),
            ],
        )

    # The Monday right after that Sunday is in both: they clash.
    _, plan, reasons = solve_checked(case("2026-09-07"))
    assert len(plan) == 1 and list(reasons.values()) == ["conflicts"]
    # From the Monday after: no consecutive dates, both go to w1.
    _, plan, _ = solve_checked(case("2026-09-14"))
    assert plan == {"sunday": "w1", "monday": "w1"}
