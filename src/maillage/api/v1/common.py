"""What every resource of /api/v1/ shares: 404 for what the user may not see, filters,
idempotent creates, files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from django.db import models
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers  # type: ignore[import-untyped]

from maillage.core import idempotency

T = TypeVar("T")
M = TypeVar("M", bound=models.Model)

#: A date the API accepts: within a century around today's (years 1 or 9999 are refused).
FIRST_DATE = dt.date(1970, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)
#: Longest list of parts a request may send (skills, slots, lines...).
MAX_ITEMS = 60
#: Longest free text (a description, a reason).
TEXT_MAX = 2000

IDEMPOTENCY_HEADER = OpenApiParameter(
    name="Idempotency-Key",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description="32 hexadecimal digits; the same key sent twice creates once (a retry after "
    "a lost answer gets the first object back).",
)


def found(value: T | None) -> T:
    """The object, or 404: absent or not visible are the same answer."""
    if value is None:
        raise Http404
    return value


class BoundedDate(serializers.DateField):
    """A date between FIRST_DATE and LAST_DATE."""

    def to_internal_value(self, value):
        day = super().to_internal_value(value)
        if not FIRST_DATE <= day <= LAST_DATE:
            raise serializers.ValidationError(
                _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_DATE.isoformat(), "last": LAST_DATE.isoformat()}
            )
        return day


class PeriodFilter(serializers.Serializer):
    """``?from=YYYY-MM-DD&to=YYYY-MM-DD&state=...``: the rows of a period, in a state."""

    from_ = BoundedDate(required=False, help_text="first day (inclusive)")
    to = BoundedDate(required=False, help_text="last day (inclusive)")

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate(self, attrs):
        first, last = attrs.get("from"), attrs.get("to")
        if first and last and last < first:
            raise serializers.ValidationError({"to": _("The last day comes before the first.")})
        return attrs


def read_filters(serializer_class, request) -> dict:
    """The query's filters, validated (400 with field messages otherwise).

    A filter given empty (``?to=``) is refused, not read as absent as DRF reads an empty form
    field: the document says the parameter is a date (or one of its values), and a client
    that meant to filter must not silently get every row.
    """
    serializer = serializer_class(data=request.query_params)
    blank = {
        name: [_("Give a value, or leave the parameter out.")]
        for name, field in serializer.fields.items()
        if name in request.query_params
        and not any(request.query_params.getlist(name))
        and not getattr(field, "allow_blank", False)
    }
    if blank:
        raise serializers.ValidationError(blank)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def created_once(request, create: Callable[[], M]) -> tuple[M, bool]:
    """Run ``create`` once per Idempotency-Key (a malformed key is refused)."""
    key = request.headers.get("Idempotency-Key", "")
    if key and idempotency.token_of({idempotency.FIELD_NAME: key}) != key:
        raise serializers.ValidationError(
            {"Idempotency-Key": [_("An idempotency key is 32 hexadecimal digits.")]}
        )
    return idempotency.once(user=request.user, key=key, create=create)


def file_response(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
