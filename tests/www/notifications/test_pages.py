"""The inbox, its links, the preferences page and the email confirmation."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maillage.notifications.kinds import Kind
from maillage.notifications.models import EmailPreference, Notification
from maillage.notifications.services import email_choices, language_of
from maillage.notifications.verification import address_verified
from tests.factories import UserFactory
from tests.factories.notifications import NotificationFactory, verified

pytestmark = pytest.mark.django_db


def test_the_inbox_lists_ones_own_newest_first_unread_marked(client, people):
    worker = people["worker"]
    old = NotificationFactory(recipient=worker, read=True, params={"need": "Ancien", "amount": "1"})
    new = NotificationFactory(recipient=worker, params={"need": "Nouveau <b>", "amount": "2"})
    NotificationFactory(recipient=people["stranger"], params={"need": "Secret", "amount": "3"})
    client.force_login(worker)
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Nouveau") < html.index("Ancien")
    assert "Secret" not in html
    assert "Nouveau &lt;b&gt;" in html
    assert reverse("notifications:open", args=[new.pk]) in html
    assert reverse("notifications:open", args=[old.pk]) in html
    assert html.count("notification-unread") == 1
    # the header counts the unread one
    assert re.search(r"1 unread|1 non lue", html)


def test_the_inbox_costs_the_same_whatever_its_length(client, django_assert_max_num_queries):
    user = UserFactory()
    NotificationFactory.create_batch(40, recipient=user)
    client.force_login(user)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 200
    assert response.content.decode().count('<li class="notification') == 25
    response = client.get(reverse("notifications:inbox") + "?page=2")
    assert response.content.decode().count('<li class="notification') == 15


def test_opening_marks_read_and_follows_the_link_in_the_readers_language(client):
    user = UserFactory()
    row = NotificationFactory(recipient=user, url="/fr/notifications/preferences/")
    client.force_login(user)
    with translation.override("en"):
        response = client.get(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/en/notifications/preferences/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_a_notification_without_link_opens_the_inbox(client):
    row = NotificationFactory(url="")
    client.force_login(row.recipient)
    response = client.get(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("notifications:inbox")


@pytest.mark.parametrize("who", ["stranger", "coordinator", "buyer_member"])
def test_someone_elses_notification_answers_404(client, people, who):
    row = NotificationFactory(recipient=people["worker"])
    client.force_login(people[who])
    response = client.get(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    row = NotificationFactory()
    for url in (
        reverse("notifications:inbox"),
        reverse("notifications:open", args=[row.pk]),
        reverse("notifications:preferences"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("home:login") in response["Location"]


def test_mark_all_read_marks_only_ones_own(client):
    user, other = UserFactory(), UserFactory()
    NotificationFactory.create_batch(3, recipient=user)
    NotificationFactory(recipient=other)
    client.force_login(user)
    assert client.get(reverse("notifications:read_all")).status_code == 405
    response = client.post(reverse("notifications:read_all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1


def test_preferences_show_the_kinds_of_ones_roles(client, people):
    client.force_login(people["worker"])
    response = client.get(reverse("notifications:preferences"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="email_plan_published"' in html
    assert 'name="email_contract_proposed"' in html
    assert 'name="email_quote_issued"' not in html
    client.force_login(people["buyer_member"])
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert 'name="email_quote_issued"' in html
    assert 'name="email_plan_published"' not in html


def test_saving_preferences_records_choices_and_language(client, people):
    worker = people["worker"]
    client.force_login(worker)
    # plan_published unticked, contract_proposed ticked; others of the worker unticked
    response = client.post(
        reverse("notifications:preferences"),
        {"email_contract_proposed": "on", "language": "en"},
    )
    assert response.status_code == 302
    choices = email_choices(worker)
    assert choices[Kind.PLAN_PUBLISHED] is False
    assert choices[Kind.CONTRACT_PROPOSED] is True
    # a kind not shown to the worker keeps its default
    assert not EmailPreference.objects.filter(user=worker, kind=Kind.QUOTE_ISSUED).exists()
    assert language_of(worker) == "en"


def test_a_bad_language_is_refused_with_400(client, people):
    client.force_login(people["worker"])
    response = client.post(reverse("notifications:preferences"), {"language": "xx"})
    assert response.status_code == 400
    assert not EmailPreference.objects.exists()


def test_the_preferences_say_whether_the_address_is_verified(client):
    user = UserFactory()
    client.force_login(user)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert reverse("notifications:send_verification") in html
    verified(user)
    html = client.get(reverse("notifications:preferences")).content.decode()
    assert reverse("notifications:send_verification") not in html


def test_an_address_is_verified_by_following_the_link(client):
    user = UserFactory(email="lea@example.org")
    client.force_login(user)
    response = client.post(reverse("notifications:send_verification"))
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["lea@example.org"]
    link = re.search(r"https?://\S+/notifications/confirm-email/\S+/", message.body).group(0)
    path = link.split("testserver", 1)[1]
    # pressed again at once: no second email
    client.post(reverse("notifications:send_verification"))
    assert len(mail.outbox) == 1
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "lea@example.org" in page.content.decode()
    assert not address_verified(user)
    response = client.post(path)
    assert response.status_code == 302
    assert address_verified(user)


def test_a_forged_confirmation_link_verifies_nothing(client):
    user = UserFactory()
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)
    response = client.get(reverse("notifications:confirm_email", args=["forged:key"]))
    assert response.status_code == 200
    response = client.post(reverse("notifications:confirm_email", args=["forged:key"]))
    assert response.status_code == 404
    assert not address_verified(user)


def test_quote_issued_and_accepted_notify_buyers_then_coordinators(
    people, django_capture_on_commit_callbacks
):
    from tests.factories import MissionFactory, QuoteFactory

    buyer = people["buyer_member"]
    verified(buyer)
    mission = MissionFactory(buyer=buyer.memberships.get().organisation, fixed=True)
    with django_capture_on_commit_callbacks(execute=True):
        quote = QuoteFactory(mission=mission)
    issued = Notification.objects.get(kind=Kind.QUOTE_ISSUED)
    assert issued.recipient == buyer
    assert issued.params["need"] == mission.title
    assert issued.url == reverse("pricing:quote_detail", args=[quote.pk])
    assert [m.to for m in mail.outbox] == [[buyer.email]]
    assert not Notification.objects.filter(recipient=people["other_buyer"]).exists()

    from maillage.pricing.services import accept_quote

    with django_capture_on_commit_callbacks(execute=True):
        accept_quote(quote=quote, by=buyer)
    accepted = Notification.objects.get(kind=Kind.QUOTE_ACCEPTED)
    assert accepted.recipient == people["coordinator"]
    assert accepted.params == {"need": mission.title, "organisation": mission.buyer.name}
    assert not Notification.objects.filter(recipient=people["other_coordinator"]).exists()


@settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    data=st.dictionaries(
        st.one_of(
            st.sampled_from(["language", *(f"email_{kind.value}" for kind in Kind)]),
            st.text(max_size=12),
        ),
        st.one_of(
            st.text(max_size=300),
            st.sampled_from(["fr", "en", "on", "", "\x00", "x" * 5000]),
            st.lists(st.text(max_size=5), min_size=2, max_size=3),
        ),
        max_size=8,
    )
)
def test_no_preferences_input_gets_a_server_error(client, people, data):
    from django.db import transaction

    for who in ("worker", "buyer_member", "coordinator", "stranger"):
        client.force_login(people[who])
        savepoint = transaction.savepoint()
        try:
            response = client.post(reverse("notifications:preferences"), data)
        finally:
            transaction.savepoint_rollback(savepoint)
        assert response.status_code in {302, 400}, (who, data)
