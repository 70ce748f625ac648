"""Emails of notifications: after commit, in the recipient's language, only when wanted."""

import datetime as dt
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from maillage.notifications import emails, tasks
from maillage.notifications.kinds import Kind
from maillage.notifications.models import DeliveryState, EmailDelivery, SkipReason
from maillage.notifications.services import notify, set_email_choices, set_language
from maillage.notifications.verification import address_verified
from tests.factories import UserFactory
from tests.factories.notifications import EmailAddressFactory, verified

pytestmark = pytest.mark.django_db

PLAN = {"first_date": dt.date(2026, 11, 3), "occurrences": 7}


def send(users, kind=Kind.PLAN_PUBLISHED, params=PLAN, url="/fr/notifications/", capture=None):
    with capture(execute=True):
        rows = notify(recipients=users, kind=kind, params=params, url=url)
    return [EmailDelivery.objects.get(notification=row) for row in rows]


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_nothing_is_sent_before_commit(capture):
    user = verified(UserFactory())
    with capture(execute=False) as callbacks:
        notify(recipients=[user], kind=Kind.PLAN_PUBLISHED, params=PLAN)
    assert mail.outbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_each_recipient_reads_their_own_language(capture, settings):
    settings.SITE_URL = "https://maillage.example"
    french = verified(UserFactory(email="lea@example.org"))
    english = verified(UserFactory(email="sam@example.org"))
    set_language(user=english, language="en")
    deliveries = send([french, english], capture=capture)
    assert {d.state for d in deliveries} == {DeliveryState.SENT}
    by_address = {message.to[0]: message for message in mail.outbox}
    fr_mail, en_mail = by_address["lea@example.org"], by_address["sam@example.org"]
    assert "3 novembre 2026" in fr_mail.body
    assert "Nov. 3, 2026" in en_mail.body
    # The link opens the page in the reader's language, on the configured site.
    assert "https://maillage.example/fr/notifications/\n" in fr_mail.body
    assert "https://maillage.example/en/notifications/\n" in en_mail.body
    assert "https://maillage.example/en/notifications/preferences/" in en_mail.body
    html, mimetype = en_mail.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="en"' in html
    assert "Nov. 3, 2026" in html
    assert [d.language for d in deliveries] == ["fr", "en"]
    assert all(d.attempts == 1 and d.sent_at is not None for d in deliveries)


def test_amounts_are_written_the_readers_way(capture):
    french, english = verified(UserFactory()), verified(UserFactory())
    set_language(user=english, language="en")
    params = {"need": "Atelier", "amount": "1234.5"}
    send([french, english], kind=Kind.QUOTE_ISSUED, params=params, url="", capture=capture)
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert "1\u00a0234,50\u00a0€" in bodies[french.email]
    assert "€1,234.50" in bodies[english.email]


def test_an_unverified_address_gets_nothing(capture):
    never = UserFactory()
    pending = UserFactory()
    EmailAddressFactory(user=pending, unverified=True)
    changed = verified(UserFactory())
    changed.email = "new-address@example.org"
    changed.save()
    deliveries = send([never, pending, changed], capture=capture)
    assert mail.outbox == []
    assert [(d.state, d.reason) for d in deliveries] == [
        (DeliveryState.SKIPPED, SkipReason.NOT_VERIFIED)
    ] * 3
    assert not address_verified(changed)


def test_a_kind_turned_off_is_not_emailed_but_stays_in_the_inbox(capture):
    user = verified(UserFactory())
    set_email_choices(user=user, choices={Kind.PLAN_PUBLISHED: False})
    [delivery] = send([user], capture=capture)
    assert mail.outbox == []
    assert (delivery.state, delivery.reason) == (DeliveryState.SKIPPED, SkipReason.OPTED_OUT)
    assert user.notifications.count() == 1


def test_a_kind_off_by_default_is_sent_once_turned_on(capture):
    user = verified(UserFactory())
    params = {"week": dt.date(2026, 11, 2), "organisation": "École"}
    [delivery] = send([user], kind=Kind.TIMESHEET_SETTLED, params=params, capture=capture)
    assert delivery.reason == SkipReason.OPTED_OUT
    set_email_choices(user=user, choices={Kind.TIMESHEET_SETTLED: True})
    [delivery] = send([user], kind=Kind.TIMESHEET_SETTLED, params=params, capture=capture)
    assert delivery.state == DeliveryState.SENT


def test_an_inactive_account_gets_nothing(capture):
    user = verified(UserFactory(is_active=False))
    [delivery] = send([user], capture=capture)
    assert (delivery.state, delivery.reason) == (DeliveryState.SKIPPED, SkipReason.INACTIVE)


def test_a_failure_is_retried_then_the_delivery_fails(capture, settings):
    settings.MAILLAGE_EMAIL_MAX_ATTEMPTS = 3
    user = verified(UserFactory())
    with mock.patch.object(
        emails.EmailMultiAlternatives, "send", side_effect=ConnectionRefusedError("down")
    ) as sending:
        [delivery] = send([user], capture=capture)
    assert sending.call_count == 3
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.FAILED
    assert delivery.attempts == 3
    assert "ConnectionRefusedError: down" in delivery.last_error


def test_a_passing_failure_is_sent_at_the_next_attempt(capture):
    user = verified(UserFactory())
    real_send = emails.EmailMultiAlternatives.send
    calls = []

    def flaky(message, *args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise TimeoutError("slow")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(emails.EmailMultiAlternatives, "send", flaky):
        [delivery] = send([user], capture=capture)
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_error) == (DeliveryState.SENT, 2, "")
    assert len(mail.outbox) == 1


def test_a_delivery_is_sent_once_however_often_the_task_runs(capture):
    user = verified(UserFactory())
    [delivery] = send([user], capture=capture)
    tasks.send_emails([delivery.pk])
    tasks.send_emails([delivery.pk, 987654])
    assert len(mail.outbox) == 1


def test_pending_deliveries_left_behind_are_picked_up(capture, settings):
    settings.MAILLAGE_SEND_NOTIFICATION_EMAILS = False  # as if the message were lost
    user = verified(UserFactory())
    [delivery] = send([user], capture=capture)
    assert delivery.state == DeliveryState.PENDING
    assert tasks.retry_pending() == 0  # too recent: its own task may still be coming
    EmailDelivery.objects.filter(pk=delivery.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert tasks.retry_pending() == 1
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.SENT


def test_hostile_text_is_escaped_in_the_html(capture):
    user = verified(UserFactory(first_name='<img src=x onerror="alert(1)">'))
    hostile = '<script>alert("x")</script> & <b>bold</b>'
    params = {"need": hostile, "organisation": "Mairie <i>"}
    send([user], kind=Kind.NEED_CANCELLED, params=params, url="", capture=capture)
    [message] = mail.outbox
    html = message.alternatives[0][0]
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;" in html
    assert "&lt;img src=x" in html
    # The plain text is text: it shows what was typed, not entities.
    assert hostile in message.body


def test_the_subject_is_one_line_whatever_the_name(capture):
    user = verified(UserFactory())
    params = {"worker": "Léa\r\nBcc: victim@example.org"}
    send([user], kind=Kind.CONTRACT_ACCEPTED, params=params, url="", capture=capture)
    [message] = mail.outbox
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.to == [user.email]
    assert message.bcc == []
