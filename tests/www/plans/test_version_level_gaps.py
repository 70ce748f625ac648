"""The plan page's table of objectives: in the engine's order, with what the run proved.

A proven plan is the best on each level given those above it, so its own figures are the
best possible; the run's bound on km alone is 0 ("no trip at all"), which beside "best
possible plan (proven)" read as a contradiction on the demo's winter term.
"""

import re

import pytest

from tests.www.plans.pages import draft_page

pytestmark = pytest.mark.django_db

LEVELS = {
    "value": {
        "covered_minutes": 6480,
        "workers_at_threshold": 1,
        "km_hectometres": 10272,
        "stable_missions": 2,
    },
    "bound": {
        "covered_minutes": 7200,
        "workers_at_threshold": 3,
        "km_hectometres": 0,
        "stable_missions": 4,
    },
}


def rows_of(page: str) -> list[tuple[str, ...]]:
    table = page.split("<caption>", 1)[1].split("</table>", 1)[0]
    return [
        tuple(re.sub(r"\s+", " ", cell).strip() for cell in cells)
        for cells in re.findall(
            r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', table
        )
    ]


def header_of(page: str) -> str:
    table = page.split("<caption>", 1)[1]
    return re.findall(r'<th scope="col">(.*?)</th>', table)[2]


def test_a_proven_plan_is_its_own_best_on_every_level_in_french(client, planned):
    page = draft_page(
        client, planned, "fr", solver_status="optimal", run__engine_result={"levels": LEVELS}
    )

    assert header_of(page) == "Meilleur possible (prouvé)"
    assert [(row[1], row[2]) for row in rows_of(page)] == [
        ("108 h", "108 h"),
        ("1", "1"),
        ("2", "2"),
        ("1 027,2 km", "1 027,2 km"),  # no-break spaces, normalised
    ]


def test_an_unproven_plan_shows_each_bound_and_no_bound_on_km_in_english(client, planned):
    page = draft_page(
        client, planned, "en", solver_status="feasible", run__engine_result={"levels": LEVELS}
    )

    assert header_of(page) == "Best possible (bound)"
    assert [row[2] for row in rows_of(page)] == ["120 h", "3", "4", "—"]


def test_the_objectives_come_in_the_engines_order(client, planned):
    page = draft_page(
        client, planned, "en", solver_status="feasible", run__engine_result={"levels": LEVELS}
    )

    labels = [row[0] for row in rows_of(page)]
    assert labels.index("Missions kept by the same worker") < labels.index("Travel over the period")
    assert len(labels) == 4
