"""The demo: its logins' addresses verified, and building it emails nobody."""

import pytest
from django.core import mail

from maillage.demo.builder import DEMO_ACCOUNTS, build_demo
from maillage.demo.context import DEMO_EMAIL_DOMAIN
from maillage.demo.notifications import build_notifications
from maillage.notifications.kinds import Kind
from maillage.notifications.models import DeliveryState, EmailDelivery, SkipReason
from maillage.notifications.services import notify
from maillage.notifications.verification import address_verified
from maillage.people.models import User
from tests.demo.conftest import gironde_communes  # noqa: F401 (a fixture)
from tests.factories import UserFactory
from tests.factories.notifications import verified

pytestmark = pytest.mark.django_db


def test_the_builds_emails_are_history_and_others_are_untouched(
    django_capture_on_commit_callbacks,
):
    login = UserFactory(email=f"someone@{DEMO_EMAIL_DOMAIN}")
    outsider = verified(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[login, outsider], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"})
        build_notifications([login])
    assert address_verified(login)
    closed = EmailDelivery.objects.get(notification__recipient=login)
    assert (closed.state, closed.reason) == (DeliveryState.SKIPPED, SkipReason.DEMO_HISTORY)
    assert [message.to for message in mail.outbox] == [[outsider.email]]
    assert login.notifications.count() == 1


@pytest.mark.usefixtures("gironde_communes")
def test_building_the_demo_prints_no_email_and_verifies_the_logins(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        build_demo(seed=7)
    assert mail.outbox == []
    assert not EmailDelivery.objects.filter(state=DeliveryState.PENDING).exists()
    logins = User.objects.filter(email__in=[account.email for account in DEMO_ACCOUNTS])
    assert logins.count() == len(DEMO_ACCOUNTS)
    assert all(address_verified(user) for user in logins)
    # the buyer login finds the quotes of their needs in the inbox
    buyer = logins.get(email=next(a.email for a in DEMO_ACCOUNTS if a.key == "buyer"))
    assert buyer.notifications.filter(kind=Kind.QUOTE_ISSUED).exists()
