"""Territories and tiers-lieux over the real communes of Gironde.

The communes themselves are never built: tests/conftest.py loads every commune once per
session, and ``commune("33063")`` fetches one by its INSEE code.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from maillage.territory.models import Commune, OpeningHours, Territory, ThirdPlace

BORDEAUX = "33063"
MERIGNAC = "33281"
LIBOURNE = "33243"


def commune(insee_code: str) -> Commune:
    return Commune.objects.get(insee_code=insee_code)


class TerritoryFactory(DjangoModelFactory):
    """A custom territory of Bordeaux, Mérignac and Libourne (pass ``communes=[codes]``)."""

    class Meta:
        model = Territory
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")
    kind = "custom"

    class Params:
        # The whole Bordeaux Métropole EPCI, as the presets build it.
        epci = factory.Trait(kind="epci", code="243300316")

    @factory.post_generation
    def communes(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None and self.kind == "epci":
            self.communes.set(Commune.objects.filter(epci_siren=self.code))
            return
        codes = extracted or [BORDEAUX, MERIGNAC, LIBOURNE]
        self.communes.set(Commune.objects.filter(insee_code__in=codes))


class ThirdPlaceFactory(DjangoModelFactory):
    """A tiers-lieu in Libourne; ``with_opening_hours`` opens it Monday-Friday 9:00-18:00."""

    class Meta:
        model = ThirdPlace
        skip_postgeneration_save = True

    territory = factory.SubFactory(TerritoryFactory)
    name = factory.Sequence(lambda n: f"Tiers-lieu {n}")
    commune = factory.LazyFunction(lambda: commune(LIBOURNE))
    address = "12 rue Gambetta"
    latitude = 44.9153
    longitude = -0.2436
    capacity = 20
    services = factory.LazyFunction(lambda: ["coworking"])

    class Params:
        with_opening_hours = factory.Trait(opening_hours=True)

    @factory.post_generation
    def opening_hours(self, create, extracted, **kwargs):
        """``opening_hours=True``: Monday-Friday 9:00-18:00."""
        if create and extracted:
            OpeningHours.objects.bulk_create(
                OpeningHours(third_place=self, weekday=day, opens_at=9 * 60, closes_at=18 * 60)
                for day in range(5)
            )


class OpeningHoursFactory(DjangoModelFactory):
    class Meta:
        model = OpeningHours

    third_place = factory.SubFactory(ThirdPlaceFactory)
    weekday = 0
    opens_at = 9 * 60
    closes_at = 18 * 60
