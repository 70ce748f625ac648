"""Notifications, email preferences and verified addresses."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from maillage.notifications.kinds import Kind
from maillage.notifications.models import EmailPreference, Notification, RecipientSettings
from maillage.notifications.verification import mark_verified
from tests.factories.people import UserFactory


class NotificationFactory(DjangoModelFactory):
    """An unread "quote issued" notification in a new person's inbox."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = Kind.QUOTE_ISSUED
    params = factory.LazyFunction(lambda: {"need": "Atelier numérique", "amount": "1 234,00 €"})
    url = "/fr/"
    created_at = factory.LazyFunction(timezone.now)

    class Params:
        read = factory.Trait(read_at=factory.LazyAttribute(lambda n: n.created_at))
        plan = factory.Trait(
            kind=Kind.PLAN_PUBLISHED, params={"first_date": "2026-11-03", "occurrences": 7}
        )


class EmailPreferenceFactory(DjangoModelFactory):
    class Meta:
        model = EmailPreference

    user = factory.SubFactory(UserFactory)
    kind = Kind.QUOTE_ISSUED
    email = False


class RecipientSettingsFactory(DjangoModelFactory):
    class Meta:
        model = RecipientSettings

    user = factory.SubFactory(UserFactory)
    language = "en"


class EmailAddressFactory(DjangoModelFactory):
    """An allauth address of a person: their current one, verified (`unverified` trait)."""

    class Meta:
        model = EmailAddress

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda a: a.user.email)
    verified = True
    primary = True

    class Params:
        unverified = factory.Trait(verified=False)


def verified(user):
    """The user, their current address recorded as verified."""
    mark_verified(user)
    return user
