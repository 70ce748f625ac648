"""The demo's timesheets (maillage.demo.timesheets) on the small dated world: weeks declared
through the services, validated by a buyer or by the charter's delay, one disputed."""

import pytest

from maillage.demo.timesheets import build_timesheets
from maillage.timesheets.models import Timesheet

pytestmark = pytest.mark.django_db


def test_past_weeks_declared_most_validated_one_disputed(dated):
    assert build_timesheets(dated.territory, showcase=dated.alice.user)

    states = sorted(
        (t.week.isoformat(), t.organisation.name, t.state) for t in Timesheet.objects.all()
    )
    assert states == [
        ("2026-11-09", "Médiathèque", "validated"),
        ("2026-11-09", "École Jules Ferry", "validated"),
        ("2026-11-16", "Médiathèque", "disputed"),
        ("2026-11-16", "École Jules Ferry", "validated"),
    ]
    assert not build_timesheets(dated.territory, showcase=dated.alice.user)  # idempotent


def test_nothing_to_do_before_the_plan_is_published(territory):
    assert not build_timesheets(territory)
