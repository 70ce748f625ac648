import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from maillage.notifications.kinds import SPECS, Kind
from maillage.notifications.models import EmailDelivery, Notification
from maillage.notifications.rendering import render_body, render_subject
from maillage.notifications.services import mark_all_read, mark_read, notify, unread_count
from tests.factories import UserFactory
from tests.factories.notifications import verified

pytestmark = pytest.mark.django_db


def test_every_kind_has_words_and_params():
    assert set(SPECS) == {kind.value for kind in Kind}
    assert len(Kind) == 18


def test_notify_writes_one_row_per_recipient_with_iso_dates():
    a, b = UserFactory(), UserFactory()
    rows = notify(
        recipients=[a, b, a],
        kind=Kind.PLAN_PUBLISHED,
        params={"first_date": dt.date(2026, 11, 3), "occurrences": 7},
        url="/fr/execution/",
    )
    assert len(rows) == 2
    assert Notification.objects.count() == 2
    assert EmailDelivery.objects.filter(state="pending").count() == 2
    row = Notification.objects.get(recipient=a)
    assert row.params == {"first_date": "2026-11-03", "occurrences": 7}
    assert row.read_at is None


def test_dates_render_back_in_the_active_language():
    from django.utils import translation

    params = {"first_date": "2026-11-03", "occurrences": 7}
    with translation.override("fr"):
        assert "3 novembre 2026" in render_body(Kind.PLAN_PUBLISHED, params)
    with translation.override("en"):
        assert "Nov. 3, 2026" in render_body(Kind.PLAN_PUBLISHED, params)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"first_date": dt.date(2026, 1, 1)},
        {"first_date": "soon", "occurrences": 1},
        {"first_date": dt.date(2026, 1, 1), "occurrences": 1, "extra": "x"},
    ],
)
def test_wrong_params_are_refused(params):
    with pytest.raises(ValueError):
        notify(recipients=[UserFactory()], kind=Kind.PLAN_PUBLISHED, params=params)


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/", "relative/"])
def test_links_stay_on_the_site(url):
    with pytest.raises(ValueError):
        notify(
            recipients=[UserFactory()],
            kind=Kind.CONTRACT_ACCEPTED,
            params={"worker": "Camille"},
            url=url,
        )


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        notify(recipients=[UserFactory()], kind="nonsense", params={})


def test_mark_read_only_ones_own():
    owner, stranger = UserFactory(), UserFactory()
    [row] = notify(recipients=[owner], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"})
    with pytest.raises(PermissionDenied):
        mark_read(notification=row, by=stranger)
    assert unread_count(owner) == 1
    mark_read(notification=row, by=owner)
    assert row.read_at is not None
    first = row.read_at
    mark_read(notification=row, by=owner)
    assert row.read_at == first
    assert unread_count(owner) == 0


def test_mark_all_read():
    owner, other = UserFactory(), UserFactory()
    notify(recipients=[owner, other], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"})
    notify(recipients=[owner], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Noé"})
    assert mark_all_read(user=owner) == 2
    assert unread_count(owner) == 0
    assert unread_count(other) == 1


def test_subject_is_one_line():
    subject = render_subject(Kind.QUOTE_ISSUED, {"need": "a\r\nBcc: x@y", "amount": "1"})
    assert "\n" not in subject and "\r" not in subject


def test_email_sent_after_commit(django_capture_on_commit_callbacks):
    user = verified(UserFactory())
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[user], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"})
        assert mail.outbox == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]


def test_a_rolled_back_transaction_notifies_nobody(django_capture_on_commit_callbacks):
    from django.db import transaction

    user = verified(UserFactory())
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        notify(recipients=[user], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"})
        raise RuntimeError
    assert callbacks == []
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_nobody_to_notify_writes_nothing():
    assert notify(recipients=[], kind=Kind.CONTRACT_ACCEPTED, params={"worker": "Léa"}) == []
    assert not Notification.objects.exists()


def test_an_invoice_amount_is_written_the_readers_way():
    from django.utils import translation

    params = {"number": "F-2026-0001", "amount": "186.12"}
    with translation.override("fr"):
        assert "186,12\u00a0€" in render_body(Kind.INVOICE_ISSUED, params)
    with translation.override("en"):
        assert "€186.12" in render_body(Kind.INVOICE_ISSUED, params)
    with pytest.raises(ValueError):
        notify(
            recipients=[UserFactory()],
            kind=Kind.INVOICE_ISSUED,
            params={"number": "F-1", "amount": "lots"},
        )
