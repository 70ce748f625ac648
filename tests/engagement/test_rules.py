"""Sponsorship and volunteering never cover a paid need, whatever the path."""

from decimal import Decimal as D

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from maillage.engagement.admin import PlacementAdminForm
from maillage.engagement.models import Placement
from maillage.missions.models import Mission
from maillage.pricing.models import Quote
from tests.factories.engagement import END, START, offer, placement
from tests.factories.missions import MissionFactory
from tests.factories.people import OrganisationFactory
from tests.factories.pricing import QuoteFactory
from tests.factories.territory import TerritoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

PAID = (
    "This need is bought (its quote is accepted): sponsorship and volunteering never cover "
    "paid work."
)


@pytest.fixture
def bought(school):
    return QuoteFactory(accepted=True, mission__buyer=school).mission


def test_a_free_need_may_be_covered_and_stays_out_of_paid_figures(territory, school):
    need = MissionFactory(buyer=school, fixed=True)
    made = placement(offer(territory), school, mission=need, hours=D("12"))
    assert (made.kind, made.hours, made.mission) == ("sponsorship", D("12"), need)
    need.refresh_from_db()
    # Nothing paid follows: no quote, the need still a draft (so never planned nor billed).
    assert need.state == "draft"
    assert not Quote.objects.filter(mission=need).exists()


def test_the_service_refuses_a_bought_need(territory, school, bought):
    with pytest.raises(ValidationError) as error:
        placement(offer(territory), school, mission=bought)
    assert error.value.message_dict == {"mission": [PAID]}
    assert not Placement.objects.exists()


def test_the_database_refuses_a_bought_need(territory, school, bought):
    the_offer = offer(territory)
    with pytest.raises(IntegrityError, match="unpaid_on_paid_need"), transaction.atomic():
        Placement.objects.create(
            offer=the_offer,
            kind="volunteering",
            beneficiary=school,
            mission=bought,
            hours=D("2"),
            starts_on=START,
            ends_on=END,
        )
    free = placement(the_offer, school, mission=MissionFactory(buyer=school, fixed=True))
    with pytest.raises(IntegrityError, match="unpaid_on_paid_need"), transaction.atomic():
        Placement.objects.filter(pk=free.pk).update(mission=bought)
    assert Placement.objects.get().mission_id == free.mission_id


def test_the_admin_form_refuses_a_bought_need(territory, school, bought):
    the_offer = offer(territory)
    form = PlacementAdminForm(
        data={
            "offer": the_offer.pk,
            "beneficiary": school.pk,
            "mission": bought.pk,
            "hours": "2",
            "starts_on": "2026-11-02",
            "ends_on": "2026-11-30",
        }
    )
    assert not form.is_valid()
    assert form.errors == {"mission": [PAID]}
    assert Placement in site._registry


def test_a_need_in_a_bought_state_is_refused_too(territory, school):
    need = MissionFactory(buyer=school, fixed=True, accepted=True)
    assert Mission.objects.get(pk=need.pk).state == "accepted"
    with pytest.raises(ValidationError) as error:
        placement(offer(territory), school, mission=need)
    assert error.value.message_dict == {"mission": [PAID]}


def test_hours_dates_and_territory_are_checked(territory, school):
    the_offer = offer(territory, hours=D("10"))
    placement(the_offer, school, hours=D("6"))
    with pytest.raises(ValidationError) as error:
        placement(the_offer, school, hours=D("5"))
    assert error.value.message_dict == {"hours": ["Only 4.00 hours of this offer are left."]}
    stranger = OrganisationFactory(territory=TerritoryFactory())
    with pytest.raises(ValidationError) as error:
        placement(the_offer, stranger, hours=D("1"))
    assert error.value.message_dict == {
        "beneficiary": ["The beneficiary is not on the offer's territory."]
    }
    other_need = MissionFactory(buyer=OrganisationFactory(territory=territory), fixed=True)
    with pytest.raises(ValidationError) as error:
        placement(the_offer, school, hours=D("1"), mission=other_need)
    assert error.value.message_dict == {"mission": ["This need is not the beneficiary's."]}
    assert Placement.objects.count() == 1
