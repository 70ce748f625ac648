"""How a dated occurrence names its place: never the same address twice."""

from maillage.execution.models import Occurrence


def test_a_place_named_by_its_address_is_written_once():
    occurrence = Occurrence(
        place_label="1 place de la Mairie, 33130 Bègles",
        address="1 place de la Mairie, 33130 Bègles",
    )
    assert occurrence.where == "1 place de la Mairie, 33130 Bègles"


def test_a_named_place_keeps_its_name_and_address():
    occurrence = Occurrence(place_label="Le Hangar", address="12 quai de Bacalan, 33300 Bordeaux")
    assert occurrence.where == "Le Hangar — 12 quai de Bacalan, 33300 Bordeaux"
