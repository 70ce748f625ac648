"""Notify people: an inbox row at once, an email after commit (see ``tasks.py``).

`notify` is called by the services of other apps inside their transaction. It writes one
`Notification` and one pending `EmailDelivery` per recipient; when the transaction commits,
a background task sends each pending email, in the recipient's language, only to a verified
address and only if the recipient wants that kind (otherwise the delivery says why not).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from maillage.notifications.access import can_read
from maillage.notifications.kinds import Kind, email_by_default, spec
from maillage.notifications.models import (
    URL_LENGTH,
    DeliveryState,
    EmailDelivery,
    EmailPreference,
    Notification,
    RecipientSettings,
)
from maillage.notifications.rendering import ParamValue, serialise

SEND_TASK = "maillage.notifications.tasks.send_emails"


def _check_url(url: str) -> str:
    if url and (not url.startswith("/") or url.startswith("//") or len(url) > URL_LENGTH):
        raise ValueError(f"A notification links to a page of this site, not {url!r}.")
    return url


def notify(
    *,
    recipients: Iterable[Any],
    kind: str,
    params: Mapping[str, ParamValue] | None = None,
    url: str = "",
) -> list[Notification]:
    """One inbox row (and one pending email) per recipient; the emails go after commit.

    `params` are raw values (names, counts, dates): the text is rendered when read, in the
    reader's language. A recipient named twice is notified once.
    """
    stored = serialise(spec(kind), params or {})
    _check_url(url)
    unique: dict[int, Any] = {}
    for user in recipients:
        unique.setdefault(user.pk, user)
    if not unique:
        return []
    now = timezone.now()
    with transaction.atomic():
        rows = Notification.objects.bulk_create(
            Notification(recipient=user, kind=kind, params=stored, url=url, created_at=now)
            for user in unique.values()
        )
        deliveries = EmailDelivery.objects.bulk_create(
            EmailDelivery(notification=row, created_at=now) for row in rows
        )
        ids = [delivery.pk for delivery in deliveries]
        transaction.on_commit(lambda: send_after_commit(ids))
    return rows


def send_after_commit(delivery_ids: list[int]) -> None:
    """Hand the deliveries to the background task (imported by name: tasks import us)."""
    if not delivery_ids or not getattr(settings, "MAILLAGE_SEND_NOTIFICATION_EMAILS", True):
        return
    task = importlib.import_module(SEND_TASK.rpartition(".")[0]).send_emails
    task.apply_async(args=[delivery_ids], queue=settings.CELERY_TASK_DEFAULT_QUEUE)


def drop_pending_emails(*, recipients: Iterable[Any], reason: str) -> int:
    """Close the pending emails of `recipients` unsent, with `reason` (the demo's build: what
    it notified is history). The inbox keeps the notifications. How many were closed."""
    return EmailDelivery.objects.filter(
        state=DeliveryState.PENDING,
        notification__recipient__in=[user.pk for user in recipients],
    ).update(state=DeliveryState.SKIPPED, reason=reason)


# The inbox ---------------------------------------------------------------------------


def mark_read(*, notification: Notification, by: Any) -> Notification:
    """Mark one of one's own notifications read (reading it twice keeps the first time)."""
    if not can_read(by, notification):
        raise PermissionDenied
    if notification.read_at is None:
        now = max(timezone.now(), notification.created_at)
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.refresh_from_db(fields=["read_at"])
    return notification


def mark_all_read(*, user: Any) -> int:
    """Mark all of one's unread notifications read; the number marked."""
    now = timezone.now()
    return Notification.objects.filter(
        recipient_id=user.pk, read_at__isnull=True, created_at__lte=now
    ).update(read_at=now)


def unread_count(user: Any) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True).count()


# What each person wants by email -------------------------------------------------------


def email_choices(user: Any) -> dict[str, bool]:
    """Every kind → whether this person gets its emails (their choice, else the default)."""
    chosen = dict(EmailPreference.objects.filter(user_id=user.pk).values_list("kind", "email"))
    return {kind.value: chosen.get(kind.value, email_by_default(kind.value)) for kind in Kind}


def wants_email(user: Any, kind: str) -> bool:
    chosen = (
        EmailPreference.objects.filter(user_id=user.pk, kind=kind)
        .values_list("email", flat=True)
        .first()
    )
    return email_by_default(kind) if chosen is None else chosen


def set_email_choices(*, user: Any, choices: Mapping[str, bool]) -> None:
    """Record the person's choice for each kind given (kinds not given keep theirs)."""
    for kind in choices:
        spec(kind)
    with transaction.atomic():
        for kind, wanted in choices.items():
            EmailPreference.objects.update_or_create(
                user_id=user.pk, kind=kind, defaults={"email": bool(wanted)}
            )


def language_of(user: Any, *, default: str | None = None) -> str:
    """The language a person reads their emails in: their choice, else `default` (else the
    site's language)."""
    chosen = (
        RecipientSettings.objects.filter(user_id=user.pk).values_list("language", flat=True).first()
    )
    return chosen or default or settings.LANGUAGE_CODE


def set_language(*, user: Any, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"Unknown language {language!r}.")
    RecipientSettings.objects.update_or_create(user_id=user.pk, defaults={"language": language})
