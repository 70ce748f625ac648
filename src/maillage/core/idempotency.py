"""Create operations safe against a double click: a form's token, used once per user.

The page renders a fresh token in a hidden field (``{% idempotency_input %}``); the view
wraps its create service in ``once()``. The token row and the created object are written in
one transaction: a second post of the same token waits for the first, then finds what it
created; a refused first post leaves no token behind, so the corrected form can be sent.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from maillage.core.limits import limit
from maillage.core.models import IdempotencyKey

FIELD_NAME = "idempotency_key"
_TOKEN = re.compile(r"^[0-9a-f]{32}$")

M = TypeVar("M", bound=models.Model)


def new_token() -> str:
    """A fresh token for a create form."""
    return uuid.uuid4().hex


def token_of(data) -> str:
    """The well-formed token posted in ``data``, or "" (no token: an ordinary create)."""
    value = data.get(FIELD_NAME, "") if data is not None else ""
    return value if isinstance(value, str) and _TOKEN.match(value) else ""


def _previous(row: IdempotencyKey) -> models.Model | None:
    if row.content_type is None or row.object_id is None:
        return None
    model = row.content_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=row.object_id).first()


def once(*, user, key: str, create: Callable[[], M]) -> tuple[M, bool]:
    """Run ``create`` once per (user, token): (the object, True) the first time, (the object
    the first call created, False) after. Without a token or an anonymous user, just create.
    """
    if not key or user is None or not user.is_authenticated:
        return create(), True
    with transaction.atomic():
        try:
            with transaction.atomic():  # a savepoint: the duplicate insert is caught below
                row = IdempotencyKey.objects.create(user=user, key=key)
        except IntegrityError:
            # The first post holds the token (committed, or waited for by the unique index).
            row = IdempotencyKey.objects.select_for_update().get(user=user, key=key)
            found = _previous(row)
            if found is not None:
                return found, False  # type: ignore[return-value]
        created = create()
        row.content_type = ContentType.objects.get_for_model(created)
        row.object_id = created.pk
        row.save(update_fields=["content_type", "object_id"])
    return created, True


def forget_old(*, now: dt.datetime | None = None) -> int:
    """Delete tokens older than the limit (a resent form after a week is a new request)."""
    days = limit("idempotency_key_days")
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    deleted, _rows = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted
