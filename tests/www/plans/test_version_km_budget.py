"""The plan page says what the engine's km budget did (decision 0048), in the page's language."""

import pytest

from tests.www.plans.pages import draft_page

pytestmark = pytest.mark.django_db


def page_of(client, planned, metrics, language="en"):
    published = planned.published.metrics
    figures = {k: v for k, v in published.items() if not k.startswith("lns_km_budget")}
    return draft_page(client, planned, language, metrics={**figures, **metrics})


def test_within_the_budget(client, planned):
    page = page_of(client, planned, {"lns_km_budget_hectometres": 1200})

    assert "This plan drives no more than the marketplace would." in page


def test_above_it_for_people_at_the_threshold(client, planned):
    metrics = {
        "lns_km_budget_hectometres": 1300,
        "lns_km_budget_raised_for_people_at_threshold": 1,
    }

    page = page_of(client, planned, metrics)

    assert "drives more than the marketplace would, for more people at the contract" in page
    assert "pour davantage de personnes au seuil du contrat" in page_of(
        client, planned, metrics, language="fr"
    )


def raised_for_renewals(km_period):
    """A budget raised to the rebooking marketplace's 140 km (decision 0056), over the
    nearest-worker marketplace's 120 km, for a plan that drove ``km_period``."""
    return {
        "km_period": km_period,
        "lns_baseline_km_hectometres": 1200,
        "lns_km_budget_hectometres": 1400,
        "lns_km_budget_raised_for_renewals": 1,
    }


def test_above_it_to_keep_renewals_in_both_languages(client, planned):
    metrics = raised_for_renewals(130.0)

    page = page_of(client, planned, metrics)

    assert "workers on their renewed needs: at most what a marketplace" in page
    assert "drives no more than" not in page
    assert "pour garder à chaque personne les besoins renouvelés" in page_of(
        client, planned, metrics, language="fr"
    )


def test_a_raised_budget_it_did_not_use_says_no_more_than_the_marketplace(client, planned):
    page = page_of(client, planned, raised_for_renewals(120.0))

    assert "This plan drives no more than the marketplace would." in page


def test_started_again_from_the_marketplace_in_french(client, planned):
    metrics = {"lns_km_budget_hectometres": 1200, "lns_km_budget_restart_from_baseline": 1}

    page = page_of(client, planned, metrics, language="fr")

    assert "reparti du plan de la référence « place de marché »" in page


def test_no_sentence_without_a_budget(client, planned):
    page = page_of(client, planned, {})

    assert "marketplace would" not in page
