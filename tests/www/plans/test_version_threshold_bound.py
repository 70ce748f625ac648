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


def test_the_whole_model_bound_within_the_km_budget_is_said_in_french(client, planned):
    method = {
        **METHOD,
        "whole_model_at_plan_coverage": 2,
        "whole_model_km_budget_hectometres": 15413,
    }

    page = page_of(client, planned, method, "fr")

    assert (
        "Parmi les plans qui couvrent autant que celui-ci et roulent au plus 1\u00a0541,3\u00a0km "
        "(le budget de trajets du moteur), le modèle complet de planification, avec les heures "
        "des volumes comptées mais non placées, en permet au plus 2.</p>"
    ) in page


def test_the_whole_model_bound_without_a_km_budget_is_said_in_english(client, planned):
    method = {
        **METHOD,
        "whole_model_at_plan_coverage": 3,
        "whole_model_km_budget_hectometres": None,
    }

    page = page_of(client, planned, method, "en")

    assert (
        "Among the plans that cover as much as this one, the whole planning model with the "
        "volumes' hours counted but not placed allows at most 3.</p>"
    ) in page
    assert "travel budget" not in page
