"""The audit log: what the receivers write, and that nothing rewrites it."""

import pytest
from django.contrib.auth.signals import user_logged_in
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from maillage.audit.models import AuditEvent
from maillage.core.immutability import ERROR_PREFIX
from maillage.core.signals import sensitive_act
from maillage.people.models import Membership, Role
from tests.factories import CharterFactory, TerritoryFactory, UserFactory, member_with_role
from tests.factories import governance as gov
from tests.immutability import assert_frozen

pytestmark = pytest.mark.django_db


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_an_update_or_a_delete_fails_at_the_database():
    event = AuditEvent.objects.create(action="test.act", actor_label="a@example.org")
    assert_frozen(event, action="test.forged")
    assert_frozen(event, actor_label="someone@else.org")
    with pytest.raises(IntegrityError, match=ERROR_PREFIX), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk)._raw_delete(AuditEvent.objects.db)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_actor_may_only_be_forgotten_never_replaced():
    alice, bob = UserFactory(email="alice@example.org"), UserFactory()
    event = AuditEvent.objects.create(action="test.act", actor=alice, actor_label=alice.email)
    assert_frozen(event, actor=bob)
    alice.delete()  # SET_NULL: the event forgets the account, keeps its name
    event.refresh_from_db()
    assert event.actor is None
    assert event.actor_label == "alice@example.org"


def test_a_charter_issued_and_its_proposal_moves_are_logged():
    territory = TerritoryFactory()
    coordinator = member_with_role(Role.COORDINATOR, territory)
    charter = CharterFactory(territory=territory, by=coordinator)
    (issued,) = events("pricing.charter_issued")
    assert (issued.actor, issued.territory, issued.target_id) == (
        coordinator,
        territory,
        str(charter.pk),
    )
    assert issued.detail["number"] == 1
    gov.statutes(territory)
    proposal = gov.proposal(territory, by=coordinator)
    from maillage.governance import services

    services.start_discussion(proposal=proposal, by=coordinator)
    (moved,) = events("governance.proposal.discussion")
    assert moved.actor == coordinator
    assert moved.territory == territory
    assert moved.target_type == "governance.proposal"
    assert moved.detail == {"from": "draft", "to": "discussion", "reason": ""}


def test_roles_granted_and_withdrawn_are_logged():
    territory = TerritoryFactory()
    user = UserFactory()
    membership = Membership.objects.create(user=user, role=Role.UNION_REP, territory=territory)
    membership.delete()
    granted, withdrawn = events("people.role_granted")[-1], events("people.role_withdrawn")[-1]
    assert (granted.target_id, granted.territory, granted.detail["role"]) == (
        str(user.pk),
        territory,
        "union_rep",
    )
    assert (withdrawn.target_id, withdrawn.detail["role"]) == (str(user.pk), "union_rep")


def test_a_login_is_logged_from_a_new_device_only():
    user = UserFactory()
    factory = RequestFactory()

    def login(agent, address="192.0.2.1"):
        request = factory.get("/", HTTP_USER_AGENT=agent, REMOTE_ADDR=address)
        user_logged_in.send(sender=type(user), request=request, user=user)

    login("Firefox")
    login("Firefox")
    login("Chromium")
    login("Firefox", address="192.0.2.9")
    logged = events("accounts.login_new_device")
    assert [(e.user_agent, e.ip_address) for e in logged] == [
        ("Firefox", "192.0.2.1"),
        ("Chromium", "192.0.2.1"),
        ("Firefox", "192.0.2.9"),
    ]
    assert {e.actor for e in logged} == {user}


def test_a_sensitive_act_is_logged_with_its_request():
    user = UserFactory()
    territory = TerritoryFactory()
    request = RequestFactory().get("/", HTTP_USER_AGENT="curl", REMOTE_ADDR="198.51.100.4")
    sensitive_act.send(
        sender=None,
        actor=user,
        action="accounts.data_exported",
        target=user,
        territory=territory,
        detail={"format": "json"},
        request=request,
    )
    (event,) = events("accounts.data_exported")
    assert (event.actor, event.territory, event.ip_address, event.user_agent) == (
        user,
        territory,
        "198.51.100.4",
        "curl",
    )
    assert event.detail == {"format": "json"}


def test_a_quote_accepted_is_logged_with_its_buyer_and_territory():
    from tests.factories import QuoteFactory

    quote = QuoteFactory(accepted=True)
    (accepted,) = events("pricing.quote_accepted")
    assert accepted.target_type == "pricing.quote"
    assert accepted.target_id == str(quote.pk)
    assert accepted.territory_id == quote.mission.territory_id
    assert accepted.actor is not None
    assert accepted.actor.memberships.filter(organisation=quote.mission.buyer).exists()
    assert accepted.detail["to"] == "accepted"
