"""The GPEC indicators show paid against sponsored and volunteered hours, as aggregates."""

from decimal import Decimal as D

import pytest
from django.utils import translation

from maillage.gpec.sustainability import indicators
from maillage.gpec.tables import indicators_table
from tests.factories.engagement import offer, placement
from tests.factories.people import OrganisationFactory
from tests.factories.pricing import QuoteFactory

pytestmark = pytest.mark.django_db


def test_paid_and_unpaid_hours_in_the_indicators(territory, school):
    quote = QuoteFactory(accepted=True, mission__buyer=school)
    sponsorship = offer(territory, hours=D("100"))
    for _index in range(5):
        placement(sponsorship, OrganisationFactory(territory=territory), hours=D("2"))
    figures = indicators(territory=territory)
    assert figures.as_dict()["paid_hours"] == float(quote.delivered_hours)
    assert figures.as_dict()["sponsored_hours"] == 10.0
    # No volunteering yet: 0 placements is not a small group, so shown as 0.
    assert figures.as_dict()["volunteered_hours"] == 0.0
    with translation.override("en"):
        rows = dict(indicators_table(figures, "aggregate").rows)
    assert rows["Sponsored hours (skills sponsorship)"] == D("10")
    assert rows["Paid hours (accepted quotes)"] == quote.delivered_hours


def test_fewer_than_five_placements_are_hidden(territory, school):
    placement(offer(territory), school, hours=D("3"))
    figures = indicators(territory=territory).as_dict()
    assert (figures["sponsored_hours"], figures["unpaid_share"]) == (None, None)
