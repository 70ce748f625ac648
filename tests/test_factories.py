"""Every factory and every trait builds a row the database and the model validation accept."""

import datetime as dt
from decimal import Decimal

import pytest

from maillage.people.models import Membership, Role
from maillage.people.siret import is_valid_siret
from maillage.pricing.services import charter_in_force
from tests import factories as f

pytestmark = pytest.mark.django_db

CASES = [
    (f.TerritoryFactory, {}),
    (f.TerritoryFactory, {"epci": True}),
    (f.ThirdPlaceFactory, {}),
    (f.ThirdPlaceFactory, {"with_opening_hours": True}),
    (f.OpeningHoursFactory, {}),
    (f.UserFactory, {}),
    (f.UserFactory, {"superuser": True}),
    (f.OrganisationFactory, {}),
    (f.OrganisationFactory, {"town_hall": True}),
    (f.OrganisationFactory, {"association": True}),
    (f.OrganisationFactory, {"carrier": True}),
    (f.OrganisationFactory, {"without_siret": True}),
    (f.BuyerGroupFactory, {}),
    (f.BuyerGroupFactory, {"employer": True}),
    *((f.MembershipFactory, {role.value: True}) for role in Role),
    (f.WorkerProfileFactory, {}),
    (f.WorkerProfileFactory, {"qualified": True, "full_time_wish": True}),
    (f.AvailabilityFactory, {}),
    (f.SkillFactory, {}),
    (f.SkillFactory, {"crcn": True}),
    (f.WorkerSkillFactory, {}),
    (f.SkillEvidenceFactory, {}),
    (f.SkillEvidenceFactory, {"certificate": True}),
    (f.MissionFactory, {}),
    (f.MissionFactory, {"fixed": True}),
    (f.MissionFactory, {"flexible": True}),
    (f.MissionFactory, {"accepted": True}),
    (f.MissionFactory, {"at_third_place": True}),
    (f.MissionFactory, {"remote": True, "flexible": True}),
    (f.MissionSkillFactory, {}),
    (f.FixedSlotFactory, {}),
    (f.FlexibleWindowFactory, {}),
    (f.ExcludedPeriodFactory, {}),
    (f.ConsolidationRunFactory, {}),
    (f.ConsolidationRunFactory, {"running": True}),
    (f.ConsolidationRunFactory, {"succeeded": True}),
    (f.ConsolidationRunFactory, {"failed": True}),
    (f.ConsolidationRunFactory, {"interrupted": True}),
    (f.PlanVersionFactory, {"draft": True}),
    (f.PlanVersionFactory, {"published": True}),
    (f.PlanAssignmentFactory, {}),
    (f.PlanUnassignedFactory, {}),
    (f.PairRuleFactory, {"pin": True}),
    (f.PairRuleFactory, {"forbid": True}),
    (f.PairRuleFactory, {"revoked": True}),
    (f.AssignmentResponseFactory, {}),
    (f.AssignmentResponseFactory, {"refused": True}),
    (f.AssignmentResponseFactory, {"review": True}),
    (f.ContractProposalFactory, {}),
    (f.ContractProposalFactory, {"signed": True}),
    (f.GpecJobFactory, {}),
    (f.GpecJobFactory, {"what_if": True, "running": True}),
    (f.GpecJobFactory, {"succeeded": True}),
    (f.GpecJobFactory, {"failed": True}),
    (f.HouseholdSituationFactory, {}),
    (f.HouseholdSituationFactory, {"couple": True, "consented": True}),
]


@pytest.mark.parametrize(
    ("factory", "traits"),
    CASES,
    ids=[f"{factory.__name__}-{'-'.join(traits) or 'plain'}" for factory, traits in CASES],
)
def test_every_factory_and_trait_makes_a_valid_row(factory, traits):
    instance = factory(**traits)
    instance.refresh_from_db()
    instance.full_clean()


def test_organisations_get_distinct_valid_sirets():
    first, second = f.OrganisationFactory(), f.OrganisationFactory()
    assert first.siret != second.siret
    assert is_valid_siret(first.siret) and is_valid_siret(second.siret)


def test_worker_traits_add_the_membership_the_skill_and_the_availability():
    worker = f.WorkerProfileFactory(qualified=True)
    assert Membership.objects.get(user=worker.user).role == Role.WORKER
    assert [(s.skill.code, s.level) for s in worker.skills.all()] == [("workshop-children", 4)]
    assert [(a.weekday, a.minutes) for a in worker.availability.all()] == [(1, 660), (3, 660)]
    assert f.WorkerProfileFactory(full_time_wish=True).wished_weekly_minutes == 35 * 60


def test_complete_needs_have_their_schedule_and_skill():
    fixed, flexible = f.MissionFactory(fixed=True), f.MissionFactory(flexible=True)
    assert (fixed.weekly_minutes(), flexible.weekly_minutes()) == (90, 180)
    assert [s.skill.code for s in flexible.skills.all()] == ["digital-mediation"]
    assert flexible.windows.count() == 1
    remote = f.MissionFactory(remote=True)
    assert remote.location is None
    at_place = f.MissionFactory(at_third_place=True)
    assert at_place.third_place.territory == at_place.territory


def test_charters_are_issued_by_the_service():
    charter = f.CharterFactory()
    assert (charter.number, charter.legal_minimum_hourly) == (1, Decimal("12.02"))
    assert charter.rates.count() == 32
    assert charter_in_force(charter.territory) == charter
    future = f.CharterFactory(future=True, territory=charter.territory)
    assert (future.number, future.starts_on) == (2, dt.date(2027, 1, 1))


def test_quotes_are_issued_and_answered_by_the_service():
    quote = f.QuoteFactory()
    assert (quote.state, quote.mission.state, quote.hourly_gross) == (
        "issued",
        "priced",
        Decimal("13.50"),
    )
    accepted = f.QuoteFactory(accepted=True)
    accepted.mission.refresh_from_db()
    assert (accepted.state, accepted.mission.state) == ("accepted", "accepted")
    priced = f.MissionFactory(priced=True)
    assert (priced.state, priced.quotes.get().state) == ("priced", "issued")


def test_plans_and_assignments_share_one_territory():
    assignment = f.PlanAssignmentFactory(version__published=True)
    territory = assignment.version.territory
    assert assignment.mission.territory == assignment.worker.territory == territory
    assert assignment.version.run.territory == territory
    assert assignment.version.run.status == "succeeded"


def test_job_traits_give_the_status_a_page_shows():
    assert f.ConsolidationRunFactory(running=True).shown_status == "running"
    assert f.ConsolidationRunFactory(interrupted=True).shown_status == "interrupted"
    assert f.GpecJobFactory(running=True).shown_status == "running"
    assert f.GpecJobFactory(succeeded=True).shown_status == "succeeded"
