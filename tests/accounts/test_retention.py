"""manage.py purge_expired_data: what is past its duration goes, the rest stays."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from maillage.accounts.models import Invitation
from maillage.notifications.models import Notification
from maillage.people.models import Role
from tests.factories import NotificationFactory
from tests.factories.accounts import invitation

pytestmark = [pytest.mark.django_db]


def test_old_invitations_and_notifications_are_purged_recent_ones_stay(school, buyer):
    old, _ = invitation(
        by=buyer, email="old@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    recent, _ = invitation(
        by=buyer, email="new@example.org", role=Role.BUYER_MEMBER, organisation=school
    )
    long_ago = timezone.now() - dt.timedelta(days=200)
    Invitation.objects.filter(pk=old.pk).update(
        created_at=long_ago, expires_at=long_ago + dt.timedelta(days=14)
    )
    NotificationFactory(created_at=timezone.now() - dt.timedelta(days=400))
    kept = NotificationFactory()
    out = StringIO()
    call_command("purge_expired_data", stdout=out)
    assert list(Invitation.objects.values_list("pk", flat=True)) == [recent.pk]
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]
    assert "invitations: 1" in out.getvalue()
    assert "notifications: 1" in out.getvalue()
