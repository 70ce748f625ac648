"""The demo's onboarding step: invitations under way and a profile to approve, once."""

import pytest

from maillage.accounts.models import Invitation, ProfileReview
from maillage.demo import accounts as demo_accounts
from maillage.people.models import Role
from tests.factories import member_with_role

pytestmark = [pytest.mark.django_db]


def test_the_demo_adds_invitations_and_a_profile_to_approve_once(territory, school, buyer):
    users = {"coordinator": member_with_role(Role.COORDINATOR, territory), "buyer": buyer}
    assert demo_accounts.build(territory=territory, users=users) is True
    states = sorted(i.state for i in Invitation.objects.all())
    assert states == ["accepted", "pending", "pending", "revoked"]
    review = ProfileReview.objects.get()
    assert (review.state, review.profile.territory) == ("submitted", territory)
    assert demo_accounts.build(territory=territory, users=users) is False
    assert Invitation.objects.count() == 4
