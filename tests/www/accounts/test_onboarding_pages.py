"""Onboarding pages: organisation, invitations, roles, territory, worker profile, approval."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import strategies as st

from maillage.accounts.models import Invitation, ProfileReview, ProfileReviewState
from maillage.people.models import Membership, Organisation, Role, WorkerProfile
from tests.factories import (
    OrganisationFactory,
    TerritoryFactory,
    UserFactory,
    WorkerProfileFactory,
    buyer_member,
    member_with_role,
)
from tests.factories.accounts import invitation, submitted
from tests.factories.people import VALID_SIRETS
from tests.factories.territory import MERIGNAC
from tests.www.test_form_fuzz import post_as_every_role, values

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def test_a_signed_in_person_registers_an_organisation(client, territory):
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("accounts:organisation_register")).status_code == 200
    response = client.post(
        reverse("accounts:organisation_register"),
        {
            "name": "Mairie de Mérignac",
            "siret": VALID_SIRETS[1],
            "kind": "commune",
            "is_public_buyer": "on",
            "address": "60 av. de Lattre",
            "commune": MERIGNAC,
        },
    )
    assert response["Location"] == reverse("accounts:invitations")
    organisation = Organisation.objects.get(siret=VALID_SIRETS[1])
    assert (organisation.is_public_buyer, organisation.territory) == (True, territory)
    assert Membership.objects.filter(user=user, organisation=organisation).exists()


def test_a_bad_siret_shows_the_error_and_creates_nothing(client, territory):
    client.force_login(UserFactory())
    response = client.post(
        reverse("accounts:organisation_register"),
        {
            "name": "X",
            "siret": "12345678901234",
            "kind": "school",
            "address": "1",
            "commune": MERIGNAC,
        },
    )
    assert response.status_code == 200
    assert not Organisation.objects.filter(name="X").exists()


def test_a_buyer_invites_a_colleague_who_creates_an_account_from_the_link(
    client, school, buyer, django_capture_on_commit_callbacks
):
    client.force_login(buyer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations"),
            {"email": "colleague@example.org", "role": "buyer_member", "scope": f"o{school.pk}"},
        )
    assert response.status_code == 302
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body)[1]
    client.logout()
    assert client.get(link).status_code == 200
    response = client.post(
        link, {"first_name": "Léa", "last_name": "Roux", "password": "a-long-passphrase-9"}
    )
    assert response.status_code == 302
    colleague = Membership.objects.get(organisation=school, user__email="colleague@example.org")
    assert client.session["_auth_user_id"] == str(colleague.user_id)
    # The link works once.
    client.logout()
    again = client.post(link, {"first_name": "X", "last_name": "Y", "password": "p-123456789x"})
    assert "no longer valid" in again.content.decode()


def test_an_unknown_invitation_link_is_404(client, db):
    assert client.get(reverse("accounts:invitation", args=["nope"])).status_code == 404


def test_a_buyer_of_another_organisation_cannot_revoke(client, territory, school, buyer):
    invited, _ = invitation(
        by=buyer, email="a@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    stranger = buyer_member(OrganisationFactory(territory=territory))
    client.force_login(stranger)
    response = client.post(reverse("accounts:invitation_revoke", args=[invited.pk]))
    assert response.status_code == 404
    invited.refresh_from_db()
    assert invited.revoked_at is None
    assert "a@example.org" not in client.get(reverse("accounts:invitations")).content.decode()


def test_the_buyer_revokes_its_invitation(client, school, buyer):
    invited, _ = invitation(
        by=buyer, email="a@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    client.force_login(buyer)
    client.post(reverse("accounts:invitation_revoke", args=[invited.pk]))
    assert Invitation.objects.get(pk=invited.pk).state == "revoked"


def test_a_person_without_a_role_may_not_invite(client, db):
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:invitations")).status_code == 403


def test_a_coordinator_withdraws_a_workers_role_from_the_roles_page(client, coordinator, territory):
    worker = member_with_role(Role.WORKER, territory=territory)
    client.force_login(coordinator)
    page = client.get(reverse("accounts:roles"))
    assert str(worker) in page.content.decode()
    membership = Membership.objects.get(user=worker)
    client.post(reverse("accounts:role_withdraw", args=[membership.pk]))
    assert not Membership.objects.filter(user=worker).exists()


def test_a_buyer_cannot_withdraw_a_worker(client, buyer, territory):
    worker = member_with_role(Role.WORKER, territory=territory)
    client.force_login(buyer)
    membership = Membership.objects.get(user=worker)
    assert client.post(reverse("accounts:role_withdraw", args=[membership.pk])).status_code == 404
    assert Membership.objects.filter(user=worker).exists()


def test_a_coordinator_opens_a_territory_and_a_worker_may_not(client, coordinator, territory):
    client.force_login(coordinator)
    response = client.post(
        reverse("accounts:territory_create"), {"kind": "epci", "code": "243300316"}
    )
    assert response.status_code == 302
    worker = member_with_role(Role.WORKER, territory=territory)
    client.force_login(worker)
    assert client.get(reverse("accounts:territory_create")).status_code == 403


def test_a_worker_completes_the_profile_step_by_step_and_a_coordinator_approves(
    client, coordinator, territory
):
    worker = member_with_role(Role.WORKER, territory=territory)
    client.force_login(worker)
    url = reverse("accounts:worker_profile")
    assert client.get(url).status_code == 200
    client.post(
        url, {"step": "where", "home_commune": MERIGNAC, "travel_mode": "bike", "max_km": "15"}
    )
    client.post(url, {"step": "hours", "wished_hours": "20", "max_hours": "30"})
    client.post(url, {"step": "submit"})
    profile = WorkerProfile.objects.get(user=worker)
    assert (profile.max_km, profile.wished_weekly_minutes, profile.max_weekly_minutes) == (
        15,
        1200,
        1800,
    )
    review = ProfileReview.objects.get(profile=profile)
    assert review.state == ProfileReviewState.SUBMITTED

    client.force_login(coordinator)
    assert str(worker) in client.get(reverse("accounts:profile_reviews")).content.decode()
    client.post(reverse("accounts:profile_decide", args=[review.pk, "approve"]))
    review.refresh_from_db()
    assert review.state == ProfileReviewState.APPROVED


def test_a_return_reason_too_long_to_keep_decides_nothing(client, coordinator, territory):
    review = submitted(WorkerProfileFactory(territory=territory))
    client.force_login(coordinator)
    url = reverse("accounts:profile_decide", args=[review.pk, "return"])

    response = client.post(url, {"reason": "x" * 2001}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "Why (for a return): Ensure this value has at most 2000 characters (it has 2001)."
    ]
    review.refresh_from_db()
    assert review.state == ProfileReviewState.SUBMITTED


def test_a_coordinator_of_another_territory_sees_no_profile_and_cannot_decide(client, territory):
    review = submitted(WorkerProfileFactory(territory=territory))
    stranger = member_with_role(Role.COORDINATOR, territory=TerritoryFactory())
    client.force_login(stranger)
    assert (
        str(review.profile.user)
        not in client.get(reverse("accounts:profile_reviews")).content.decode()
    )
    url = reverse("accounts:profile_decide", args=[review.pk, "approve"])
    assert client.post(url).status_code == 404
    review.refresh_from_db()
    assert review.state == ProfileReviewState.SUBMITTED


def test_the_reviews_page_costs_the_same_whatever_the_number_of_profiles(
    client, coordinator, territory, django_assert_max_num_queries
):
    for _ in range(6):
        submitted(WorkerProfileFactory(territory=territory))
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:profile_reviews")).status_code == 200


@pytest.mark.parametrize(
    ("name", "fields"),
    [
        (
            "accounts:organisation_register",
            ["name", "siret", "kind", "is_public_buyer", "address", "commune", "email"],
        ),
        ("accounts:invitations", ["email", "role", "scope"]),
        ("accounts:territory_create", ["kind", "code"]),
        (
            "accounts:worker_profile",
            ["step", "home_commune", "travel_mode", "max_km", "wished_hours", "max_hours"],
        ),
    ],
)
def test_no_input_gets_a_server_error(client, territory, coordinator, school, buyer, name, fields):
    worker = member_with_role(Role.WORKER, territory=territory)
    users = {"coordinator": coordinator, "buyer": buyer, "worker": worker, "nobody": UserFactory()}
    post_as_every_role(
        client,
        url=reverse(name),
        users=users,
        roles=users,
        strategy=st.fixed_dictionaries({}, optional=dict.fromkeys(fields, values)),
        examples=15,
    )


def test_an_invitation_sent_twice_by_a_double_click_is_sent_once(client, school, buyer):
    client.force_login(buyer)
    data = {
        "email": "c@example.org",
        "role": "buyer_member",
        "scope": f"o{school.pk}",
        "idempotency_key": "0" * 32,
    }
    client.post(reverse("accounts:invitations"), data)
    client.post(reverse("accounts:invitations"), data)
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize("count", [1, 6])
def test_the_invitations_and_roles_pages_cost_the_same_whatever_their_length(
    client, coordinator, territory, school, count, django_assert_max_num_queries
):
    for n in range(count):
        invitation(by=coordinator, email=f"w{n}@example.org", role=Role.WORKER, territory=territory)
        member_with_role(Role.WORKER, territory=territory)
    client.force_login(coordinator)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("accounts:invitations")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("accounts:roles")).status_code == 200
