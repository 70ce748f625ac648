"""A coordinator proposes a charter change, the union college records its opinion, members of
three colleges vote, the window closes, the new charter is in force on its start date and the
public observatory shows the decision; on a phone-sized screen."""

import datetime as dt

import pytest
from django.utils import timezone

from maillage.governance.models import Decision, Proposal
from maillage.governance.services import close_due_votes
from maillage.people.models import Membership, Role
from maillage.pricing.services import charter_in_force
from tests.factories import PASSWORD, CharterFactory, TerritoryFactory, UserFactory
from tests.factories import governance as gov

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def member_with_role(role, territory, *, email):
    user = UserFactory(email=email)
    Membership.objects.create(user=user, role=role, territory=territory)
    return user


@pytest.fixture
def cooperative(basics):
    territory = TerritoryFactory(name="Pays Test", slug="pays-test")
    coordinator = member_with_role(Role.COORDINATOR, territory, email="coord@coop.example")
    CharterFactory(territory=territory, by=coordinator)
    gov.statutes(territory)
    union_rep = member_with_role(Role.UNION_REP, territory, email="union@coop.example")
    voters = [
        gov.seat(territory, kind, user)
        for kind, user in (
            ("workers", member_with_role(Role.WORKER, territory, email="alice@coop.example")),
            ("buyers", None),
            ("unions", union_rep),
        )
    ]
    return territory, coordinator, union_rep, voters


def _signed_in(browser, live_server, email):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    return page


def test_a_charter_change_voted_by_the_colleges(live_server, browser, cooperative):
    territory, coordinator, union_rep, voters = cooperative
    starts_on = timezone.localdate() + dt.timedelta(days=40)

    # The coordinator proposes a new charter: a higher training floor, a lower fee.
    page = _signed_in(browser, live_server, coordinator.email)
    page.goto(f"{live_server.url}/en/pricing/charter/")
    page.get_by_role("link", name="Propose a charter change").click()
    page.locator("input[name=starts_on]").fill(starts_on.isoformat())
    page.locator("input[name=floor_training_intermediate]").fill("19.00")
    page.locator("input[name=cooperative_fee_percent]").fill("6.50")
    page.get_by_role("button", name="Propose this version to the vote").click()
    page.wait_for_url("**/governance/proposals/**")
    proposal = Proposal.objects.get()
    assert proposal.changes_pay_floors is True
    page.get_by_role("button", name="Open the discussion").click()
    page.wait_for_load_state()
    assert "The vote waits for the union college's opinion." in page.content()

    # The union college records its opinion.
    union = _signed_in(browser, live_server, union_rep.email)
    union.goto(f"{live_server.url}/en/governance/proposals/{proposal.pk}/")
    union.get_by_label("Favourable", exact=True).check()
    union.get_by_label("The union college's opinion").fill("A fair raise; we support it.")
    union.get_by_role("button", name="Record the opinion").click()
    union.wait_for_load_state()
    assert "The union college's opinion is recorded." in union.content()

    # The coordinator opens the vote for two days.
    page.reload()
    closes = timezone.localtime() + dt.timedelta(days=2)
    page.locator("input[name=closes_at]").fill(closes.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Open the vote").click()
    page.wait_for_load_state()
    assert "The vote is open." in page.content()

    # Members of three colleges vote (the union rep sits in the unions' college).
    for voter, choice in zip(voters, ["For", "For", "Abstain"], strict=True):
        member = union if voter == union_rep else _signed_in(browser, live_server, voter.email)
        member.goto(f"{live_server.url}/en/governance/proposals/{proposal.pk}/")
        member.get_by_label(choice, exact=True).check()
        member.get_by_role("button", name="Vote", exact=True).click()
        member.wait_for_load_state()
        assert "Your vote is recorded." in member.content()

    # The window closes (beat's task, run at the closing time).
    assert close_due_votes(now=closes + dt.timedelta(minutes=5)) == 1
    decision = Decision.objects.get(proposal=proposal)
    assert decision.adopted is True
    assert charter_in_force(territory, on=starts_on - dt.timedelta(days=1)).number == 1
    assert charter_in_force(territory, on=starts_on) == decision.charter
    assert str(decision.charter.cooperative_fee_rate) == "0.0650"

    # Anyone reads the decision on the public observatory.
    public = browser.new_context(locale="en-GB").new_page()
    public.goto(f"{live_server.url}/en/observatory/pays-test/")
    text = public.content()
    assert proposal.title in text
    assert "Adopted" in text
    assert "Version 2, from" in text
