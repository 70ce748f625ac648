"""Background sending of notification emails (Celery; in process when no broker is set).

`services.notify` sends `send_emails` after commit on the default queue ("celery"): emails
are not a territory's heavy computation, so they do not take a `BackgroundJob` row; the
`EmailDelivery` row is the truth instead (claimed under a lock, so a task delivered twice
sends once). `retry_pending` (beat) picks up deliveries a lost message or a failure left.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from maillage.notifications.emails import deliver, max_attempts
from maillage.notifications.models import DeliveryState, EmailDelivery


def retry_delay() -> int:
    return int(getattr(settings, "MAILLAGE_EMAIL_RETRY_SECONDS", 300))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def send_emails(delivery_ids: list[int], attempt: int = 1) -> dict[str, int]:
    """Send each pending delivery; those that failed are tried again later."""
    outcome: dict[str, int] = {}
    again: list[int] = []
    for delivery_id in delivery_ids:
        state = deliver(delivery_id)
        outcome[state] = outcome.get(state, 0) + 1
        if state == DeliveryState.PENDING:
            again.append(delivery_id)
    if again and attempt < max_attempts():
        send_emails.apply_async(
            args=(again, attempt + 1),
            countdown=retry_delay() * attempt,
            queue=settings.CELERY_TASK_DEFAULT_QUEUE,
        )
    return outcome


@shared_task
def retry_pending() -> int:
    """Send the deliveries still pending a while after their creation; how many were tried."""
    older_than = timezone.now() - dt.timedelta(seconds=retry_delay())
    ids = list(
        EmailDelivery.objects.filter(state=DeliveryState.PENDING, created_at__lt=older_than)
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    for delivery_id in ids:
        deliver(delivery_id)
    return len(ids)
