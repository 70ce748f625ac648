"""A coordinator records that an employer group employs a worker, for whole months, one group
at a time, with a fee between 0 and 50 %; every refusal writes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from maillage.wages.models import GroupEmployment
from maillage.wages.services import employ_for_group
from tests.factories import BuyerGroupFactory, TerritoryFactory, UserFactory
from tests.factories.wages import GroupEmploymentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(territory):
    return BuyerGroupFactory(employer=True, territory=territory)


def _employ(group, worker, by, **changes):
    arguments = {"first_month": dt.date(2026, 11, 1), "fee_rate": Decimal("0.05"), **changes}
    return employ_for_group(group=group, worker=worker, by=by, **arguments)


def test_the_coordinator_records_the_employment(group, worker, coordinator):
    employment = _employ(group, worker, coordinator)

    assert (employment.group, employment.worker, employment.last_month) == (group, worker, None)
    assert employment.created_by == coordinator


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"first_month": dt.date(2026, 11, 2)}, "first_month"),
        ({"fee_rate": Decimal("0.5")}, "fee_rate"),
        ({"fee_rate": Decimal("-0.01")}, "fee_rate"),
    ],
)
def test_bad_terms_are_refused(group, worker, coordinator, changes, field):
    with pytest.raises(ValidationError) as refused:
        _employ(group, worker, coordinator, **changes)

    assert field in refused.value.message_dict
    assert not GroupEmployment.objects.exists()


def test_a_purchasing_group_or_another_territorys_group_does_not_employ(worker, coordinator):
    purchasing = BuyerGroupFactory(territory=worker.territory)
    elsewhere = BuyerGroupFactory(employer=True, territory=TerritoryFactory())

    with pytest.raises(ValidationError) as refused:
        _employ(purchasing, worker, coordinator)
    assert "group" in refused.value.message_dict
    with pytest.raises(PermissionDenied):
        _employ(elsewhere, worker, coordinator)  # not their territory
    assert not GroupEmployment.objects.exists()


def test_one_group_at_a_time(group, worker, coordinator):
    GroupEmploymentFactory(worker=worker, first_month=dt.date(2026, 9, 1))

    with pytest.raises(ValidationError) as refused:
        _employ(group, worker, coordinator)

    assert "worker" in refused.value.message_dict
    assert GroupEmployment.objects.count() == 1


@pytest.mark.parametrize("role", ["buyer", "stranger"])
def test_only_a_coordinator_records_it(group, worker, buyer, role):
    user = buyer if role == "buyer" else UserFactory()

    with pytest.raises(PermissionDenied):
        _employ(group, worker, user)
    assert not GroupEmployment.objects.exists()


def test_the_database_refuses_a_month_not_starting_on_the_first(worker):
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupEmploymentFactory(worker=worker, first_month=dt.date(2026, 11, 15))
    with pytest.raises(IntegrityError), transaction.atomic():
        GroupEmploymentFactory(worker=worker, fee_rate=Decimal("0.6"))


@pytest.mark.parametrize("traits", [{}, {"ended": True}, {"without_fee": True}])
def test_the_factory_and_its_traits_build_valid_rows(traits):
    employment = GroupEmploymentFactory(**traits)

    employment.full_clean()
    assert employment.group.kind == "employer"
    assert employment.group.territory == employment.worker.territory
