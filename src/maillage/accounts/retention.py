"""What is past its duration (docs/personal-data.md), removed by `manage.py purge_expired_data`."""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailConfirmation
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from maillage.core.immutability import rewrites_allowed

from .gdpr import ERASED_DOMAIN
from .models import Invitation

INVITATION_AFTER_EXPIRY = dt.timedelta(days=90)
CONFIRMATION_LINK = dt.timedelta(days=30)
NOTIFICATION = dt.timedelta(days=365)
EMAIL_DELIVERY = dt.timedelta(days=365)
PAYROLL = dt.timedelta(days=5 * 366)


def purge_expired(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete or pseudonymise each kind of record past its duration; returns counts by kind."""
    now = now or timezone.now()
    done: dict[str, int] = {}
    with transaction.atomic():
        done["invitations"] = Invitation.objects.filter(
            accepted_at__isnull=True, expires_at__lt=now - INVITATION_AFTER_EXPIRY
        ).delete()[0]
        done["email_confirmations"] = EmailConfirmation.objects.filter(
            created__lt=now - CONFIRMATION_LINK
        ).delete()[0]
        done["sessions"] = Session.objects.filter(expire_date__lt=now).delete()[0]
        live = Session.objects.values_list("session_key", flat=True)
        done["user_sessions"] = UserSession.objects.exclude(session_key__in=live).delete()[0]
        notification = apps.get_model("notifications", "Notification")
        delivery = apps.get_model("notifications", "EmailDelivery")
        done["email_deliveries"] = delivery.objects.filter(
            created_at__lt=now - EMAIL_DELIVERY
        ).delete()[0]
        done["notifications"] = notification.objects.filter(
            created_at__lt=now - NOTIFICATION
        ).delete()[0]
    done["payroll_names"] = _pseudonymise_old_payroll(now)
    return done


def _pseudonymise_old_payroll(now: dt.datetime) -> int:
    """Names on payroll lines of erased people, once the 5 legal years are over."""
    try:
        line = apps.get_model("wages", "PayrollLine")
    except LookupError:
        return 0
    old = line.objects.filter(
        export__created_at__lt=now - PAYROLL,
        worker__user__email__endswith=f"@{ERASED_DOMAIN}",
    ).exclude(last_name="")
    with rewrites_allowed():
        return old.update(first_name="", last_name="")
