import pytest

from maillage.territory.geo import great_circle_km, road_km, travel_minutes
from maillage.territory.models import Commune
from maillage.territory.services import load_communes

pytestmark = pytest.mark.django_db


def test_every_commune_of_the_file_is_loaded():
    assert Commune.objects.count() == 34827


def test_a_known_commune_has_its_coordinates_and_epci():
    bordeaux = Commune.objects.get(insee_code="33063")
    assert bordeaux.name == "Bordeaux"
    assert bordeaux.departement_code == "33"
    assert bordeaux.epci_name == "Bordeaux Métropole"
    assert (bordeaux.latitude, bordeaux.longitude) == (44.83802, -0.57964)


def test_loading_again_changes_nothing():
    assert load_communes() == {"created": 0, "updated": 0, "total": 34827}
    assert Commune.objects.count() == 34827


def test_a_changed_commune_is_refreshed_from_the_file():
    Commune.objects.filter(insee_code="33063").update(population=1)
    assert load_communes()["updated"] == 1
    assert Commune.objects.get(insee_code="33063").population > 200_000


def test_communes_without_coordinates_in_the_source_are_kept_without_coordinates():
    unknown = Commune.objects.filter(latitude__isnull=True).order_by("insee_code")
    assert [c.insee_code for c in unknown] == ["42084", "56098"]


def test_distance_is_great_circle_times_the_road_factor():
    bordeaux = Commune.objects.get(insee_code="33063")
    libourne = Commune.objects.get(insee_code="33243")
    direct = great_circle_km(
        bordeaux.latitude, bordeaux.longitude, libourne.latitude, libourne.longitude
    )
    assert round(direct, 1) == 27.7
    by_road = road_km(bordeaux.latitude, bordeaux.longitude, libourne.latitude, libourne.longitude)
    assert by_road == pytest.approx(direct * 1.3)
    assert travel_minutes(by_road, mode="car") == pytest.approx(by_road / 50 * 60)
    assert travel_minutes(13.0, mode="bike") == pytest.approx(52.0)
