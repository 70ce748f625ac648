"""`make demo`'s last step: the term under way, built once the demo's plan is published."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import CommandError

from maillage.absences.models import Absence
from maillage.demo.builder import demo_account
from maillage.execution.models import Occurrence
from maillage.invoicing.billable import validated_work
from maillage.invoicing.models import Invoice
from maillage.notifications.models import Notification
from maillage.territory.models import Territory
from maillage.timesheets.models import Timesheet
from maillage.wages.models import GroupStatement
from tests.demo.test_demo_commands import demo_with_autumn_plan, run

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("gironde_communes")]


def test_the_term_needs_a_published_plan():
    run("build_demo", "--seed", "5")
    with pytest.raises(CommandError, match="no published plan"):
        run("demo_term")


def test_the_demo_term_is_under_way_and_can_be_rebuilt():
    demo_with_autumn_plan(time_limit=5)

    output = run("demo_term")

    assert output.strip() == (
        "Term under way: absences, timesheets, reviews, invoicing, wages, credentials, "
        "economics, governance, accounts, api"
    )
    states = set(Timesheet.objects.values_list("state", flat=True))
    assert {"validated", "disputed", "declared"} <= states
    assert Absence.objects.count() == 1
    assert Occurrence.objects.filter(replaces__isnull=False).exists()
    assert Invoice.objects.filter(kind="credit_note").count() == 1
    assert Invoice.objects.filter(kind="invoice").exclude(state="draft").exists()
    assert GroupStatement.objects.exists()
    # The group's employee's hours for its members are on the statements, not the invoices.
    gironde = Territory.objects.get(slug="gironde")
    assert validated_work(gironde.pk, dt.date(2026, 11, 1)).via_group_statements > 0
    worker = demo_account("worker").email
    assert Notification.objects.filter(recipient__email=worker, read_at__isnull=True).exists()
    assert run("demo_term").strip() == "Term under way: already built, nothing to do"
    # A rebuild erases the whole term, its protected records included.
    run("build_demo", "--seed", "2026", "--reset")
    assert not Timesheet.objects.exists() and not Invoice.objects.exists()
