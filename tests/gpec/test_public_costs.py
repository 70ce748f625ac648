"""Public costs avoided: RSA and prime d'activité before and after, with OpenFisca-France.

One test only (OpenFisca-France takes a while to load); the figures are those of the
openfisca-france version pinned by the project for November 2026.
"""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.gpec.public_costs import public_costs_avoided
from tests.factories import HouseholdSituationFactory

pytestmark = pytest.mark.django_db


def test_only_consenting_households_count_in_one_simulation(planned):
    alice, bruno = planned.workers_by_name["Alice"], planned.workers_by_name["Bruno"]
    # Alice has the plan's two workshops (3 h a week); Bruno has none.
    worked = {a.worker for a in planned.published.assignments.all()}
    assert len(worked) == 1
    consenting = alice if alice in worked else bruno
    other = bruno if consenting == alice else alice
    # Single, born in 1990, no earnings: one consents, the other does not.
    HouseholdSituationFactory(worker=consenting, consented=True, consented_on=dt.date(2026, 10, 1))
    HouseholdSituationFactory(worker=other)
    costs = public_costs_avoided(published=planned.published)
    assert (costs.month, costs.households) == ("2026-11", 1)
    # Before: no earnings, full RSA for a single person (housing flat-rate deducted).
    assert costs.benefits_before == Decimal("635.69")
    # After: 3 h a week at the SMIC: 13 h a month of pay reduce the RSA, open the prime.
    assert costs.benefits_after == EXPECTED_AFTER
    assert costs.avoided_per_month == Decimal("635.69") - EXPECTED_AFTER


EXPECTED_AFTER = Decimal("584.83")
