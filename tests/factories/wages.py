"""Employer groups' employments (the payroll exports and statements are written by the
service only: ``run_payroll_export``)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from maillage.wages.models import GroupEmployment
from tests.factories.people import BuyerGroupFactory, WorkerProfileFactory


class GroupEmploymentFactory(DjangoModelFactory):
    """An employer group of the worker's territory employs them from November 2026, at 5 %.

    Traits: ``ended`` (October 2026 only, so not in November), ``without_fee``.
    """

    class Meta:
        model = GroupEmployment

    worker = factory.SubFactory(WorkerProfileFactory, with_membership=True)
    group = factory.SubFactory(
        BuyerGroupFactory, employer=True, territory=factory.SelfAttribute("..worker.territory")
    )
    first_month = dt.date(2026, 11, 1)
    fee_rate = Decimal("0.05")

    class Params:
        ended = factory.Trait(first_month=dt.date(2026, 10, 1), last_month=dt.date(2026, 10, 1))
        without_fee = factory.Trait(fee_rate=Decimal("0"))
