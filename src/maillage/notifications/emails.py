"""Send the email of one notification: decide, render in the recipient's language, send.

Called by the background task (``tasks.py``) with a delivery id. A delivery is claimed under
a row lock and only while pending, so a task delivered twice sends one email. An email goes
only to a verified address of an active account whose owner wants that kind; otherwise the
delivery is closed as skipped with the reason. A failure to send leaves the delivery pending
for another attempt, until `max_attempts()` attempts have failed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from maillage.notifications.models import (
    ERROR_LENGTH,
    DeliveryState,
    EmailDelivery,
    SkipReason,
)
from maillage.notifications.rendering import localised_url, render_body, render_subject
from maillage.notifications.services import language_of, wants_email
from maillage.notifications.verification import address_verified

logger = logging.getLogger(__name__)


def max_attempts() -> int:
    return int(getattr(settings, "MAILLAGE_EMAIL_MAX_ATTEMPTS", 3))


def site_url() -> str:
    return str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")


@dataclass(frozen=True)
class Email:
    subject: str
    text: str
    html: str


def render_email(delivery: EmailDelivery, language: str) -> Email:
    """The subject, plain text and HTML of a delivery's email, in `language`."""
    notification = delivery.notification
    with translation.override(language):
        subject = render_subject(notification.kind, notification.params)
        context = {
            "subject": subject,
            "body": render_body(notification.kind, notification.params),
            "link": f"{site_url()}{localised_url(notification.url, language)}"
            if notification.url
            else "",
            "preferences_link": f"{site_url()}{reverse('notifications:preferences')}",
            "recipient_name": notification.recipient.get_short_name(),
            "language": language,
        }
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    return Email(subject=subject, text=text, html=html)


def _skip_reason(delivery: EmailDelivery) -> str:
    user = delivery.notification.recipient
    if not user.is_active:
        return SkipReason.INACTIVE
    if not user.email:
        return SkipReason.NO_ADDRESS
    if not address_verified(user):
        return SkipReason.NOT_VERIFIED
    if not wants_email(user, delivery.notification.kind):
        return SkipReason.OPTED_OUT
    return ""


def deliver(delivery_id: int) -> str:
    """Decide and send one delivery; its state afterwards (a pending one may be retried)."""
    with transaction.atomic():
        delivery = (
            EmailDelivery.objects.select_for_update(of=("self",))
            .select_related("notification__recipient")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state != DeliveryState.PENDING:
            return delivery.state if delivery else ""
        reason = _skip_reason(delivery)
        if reason:
            delivery.state = DeliveryState.SKIPPED
            delivery.reason = reason
            delivery.save(update_fields=["state", "reason"])
            return delivery.state
        user = delivery.notification.recipient
        language = language_of(user)
        delivery.attempts += 1
        delivery.address = user.email
        delivery.language = language
        try:
            email = render_email(delivery, language)
            message = EmailMultiAlternatives(
                subject=email.subject,
                body=email.text,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
            )
            message.attach_alternative(email.html, "text/html")
            message.send()
        except Exception as error:  # the SMTP server, a template: any failure is retried
            logger.warning("Email of delivery %s failed: %s", delivery.pk, error)
            delivery.last_error = f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
            if delivery.attempts >= max_attempts():
                delivery.state = DeliveryState.FAILED
        else:
            delivery.state = DeliveryState.SENT
            delivery.sent_at = timezone.now()
            delivery.last_error = ""
        delivery.save(
            update_fields=["state", "attempts", "address", "language", "last_error", "sent_at"]
        )
        return delivery.state
