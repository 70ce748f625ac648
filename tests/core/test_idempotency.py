"""A create wrapped in idempotency.once() runs once per (user, token)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from maillage.core import idempotency
from maillage.core.limits import limit
from maillage.core.models import IdempotencyKey
from maillage.people.models import Organisation
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = "0123456789abcdef0123456789abcdef"


def test_the_same_token_gives_back_what_the_first_call_created():
    user = UserFactory()
    first, created = idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    again, created_again = idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    assert (again, created, created_again) == (first, True, False)
    assert Organisation.objects.count() == 1


def test_another_user_with_the_same_token_creates_their_own():
    idempotency.once(user=UserFactory(), key=TOKEN, create=OrganisationFactory)
    idempotency.once(user=UserFactory(), key=TOKEN, create=OrganisationFactory)
    assert Organisation.objects.count() == 2


def test_without_a_token_every_call_creates():
    user = UserFactory()
    idempotency.once(user=user, key="", create=OrganisationFactory)
    idempotency.once(user=user, key="", create=OrganisationFactory)
    assert (Organisation.objects.count(), IdempotencyKey.objects.count()) == (2, 0)


def test_a_refused_create_leaves_no_token():
    def refuse():
        raise ValidationError("no")

    user = UserFactory()
    with pytest.raises(ValidationError):
        idempotency.once(user=user, key=TOKEN, create=refuse)
    assert IdempotencyKey.objects.count() == 0
    idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    assert Organisation.objects.count() == 1


def test_a_deleted_object_lets_the_token_create_again():
    user = UserFactory()
    first, _created = idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    first.delete()
    second, created = idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    assert (created, IdempotencyKey.objects.get().object_id) == (True, second.pk)


@pytest.mark.parametrize(
    ("posted", "token"),
    [
        ({"idempotency_key": TOKEN}, TOKEN),
        ({"idempotency_key": "x" * 32}, ""),
        ({"idempotency_key": TOKEN + "0"}, ""),
        ({"idempotency_key": "\x00"}, ""),
        ({}, ""),
    ],
)
def test_only_a_well_formed_token_is_used(posted, token):
    assert idempotency.token_of(posted) == token


def test_the_daily_task_forgets_only_tokens_past_their_limit(settings):
    from maillage.core.tasks import forget_old_idempotency_keys

    user = UserFactory()
    idempotency.once(user=user, key=TOKEN, create=OrganisationFactory)
    idempotency.once(user=user, key=TOKEN.replace("0", "f"), create=OrganisationFactory)
    old = timezone.now() - dt.timedelta(days=limit("idempotency_key_days") + 1)
    IdempotencyKey.objects.filter(key=TOKEN).update(created_at=old)
    assert forget_old_idempotency_keys.apply().get() == 1
    assert list(IdempotencyKey.objects.values_list("key", flat=True)) == [TOKEN.replace("0", "f")]
    assert "forget-old-idempotency-keys" in settings.CELERY_BEAT_SCHEDULE
