"""Pricing charters and quotes, made through the real services.

The database refuses a floor below the SMIC stored with it, and a trigger keeps every quote's
floor at its charter's rate: so these factories never write rows themselves, they call
``issue_charter`` / ``issue_quote`` / ``accept_quote`` / ``refuse_quote`` in ``_create``.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.people.models import Membership, Role
from maillage.pricing.models import Charter, Quote
from maillage.pricing.services import (
    accept_quote,
    charter_in_force,
    default_terms,
    issue_charter,
    issue_quote,
    refuse_quote,
)
from tests.factories.people import UserFactory
from tests.factories.territory import TerritoryFactory

IN_FORCE_FROM = dt.date(2026, 1, 1)


def _coordinator_of(territory):
    membership = Membership.objects.filter(role=Role.COORDINATOR, territory=territory).first()
    if membership:
        return membership.user
    user = UserFactory()
    Membership.objects.create(user=user, role=Role.COORDINATOR, territory=territory)
    return user


class CharterFactory(DjangoModelFactory):
    """The default charter of a territory, issued by the service (SMIC read from OpenFisca).

    ``in_force`` (the default): from 1 January 2026. ``future``: from 1 January 2027, i.e.
    not applicable yet. Pass ``terms=CharterTerms(...)`` for other floors; ``by`` defaults to
    a coordinator of the territory.
    """

    class Meta:
        model = Charter

    territory = factory.SubFactory(TerritoryFactory)
    starts_on = IN_FORCE_FROM
    by = None
    terms = None

    class Params:
        in_force = factory.Trait(starts_on=IN_FORCE_FROM)
        future = factory.Trait(starts_on=dt.date(2027, 1, 1))

    @classmethod
    def _create(cls, model_class, *, territory, starts_on, by=None, terms=None, **kwargs):
        if kwargs:
            raise TypeError(f"CharterFactory sets no field directly: {sorted(kwargs)}")
        return issue_charter(
            territory=territory,
            terms=terms or default_terms(starts_on),
            by=by or _coordinator_of(territory),
        )


class QuoteFactory(DjangoModelFactory):
    """A quote issued by the service for a complete need (a fixed workshop by default).

    The territory gets the default charter if it has none in force. ``hourly_gross`` defaults
    to the charter's floor. Traits: ``accepted`` and ``refused`` (answered by a buyer member
    of the need's organisation).
    """

    class Meta:
        model = Quote

    mission = factory.SubFactory("tests.factories.missions.MissionFactory", fixed=True)
    hourly_gross = None
    by = None
    answer = None

    class Params:
        accepted = factory.Trait(answer="accepted")
        refused = factory.Trait(answer="refused")

    @classmethod
    def _create(cls, model_class, *, mission, hourly_gross=None, by=None, answer=None, **kw):
        if kw:
            raise TypeError(f"QuoteFactory sets no field directly: {sorted(kw)}")
        if charter_in_force(mission.territory) is None:
            CharterFactory(territory=mission.territory)
        quote = issue_quote(
            mission=mission,
            by=by or _coordinator_of(mission.territory),
            hourly_gross=hourly_gross,
        )
        if answer:
            from tests.factories.people import buyer_member

            buyer = buyer_member(mission.buyer)
            answer_quote = accept_quote if answer == "accepted" else refuse_quote
            quote = answer_quote(quote=quote, by=buyer)
        # The service moved its own copy of the need: give the caller the need as it is now.
        mission.refresh_from_db()
        quote.mission = mission
        return quote
