import datetime as dt

import pytest

from maillage.absences.models import Absence
from maillage.demo.absences import build_absences
from maillage.execution.models import Occurrence

pytestmark = pytest.mark.django_db


def test_the_demo_term_shows_one_replaced_absence_and_one_cancellation(world):
    buyer = world.people["buyer_member"]
    assert build_absences(world.territory, showcase=world.alice.user, buyer=buyer)
    absence = Absence.objects.get()
    assert absence.worker == world.alice
    replaced = Occurrence.objects.get(date=dt.date(2026, 12, 1), state="replaced")
    assert replaced.replaced_by.worker == world.carla
    cancelled = Occurrence.objects.get(state="cancelled")
    assert (cancelled.date, cancelled.billable) == (dt.date(2026, 12, 8), False)
    # Idempotent.
    assert not build_absences(world.territory, showcase=world.alice.user, buyer=buyer)


def test_nothing_to_do_before_the_plan_is_published(territory):
    assert not build_absences(territory)
