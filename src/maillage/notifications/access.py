"""Who sees which notification: each person sees and marks only their own."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from maillage.notifications.models import Notification


def notifications_visible_to(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def can_read(user: Any, notification: Notification) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and notification.recipient_id == user.pk
