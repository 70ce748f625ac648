"""Why a need stays unassigned, counted in words: "1 personne éligible", not "1 personne(s)
éligible(s), toutes…"."""

import pytest
from django.utils import translation

from maillage.consolidation.explanations import describe_unassigned


@pytest.mark.parametrize(
    ("reason", "params", "language", "expected"),
    [
        (
            "conflicts",
            {"eligible": 1},
            "fr",
            "1 personne éligible, déjà occupée ou à une limite légale ou personnelle.",
        ),
        (
            "conflicts",
            {"eligible": 2},
            "fr",
            "2 personnes éligibles, toutes déjà occupées ou à une limite légale ou personnelle.",
        ),
        (
            "no_qualified_worker_in_range",
            {"skilled": 1},
            "en",
            "1 worker has the skills, but the place is beyond their range.",
        ),
        (
            "no_qualified_worker_in_range",
            {"skilled": 12},
            "fr",
            "12 personnes ont les compétences, mais le lieu est hors de leur rayon de déplacement.",
        ),
        (
            "no_available_worker",
            {"in_range": 1},
            "fr",
            "1 personne qualifiée à portée, mais pas disponible à ces horaires.",
        ),
        (
            "no_available_worker",
            {},
            "en",
            "? qualified workers within range, but none is available at these times.",
        ),
    ],
)
def test_the_count_agrees_with_its_words(reason, params, language, expected):
    with translation.override(language):
        assert describe_unassigned(reason, params, "engine detail") == expected
