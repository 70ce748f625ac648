"""/api/v1/quotes/: a need's quotes (read, accept, refuse, PDF)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers  # type: ignore[import-untyped]
from rest_framework.exceptions import PermissionDenied  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.api.v1.common import TEXT_MAX, file_response, found, read_filters
from maillage.missions.models import MissionKind
from maillage.pricing import services
from maillage.pricing.access import can_accept_quote, can_refuse_quote, quotes_visible_to
from maillage.pricing.models import Quote, QuoteState
from maillage.pricing.pdf import quote_pdf
from maillage.pricing.selectors import visible_quote
from maillage.tokens.models import Scope

MONEY = {"max_digits": 12, "decimal_places": 2}


class QuoteOut(serializers.Serializer):
    id = serializers.IntegerField()
    need = serializers.IntegerField(source="mission_id")
    number = serializers.IntegerField()
    state = serializers.ChoiceField(choices=QuoteState.choices)
    kind = serializers.ChoiceField(choices=MissionKind.choices)
    band = serializers.CharField()
    charter = serializers.IntegerField(source="charter_id")
    hourly_gross = serializers.DecimalField(**MONEY)
    floor_hourly_gross = serializers.DecimalField(**MONEY)
    working_weeks = serializers.DecimalField(max_digits=6, decimal_places=2)
    delivered_hours = serializers.DecimalField(**MONEY)
    preparation_hours = serializers.DecimalField(**MONEY)
    travel_hours = serializers.DecimalField(**MONEY)
    travel_km = serializers.DecimalField(**MONEY)
    paid_hours = serializers.DecimalField(**MONEY)
    gross_pay = serializers.DecimalField(**MONEY)
    net_pay = serializers.DecimalField(**MONEY)
    employee_contributions = serializers.DecimalField(**MONEY)
    employer_contributions = serializers.DecimalField(**MONEY)
    overhead = serializers.DecimalField(**MONEY)
    mileage_allowance = serializers.DecimalField(**MONEY)
    cooperative_fee = serializers.DecimalField(**MONEY)
    price = serializers.DecimalField(**MONEY, help_text="euros, excluding VAT")
    issued_at = serializers.DateTimeField()


class QuoteFilter(serializers.Serializer):
    state = serializers.ChoiceField(choices=QuoteState.choices, required=False)
    need = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)


class RefusalIn(serializers.Serializer):
    reason = serializers.CharField(
        max_length=TEXT_MAX, required=False, allow_blank=True, default=""
    )


def _quote(request, pk: int) -> Quote:
    return found(visible_quote(request.user, pk))


@extend_schema_view(
    get=extend_schema(
        summary="Quotes of the needs the user may see", parameters=[QuoteFilter], tags=["quotes"]
    )
)
class QuoteList(generics.ListAPIView):
    serializer_class = QuoteOut

    def get_queryset(self):
        filters = read_filters(QuoteFilter, self.request)
        quotes = quotes_visible_to(self.request.user)
        if "state" in filters:
            quotes = quotes.filter(state=filters["state"])
        if "need" in filters:
            quotes = quotes.filter(mission_id=filters["need"])
        return quotes.order_by("-issued_at", "-pk")


@extend_schema(summary="One quote", responses=QuoteOut, tags=["quotes"])
class QuoteDetail(APIView):
    def get(self, request, pk: int):
        return Response(QuoteOut(_quote(request, pk)).data)


@extend_schema(
    summary="Accept an issued quote (the need becomes accepted)",
    request=None,
    responses=QuoteOut,
    tags=["quotes"],
)
class QuoteAccept(APIView):
    write_scope = Scope.QUOTES

    def post(self, request, pk: int):
        quote = _quote(request, pk)
        if not can_accept_quote(request.user, quote):
            raise PermissionDenied(_("Only a buyer of the need's organisation answers a quote."))
        return Response(QuoteOut(services.accept_quote(quote=quote, by=request.user)).data)


@extend_schema(
    summary="Refuse an issued quote (the need goes back to draft)",
    request=RefusalIn,
    responses=QuoteOut,
    tags=["quotes"],
)
class QuoteRefuse(APIView):
    write_scope = Scope.QUOTES

    def post(self, request, pk: int):
        quote = _quote(request, pk)
        if not can_refuse_quote(request.user, quote):
            raise PermissionDenied(_("Only a buyer of the need's organisation answers a quote."))
        serializer = RefusalIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        refused = services.refuse_quote(
            quote=quote, by=request.user, reason=serializer.validated_data["reason"]
        )
        return Response(QuoteOut(refused).data)


@extend_schema(
    summary="The quote as a PDF, in the request's language",
    responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    tags=["quotes"],
)
class QuotePdf(APIView):
    def get(self, request, pk: int):
        quote = _quote(request, pk)
        return file_response(
            quote_pdf(quote, language=get_language()),
            content_type="application/pdf",
            filename=f"quote-{quote.mission_id}-{quote.number}.pdf",
        )
