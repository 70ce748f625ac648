"""A timesheet, its versions and its log are read-only in the admin."""

import pytest

from maillage.timesheets.models import Timesheet
from tests.factories.timesheets import declared
from tests.immutability import assert_admin_read_only
from tests.timesheets.conftest import WEEK

pytestmark = pytest.mark.django_db


def test_a_timesheet_and_its_history_are_read_only_in_the_admin(admin_client, dated):
    declared(dated.alice, WEEK)

    html = assert_admin_read_only(admin_client, Timesheet.objects.first())

    assert "timesheet version" in html.lower() or "version" in html.lower()
