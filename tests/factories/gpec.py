"""GPEC background jobs and workers' declared household situations."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.gpec.models import GpecJob, HouseholdSituation
from tests.factories.missions import END, START
from tests.factories.people import WorkerProfileFactory
from tests.factories.territory import TerritoryFactory


class GpecJobFactory(DjangoModelFactory):
    """A queued diagnosis; traits ``running``, ``succeeded`` (with an empty result), ``failed``,
    ``what_if``, ``public_costs``."""

    class Meta:
        model = GpecJob

    kind = "diagnosis"
    territory = factory.SubFactory(TerritoryFactory)
    period_start = START
    period_end = END
    params = factory.LazyFunction(lambda: {"seed": 1, "time_limit_s": 2})

    class Params:
        what_if = factory.Trait(kind="what_if")
        public_costs = factory.Trait(kind="public_costs")
        running = factory.Trait(
            status="running",
            progress=40,
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            heartbeat_at=factory.LazyFunction(timezone.now),
        )
        succeeded = factory.Trait(
            status="succeeded",
            progress=100,
            attempts=1,
            result=factory.LazyFunction(dict),
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )
        failed = factory.Trait(
            status="failed",
            message="Le calcul a échoué.",
            attempts=1,
            started_at=factory.LazyFunction(timezone.now),
            finished_at=factory.LazyFunction(timezone.now),
        )


class HouseholdSituationFactory(DjangoModelFactory):
    """A single person born in 1990 with no earnings, who has not consented (``consented``)."""

    class Meta:
        model = HouseholdSituation

    worker = factory.SubFactory(WorkerProfileFactory)
    kind = HouseholdSituation.Kind.SINGLE
    birth_year = 1990

    class Params:
        couple = factory.Trait(kind=HouseholdSituation.Kind.COUPLE)
        consented = factory.Trait(consent=True, consented_on=dt.date(2026, 9, 1))
