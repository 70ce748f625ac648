import pytest

from maillage.territory.models import Commune, Territory
from maillage.territory.services import create_departement_territory, create_epci_territory

pytestmark = pytest.mark.django_db

LIBOURNAIS = "200070092"  # Communauté d'agglomération du Libournais


def test_an_epci_preset_holds_every_commune_of_the_epci():
    territory = create_epci_territory(epci_siren=LIBOURNAIS, slug="libournais")
    assert (territory.name, territory.kind, territory.code) == (
        "Communauté d'agglomération du Libournais",
        "epci",
        LIBOURNAIS,
    )
    expected = set(Commune.objects.filter(epci_siren=LIBOURNAIS).values_list("pk", flat=True))
    assert set(territory.communes.values_list("pk", flat=True)) == expected
    assert territory.communes.filter(insee_code="33243").exists()  # Libourne


def test_a_departement_preset_holds_every_commune_of_the_departement():
    territory = create_departement_territory(departement_code="33", slug="gironde-test")
    assert (territory.name, territory.kind) == ("Gironde", "departement")
    assert territory.communes.count() == Commune.objects.filter(departement_code="33").count()


def test_an_unknown_epci_is_refused_and_nothing_is_created():
    with pytest.raises(ValueError, match="No commune belongs to EPCI 000000000"):
        create_epci_territory(epci_siren="000000000", slug="nowhere")
    assert not Territory.objects.filter(slug="nowhere").exists()
