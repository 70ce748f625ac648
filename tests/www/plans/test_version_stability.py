"""A plan with nothing held before shows no stability: the engine's 1.0 is "100 % kept" of
nothing, which the demo's autumn plan showed beside "0 missions kept by the same worker"."""

import re

import pytest

from tests.www.plans.pages import draft_page

pytestmark = pytest.mark.django_db


def stability_shown(page: str) -> str:
    return re.search(r"<dt>(?:Stabilité|Stability)</dt><dd>(.*?)</dd>", page).group(1)


def metrics_of(planned, **figures):
    return {**planned.published.metrics, **figures}


def test_nothing_held_before_in_french(client, planned):
    page = draft_page(
        client, planned, "fr", metrics=metrics_of(planned, stability=1.0, previous_missions=0)
    )

    assert stability_shown(page) == "aucune mission tenue auparavant"


def test_nothing_held_before_in_english(client, planned):
    page = draft_page(
        client, planned, "en", metrics=metrics_of(planned, stability=1.0, previous_missions=0)
    )

    assert stability_shown(page) == "none held before"


def test_missions_held_before_show_the_share_kept(client, planned):
    page = draft_page(
        client, planned, "fr", metrics=metrics_of(planned, stability=0.75, previous_missions=4)
    )

    assert stability_shown(page) == "75\u00a0%"


def test_an_older_version_without_the_count_shows_its_share(client, planned):
    metrics = metrics_of(planned, stability=1.0)
    metrics.pop("previous_missions", None)

    page = draft_page(client, planned, "en", metrics=metrics)

    assert stability_shown(page) == "100\u00a0%"
