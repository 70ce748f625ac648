"""The plan page lists how the engine bounded the people at the threshold, each figure once."""

import pytest

from tests.www.plans.pages import draft_page

pytestmark = pytest.mark.django_db

METHOD = {
    "value": 87,
    "at_plan_coverage": 87,
    "counting": 109,
    "reachable": 109,
    "flow": 107,
    "lp": 91.396,
    "lp_at_plan_coverage": None,
    "integer_relaxation": None,
    "integer_relaxation_at_plan_coverage": None,
    "column_generation": 87.404,
    "column_generation_rounds": 2,
    "seconds": 9.0,
    "method": "min of: …",
    "notes": [],
}


def page_of(client, planned, method, language):
    levels = {
        "value": {"workers_at_threshold": 74},
        "bound": {"workers_at_threshold": method["value"]},
        "bound_method": {"workers_at_threshold": method},
    }
    return draft_page(client, planned, language, run__engine_result={"levels": levels})


def test_the_column_generation_figure_is_listed_in_french(client, planned):
    page = page_of(client, planned, METHOD, "fr")

    assert "trajets entre eux compris (génération de colonnes) : 87,404</li>" in page
    assert "avec les besoins qui se chevauchent : 91,396</li>" in page


def test_the_column_generation_figure_is_listed_in_english(client, planned):
    page = page_of(client, planned, METHOD, "en")

    assert "travel between them included (column generation): 87.404</li>" in page


def test_an_older_result_without_it_lists_the_others(client, planned):
    older = {k: v for k, v in METHOD.items() if not k.startswith("column_generation")}

    page = page_of(client, planned, older, "en")

    assert "column generation" not in page
    assert "linear relaxation of the assignment, with clashing needs: 91.396</li>" in page
