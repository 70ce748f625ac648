"""The demo's term under way: what happens after the plan is published.

`make demo` builds the territory (`build_demo`), plans and publishes it (`consolidate
--publish`), then calls `build_term_under_way` (`manage.py demo_term`): a worker's absence
replaced and a buyer's cancellation, the weeks already worked declared and validated (one
dispute), review requests (one answered), a contract to accept, November's invoices (one
credit note), an employer group's statement and payroll export; then buyers' evaluations,
certified skills and their badges (one revoked) and a training; the economic model, the
territory's directory and unpaid engagement; the cooperative's colleges, a past decision and a
vote under way; invitations and a worker profile to approve; API tokens. Each step does
nothing when its data is already there, so the command can be run again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from maillage.consolidation.models import PlanState
from maillage.demo import accounts as accounts_step
from maillage.demo import api as api_step
from maillage.demo import credentials as credentials_step
from maillage.demo import economics as economics_step
from maillage.demo import governance as governance_step
from maillage.demo.absences import build_absences
from maillage.demo.builder import DEMO_ACCOUNTS
from maillage.demo.context import DEMO_TERRITORY_SLUG
from maillage.demo.invoicing import build_invoicing
from maillage.demo.notifications import build_notifications
from maillage.demo.reviews import build_reviews
from maillage.demo.timesheets import build_timesheets
from maillage.demo.wages import build_wages, employ_for_the_group
from maillage.people.models import User
from maillage.territory.models import Territory


class NoPublishedPlan(Exception):
    """The demo's term needs its plan published first (`manage.py consolidate --publish`)."""


@dataclass(frozen=True)
class TermSteps:
    """Which steps did something this time (False: already there)."""

    absences: bool
    timesheets: bool
    reviews: bool
    invoicing: bool
    wages: bool
    credentials: bool
    economics: bool
    governance: bool
    accounts: bool
    api: bool


def build_term_under_way() -> TermSteps:
    """Run every after-planning step of the demo, in one transaction."""
    territory = Territory.objects.filter(slug=DEMO_TERRITORY_SLUG).first()
    if territory is None or not territory.plans.filter(state=PlanState.PUBLISHED).exists():
        raise NoPublishedPlan
    users = {
        account.key: User.objects.get(email=account.email)
        for account in DEMO_ACCOUNTS
        if User.objects.filter(email=account.email).exists()
    }
    with transaction.atomic():
        steps = TermSteps(
            absences=build_absences(territory, showcase=users["worker"], buyer=users["buyer"]),
            timesheets=build_timesheets(territory, showcase=users["worker"]),
            # The contract offered to the showcase worker before the employer group's demo
            # employs someone else: the worker@ login has a proposal to accept.
            reviews=build_reviews(
                territory, showcase=users["worker"], coordinator=users["coordinator"]
            ),
            # The group's employee is employed before invoicing: its members are billed for
            # that worker by the group's statement, not invoiced as well.
            invoicing=employ_for_the_group(territory, coordinator=users["coordinator"])
            | build_invoicing(territory, coordinator=users["coordinator"]),
            wages=build_wages(territory, coordinator=users["coordinator"]),
            credentials=credentials_step.build(territory=territory, users=users),
            economics=economics_step.build(territory=territory, users=users),
            governance=governance_step.build(territory=territory, users=users),
            accounts=accounts_step.build(territory=territory, users=users),
            api=api_step.build(territory=territory, users=users),
        )
        # Last: the emails of what the steps notified are closed as history, not sent.
        build_notifications(users.values())
    return steps
