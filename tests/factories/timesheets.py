"""Timesheets: an open week to declare (``TimesheetFactory``), and declared weeks written by
the real service (``declared``), since a version only means something as the service checks it.
"""

from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from maillage.execution.dates import PARIS
from maillage.timesheets.models import Outcome, Timesheet
from maillage.timesheets.services import LineInput, declarable_occurrences, declare_week
from tests.factories.people import OrganisationFactory, WorkerProfileFactory

#: The Monday after the test week of tests/timesheets (noon, Paris time).
AFTER_WEEK = dt.datetime(2026, 11, 23, 12, 0, tzinfo=PARIS)


class TimesheetFactory(DjangoModelFactory):
    """A week still to declare (what the weekly reminder opens)."""

    class Meta:
        model = Timesheet

    worker = factory.SubFactory(WorkerProfileFactory)
    organisation = factory.SubFactory(
        OrganisationFactory, territory=factory.SelfAttribute("..worker.territory")
    )
    week = dt.date(2026, 11, 16)


def as_planned(occurrences) -> list[LineInput]:
    return [LineInput(occurrence_id=o.pk, outcome=Outcome.AS_PLANNED) for o in occurrences]


def declared(worker, monday: dt.date, *, now: dt.datetime = AFTER_WEEK, organisation=None):
    """Declare the worker's week as planned (every occurrence that is over, or only those of
    ``organisation``), through the service. Returns the timesheets."""
    occurrences = declarable_occurrences(
        worker, monday, now=now, organisation_id=organisation.pk if organisation else None
    )
    return declare_week(
        worker=worker, week=monday, lines=as_planned(occurrences), by=worker.user, now=now
    )
