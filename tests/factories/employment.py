"""Permanent part-time contract proposals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.employment.models import ContractProposal
from tests.factories.consolidation import PlanVersionFactory
from tests.factories.people import WorkerProfileFactory


class ContractProposalFactory(DjangoModelFactory):
    """24 h a week at the help-desk foundation floor (13.50 €/h), under a published plan.

    Written directly with the figures ``propose_contract`` gives for such a portfolio (the
    service needs a whole published plan; ``publish_plan`` in tests/conftest.py builds one).
    Traits: ``issued``, ``signed``, ``withdrawn``.
    """

    class Meta:
        model = ContractProposal

    worker = factory.SubFactory(WorkerProfileFactory, with_membership=True)
    plan_version = factory.SubFactory(
        PlanVersionFactory, territory=factory.SelfAttribute("..worker.territory"), published=True
    )
    weekly_minutes = 24 * 60
    hourly_gross = Decimal("13.50")
    floor_hourly_gross = Decimal("13.50")
    monthly_hours = Decimal("104.00")
    monthly_gross = Decimal("1404.00")
    wage_basis = "charter_floor"
    start_date = dt.date(2026, 11, 2)
    figures = factory.LazyFunction(lambda: {"month": "2026-11", "gross": "1404.00"})

    class Params:
        issued = factory.Trait(state="issued")
        signed = factory.Trait(state="signed")
        withdrawn = factory.Trait(state="withdrawn")
