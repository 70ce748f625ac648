import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.people.models import Membership, Organisation, Role
from tests.factories import (
    AvailabilityFactory,
    MembershipFactory,
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
)

pytestmark = pytest.mark.django_db


def test_wished_hours_above_the_maximum_are_refused_by_the_database():
    worker = WorkerProfileFactory()
    worker.wished_weekly_minutes = 40 * 60
    worker.max_weekly_minutes = 30 * 60
    with pytest.raises(IntegrityError), transaction.atomic():
        worker.save()
    worker.refresh_from_db()
    assert (worker.wished_weekly_minutes, worker.max_weekly_minutes) == (1440, 1800)


def test_wished_hours_above_the_maximum_get_a_readable_message_on_validation():
    worker = WorkerProfileFactory.build(wished_weekly_minutes=2400, max_weekly_minutes=1800)
    with pytest.raises(ValidationError) as refused:
        worker.validate_constraints()
    assert refused.value.messages == ["Les heures souhaitées ne peuvent dépasser le maximum."]


def test_more_than_48_hours_a_week_is_refused():
    worker = WorkerProfileFactory.build(wished_weekly_minutes=1440, max_weekly_minutes=50 * 60)
    with pytest.raises(ValidationError) as refused:
        worker.validate_constraints()
    assert "48" in refused.value.messages[0]


def test_an_availability_window_must_end_after_it_starts():
    worker = WorkerProfileFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        AvailabilityFactory(worker=worker, weekday=1, start_minute=600, end_minute=540)
    assert worker.availability.count() == 0


def test_two_organisations_cannot_share_a_siret():
    OrganisationFactory(siret="21330063500017")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(siret="21330063500017")
    assert Organisation.objects.filter(siret="21330063500017").count() == 1


def test_a_siret_that_is_not_14_digits_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(siret="ABC")
    assert not Organisation.objects.filter(siret="ABC").exists()


def test_a_buyer_member_must_belong_to_an_organisation():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.BUYER_MEMBER)
    assert not user.memberships.exists()


def test_a_coordinator_is_a_coordinator_of_a_territory():
    user = UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.COORDINATOR)
    MembershipFactory(user=user, coordinator=True)
    assert user.memberships.count() == 1


def test_the_same_role_cannot_be_given_twice_on_the_same_scope():
    user, territory = UserFactory(), TerritoryFactory()
    MembershipFactory(user=user, coordinator=True, territory=territory)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.COORDINATOR, territory=territory)
    assert user.memberships.count() == 1
