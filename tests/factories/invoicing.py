"""Invoicing: a November of validated work (``november``), built through the real services
(quotes accepted, plan published, timesheets declared and validated), and group settings.

The world: a school and a public town hall of one territory, each with a fixed need
(Tuesdays, 2 to 27 November 2026) priced by an accepted quote; Alice works for the school
(15:00-16:30), Bruno for the town hall (10:00-12:00). Four Tuesdays: 3, 10, 17, 24 November.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

from factory.django import DjangoModelFactory

from maillage.consolidation.models import PlanVersion
from maillage.execution.dates import PARIS
from maillage.execution.services import expand_published_plan
from maillage.invoicing.models import DraftLine, GroupInvoicing, InvoiceDraft, PublicReference
from maillage.timesheets.models import Timesheet
from maillage.timesheets.services import validate_timesheet
from tests.factories.consolidation import PlanAssignmentFactory, PlanVersionFactory
from tests.factories.missions import MissionFactory
from tests.factories.people import OrganisationFactory, WorkerProfileFactory, buyer_member
from tests.factories.pricing import QuoteFactory
from tests.factories.timesheets import declared

NOVEMBER = dt.date(2026, 11, 1)
MONDAYS = [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16), dt.date(2026, 11, 23)]
#: When the workers declare (after the last week of November).
DECLARED_AT = dt.datetime(2026, 11, 30, 12, 0, tzinfo=PARIS)
#: The issue date of November's invoices.
ISSUE_DAY = dt.date(2026, 12, 1)


class GroupInvoicingFactory(DjangoModelFactory):
    class Meta:
        model = GroupInvoicing

    group = None
    mode = "per_member"
    payer = None


class PublicReferenceFactory(DjangoModelFactory):
    class Meta:
        model = PublicReference

    service_code = "SERVICE-NUM"
    commitment_number = "EJ-2026-0042"


def priced_need(buyer, *, title: str, group=None):
    """A fixed need of November 2026 with an accepted quote."""
    mission = MissionFactory(
        buyer=buyer,
        fixed=True,
        title=title,
        buyer_group=group,
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 11, 27),
    )
    QuoteFactory(mission=mission, accepted=True)
    mission.refresh_from_db()
    return mission


def work(territory, assignments, *, weeks=MONDAYS, validate=True):
    """Publish a plan of (mission, worker, block) and declare (and validate) the weeks."""
    # Each call is a plan of its own (another period), so it leaves the others' dates alone.
    plans = PlanVersion.objects.filter(territory=territory).count()
    version = PlanVersionFactory(
        territory=territory,
        published=True,
        period_start=dt.date(2026, 11, 2),
        period_end=dt.date(2026, 12, 18) - dt.timedelta(days=plans),
    )
    for mission, worker, block in assignments:
        PlanAssignmentFactory(
            version=version,
            mission=mission,
            worker=worker,
            blocks=[block],
            weekly_minutes=block["end"] - block["start"],
        )
    expand_published_plan(version=version, now=dt.datetime(2026, 10, 30, 12, tzinfo=PARIS))
    workers = {worker.pk: worker for _m, worker, _b in assignments}
    for worker in workers.values():
        for monday in weeks:
            declared(worker, monday, now=DECLARED_AT)
    if validate:
        validate_all(territory)
    return version


def validate_all(territory, **filters) -> None:
    for timesheet in Timesheet.objects.filter(
        organisation__territory=territory, state="declared", **filters
    ).select_related("organisation"):
        validate_timesheet(timesheet=timesheet, by=buyer_member(timesheet.organisation))


def november(territory, *, validate=True) -> SimpleNamespace:
    """The school and the public town hall, their needs, workers and validated November."""
    school = OrganisationFactory(territory=territory, name="École Jules Ferry")
    town_hall = OrganisationFactory(
        territory=territory, name="Mairie de Talence", kind="commune", is_public_buyer=True
    )
    workshop = priced_need(school, title="Atelier numérique")
    help_desk = priced_need(town_hall, title="Permanence numérique")
    PublicReferenceFactory(mission=help_desk)
    alice = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Alice"
    )
    bruno = WorkerProfileFactory(
        territory=territory, with_membership=True, with_skill=True, user__first_name="Bruno"
    )
    work(
        territory,
        [
            (workshop, alice, {"day": 1, "start": 900, "end": 990}),
            (help_desk, bruno, {"day": 1, "start": 600, "end": 720}),
        ],
        validate=validate,
    )
    return SimpleNamespace(
        territory=territory,
        school=school,
        town_hall=town_hall,
        workshop=workshop,
        help_desk=help_desk,
        alice=alice,
        bruno=bruno,
        school_buyer=buyer_member(school),
        town_hall_buyer=buyer_member(town_hall),
    )


__all__ = [
    "GroupInvoicingFactory",
    "PublicReferenceFactory",
    "draft_for",
    "november",
    "priced_need",
    "work",
]


def draft_for(buyer, *, month=NOVEMBER, minutes=120, unit_price=Decimal("30.00")):
    """A one-line draft for ``buyer`` (written directly: the numbering tests need no work)."""
    mission = MissionFactory(buyer=buyer, fixed=True)
    draft = InvoiceDraft.objects.create(
        territory=buyer.territory,
        month=month,
        buyer=buyer,
        kind="invoice",
        built_at=DECLARED_AT,
    )
    quantity = Decimal(minutes) / 60
    DraftLine.objects.create(
        draft=draft,
        mission=mission,
        kind="work",
        member=buyer,
        description=mission.title,
        minutes=minutes,
        quantity=quantity.quantize(Decimal("0.01")),
        unit_price=unit_price,
        amount=(quantity * unit_price).quantize(Decimal("0.01")),
        first_date=dt.date(2026, 11, 3),
        last_date=dt.date(2026, 11, 24),
        position=1,
    )
    return draft
