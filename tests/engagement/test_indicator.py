"""Paid against sponsored and volunteered hours; buyers above the charter's threshold."""

from decimal import Decimal as D

import pytest

from maillage.engagement.selectors import indicator
from tests.factories.engagement import offer, placement
from tests.factories.people import OrganisationFactory
from tests.factories.pricing import QuoteFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_paid_and_unpaid_hours_and_the_drifting_buyer(territory, charter, school):
    quote = QuoteFactory(accepted=True, mission__buyer=school)
    association = OrganisationFactory(territory=territory, name="Association du quartier")
    placement(offer(territory), school, hours=D("2"))
    placement(
        offer(territory, kind="volunteering", provider="Bénévoles"), association, hours=D("8")
    )
    figures = indicator(territory, coordinator=True)
    assert figures.paid_hours == quote.delivered_hours
    assert (figures.sponsored_hours, figures.volunteered_hours) == (D("2"), D("8"))
    assert figures.unpaid_share == (D("10") / (quote.delivered_hours + 10)).quantize(D("0.0001"))
    assert figures.threshold == D("0.25")
    # The association has only unpaid hours (share 1); the school 2 h against its paid hours.
    assert [(d.organisation, d.unpaid_share) for d in figures.drifting_buyers] == [
        (association, D("1.0000"))
    ]


def test_small_groups_are_hidden_outside_the_coordinators(territory, school):
    placement(offer(territory), school, hours=D("2"))
    figures = indicator(territory, coordinator=False)
    assert (figures.sponsored_hours, figures.unpaid_share, figures.drifting_buyers) == (
        None,
        None,
        [],
    )
