"""Onboarding services: organisations, invitations, roles, territories, profile approval."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from maillage.accounts import services
from maillage.accounts.errors import AccountsError
from maillage.accounts.models import Invitation, ProfileReviewState, RoleChange
from maillage.core.signals import sensitive_act
from maillage.people.models import Membership, Organisation, Role, WorkerProfile
from maillage.territory.models import Territory
from tests.factories import (
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    member_with_role,
)
from tests.factories.accounts import invitation, submitted
from tests.factories.people import VALID_SIRETS
from tests.factories.territory import MERIGNAC, commune

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_buyer_registers_its_organisation_and_becomes_its_member(territory):
    user = UserFactory()
    organisation = services.register_organisation(
        user=user,
        name="Mairie de Mérignac",
        siret=VALID_SIRETS[1],
        kind="commune",
        is_public_buyer=True,
        address="60 av. du Maréchal de Lattre",
        commune=commune(MERIGNAC),
    )
    assert organisation.territory == territory
    assert list(Membership.objects.filter(user=user).values_list("role", "organisation")) == [
        (Role.BUYER_MEMBER, organisation.pk)
    ]
    change = RoleChange.objects.get()
    assert (change.user, change.action, change.by) == (user, "granted", user)


@pytest.mark.parametrize("siret", ["12345678901234", "1234"])
def test_a_wrong_siret_is_refused_and_nothing_is_created(territory, siret):
    user = UserFactory()
    with pytest.raises(AccountsError):
        services.register_organisation(
            user=user,
            name="X",
            siret=siret,
            kind="school",
            is_public_buyer=False,
            address="1 rue",
            commune=commune(MERIGNAC),
        )
    assert not Organisation.objects.filter(name="X").exists()
    assert not Membership.objects.filter(user=user).exists()


def test_a_commune_outside_every_territory_is_refused():
    with pytest.raises(AccountsError, match="No territory"):
        services.register_organisation(
            user=UserFactory(),
            name="X",
            siret=VALID_SIRETS[1],
            kind="school",
            is_public_buyer=False,
            address="1 rue",
            commune=commune(MERIGNAC),
        )


def test_an_invitation_stores_only_the_hash_and_is_accepted_once(school, buyer):
    invited, token = invitation(
        by=buyer, email="Colleague@Example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    assert token not in invited.token_hash
    assert invited.token_hash == services.hash_token(token)
    assert invited.email == "colleague@example.org"
    colleague = services.join_by_invitation(
        invitation=invited, password="a-long-passphrase-1", first_name="Léa", last_name="Roux"
    )
    assert Membership.objects.filter(user=colleague, organisation=school).exists()
    assert EmailAddress.objects.get(user=colleague).verified is True
    invited.refresh_from_db()
    assert (invited.state, invited.accepted_by) == ("accepted", colleague)
    with pytest.raises(AccountsError, match="no longer valid"):
        services.accept_invitation(invitation=invited, user=colleague)
    assert RoleChange.objects.filter(user=colleague).get().invitation == invited


def test_the_invitation_email_carries_the_link(school, buyer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invited, token = invitation(
            by=buyer, email="c@example.org", role=Role.BUYER_MEMBER, organisation=school
        )
    assert mail.outbox[0].to == ["c@example.org"]
    assert f"/account/invitation/{token}/" in mail.outbox[0].body


def test_an_expired_or_revoked_invitation_gives_no_role(school, buyer):
    expired, _ = invitation(
        by=buyer, email="a@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    Invitation.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - dt.timedelta(days=30),
        expires_at=timezone.now() - dt.timedelta(days=1),
    )
    expired.refresh_from_db()
    revoked, _ = invitation(
        by=buyer, email="b@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    services.revoke_invitation(invitation=revoked, by=buyer)
    for invited, email in [(expired, "a@example.org"), (revoked, "b@example.org")]:
        user = UserFactory(email=email)
        with pytest.raises(AccountsError, match="no longer valid"):
            services.accept_invitation(invitation=invited, user=user)
        assert not Membership.objects.filter(user=user).exists()


def test_an_invitation_is_for_its_address_only(school, buyer):
    invited, _ = invitation(
        by=buyer, email="a@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    stranger = UserFactory(email="stranger@example.org")
    with pytest.raises(AccountsError, match="another address"):
        services.accept_invitation(invitation=invited, user=stranger)
    assert not Membership.objects.filter(user=stranger).exists()


def test_a_buyer_cannot_invite_into_another_organisation_nor_offer_a_territorial_role(
    territory, buyer
):
    other = OrganisationFactory(territory=territory)
    with pytest.raises(AccountsError):
        services.invite(by=buyer, email="x@example.org", role=Role.BUYER_MEMBER, organisation=other)
    with pytest.raises(AccountsError):
        services.invite(by=buyer, email="x@example.org", role=Role.WORKER, territory=territory)
    assert not Invitation.objects.exists()


def test_a_coordinator_invites_on_its_territory_only(coordinator, territory):
    invitation(by=coordinator, email="w@example.org", role=Role.WORKER, territory=territory)
    invitation(by=coordinator, email="u@example.org", role=Role.UNION_REP, territory=territory)
    with pytest.raises(AccountsError):
        services.invite(
            by=coordinator, email="x@example.org", role=Role.WORKER, territory=TerritoryFactory()
        )
    assert Invitation.objects.count() == 2


def test_a_coordinator_opens_a_territory_from_an_epci_preset(coordinator):
    territory = services.create_territory(by=coordinator, kind="epci", code="243300316")
    assert territory.communes.filter(insee_code=MERIGNAC).exists()
    assert Membership.objects.filter(
        user=coordinator, role=Role.COORDINATOR, territory=territory
    ).exists()
    with pytest.raises(AccountsError, match="already exists"):
        services.create_territory(by=coordinator, kind="epci", code="243300316")


def test_a_buyer_cannot_open_a_territory(buyer):
    with pytest.raises(AccountsError):
        services.create_territory(by=buyer, kind="departement", code="33")
    assert not Territory.objects.filter(kind="departement").exists()


def test_withdrawing_a_role_is_logged_and_sent_to_the_audit(
    coordinator, territory, django_capture_on_commit_callbacks
):
    worker = member_with_role(Role.WORKER, territory=territory)
    membership = Membership.objects.get(user=worker)
    acts = []
    sensitive_act.connect(receiver := lambda sender, **kw: acts.append(kw))
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.withdraw_role(membership=membership, by=coordinator)
    finally:
        sensitive_act.disconnect(receiver)
    assert not Membership.objects.filter(user=worker).exists()
    change = RoleChange.objects.get(user=worker)
    assert (change.action, change.role, change.by, change.territory) == (
        "withdrawn",
        Role.WORKER,
        coordinator,
        territory,
    )
    assert [(a["action"], a["actor"], a["target"]) for a in acts] == [
        ("accounts.role_withdrawn", coordinator, worker)
    ]


def test_a_stranger_cannot_withdraw_a_role(territory, buyer):
    worker = member_with_role(Role.WORKER, territory=territory)
    with pytest.raises(AccountsError):
        services.withdraw_role(membership=Membership.objects.get(user=worker), by=buyer)
    assert Membership.objects.filter(user=worker).exists()
    assert not RoleChange.objects.exists()


def test_a_worker_profile_is_submitted_then_approved_by_a_coordinator(coordinator, territory):
    user = member_with_role(Role.WORKER, territory=territory)
    profile = services.save_worker_profile(
        user=user,
        territory=territory,
        home_commune=commune(MERIGNAC),
        travel_mode="bike",
        max_km=12,
        wished_weekly_minutes=20 * 60,
        max_weekly_minutes=30 * 60,
    )
    review = submitted(profile)
    assert review.state == ProfileReviewState.SUBMITTED
    services.decide_profile(review=review, by=coordinator, approve=True)
    review.refresh_from_db()
    assert review.state == ProfileReviewState.APPROVED
    assert list(review.transitions.values_list("from_state", "to_state")) == [
        ("", "submitted"),
        ("submitted", "approved"),
    ]


def test_a_coordinator_of_another_territory_cannot_approve(territory):
    profile = WorkerProfileFactory(territory=territory)
    review = submitted(profile)
    stranger = member_with_role(Role.COORDINATOR, territory=TerritoryFactory())
    with pytest.raises(AccountsError):
        services.decide_profile(review=review, by=stranger, approve=True)
    review.refresh_from_db()
    assert review.state == ProfileReviewState.SUBMITTED


def test_a_profile_hours_above_the_maximum_are_refused(territory):
    user = member_with_role(Role.WORKER, territory=territory)
    with pytest.raises(AccountsError):
        services.save_worker_profile(
            user=user,
            territory=territory,
            home_commune=commune(MERIGNAC),
            travel_mode="car",
            max_km=10,
            wished_weekly_minutes=40 * 60,
            max_weekly_minutes=30 * 60,
        )
    assert not WorkerProfile.objects.filter(user=user).exists()
