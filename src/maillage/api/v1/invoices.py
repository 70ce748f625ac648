"""/api/v1/invoices/: invoices and credit notes (list, read, Factur-X PDF, its XML)."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, serializers  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.api.v1.common import PeriodFilter, file_response, found, read_filters
from maillage.invoicing.access import invoices_visible_to
from maillage.invoicing.facturx import facturx_pdf, file_name, invoice_xml
from maillage.invoicing.models import DocumentKind, Invoice, InvoiceLine, InvoiceState, LineKind
from maillage.tokens.models import Scope

MONEY = {"max_digits": 12, "decimal_places": 2}


class InvoiceLineOut(serializers.Serializer):
    position = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=LineKind.choices)
    need = serializers.IntegerField(source="mission_id", allow_null=True)
    description = serializers.CharField()
    quantity = serializers.DecimalField(max_digits=10, decimal_places=2, help_text="hours")
    unit_price = serializers.DecimalField(**MONEY)
    amount = serializers.DecimalField(**MONEY)
    first_date = serializers.DateField()
    last_date = serializers.DateField()


class InvoiceOut(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    number = serializers.CharField()
    corrects = serializers.IntegerField(source="corrects_id", allow_null=True)
    territory = serializers.IntegerField(source="territory_id")
    buyer = serializers.IntegerField(source="buyer_id")
    buyer_name = serializers.CharField()
    month = serializers.DateField(help_text="first day of the month of service")
    state = serializers.ChoiceField(choices=InvoiceState.choices)
    issued_on = serializers.DateField()
    due_on = serializers.DateField()
    service_start = serializers.DateField()
    service_end = serializers.DateField()
    total_excl_tax = serializers.DecimalField(**MONEY)
    vat_rate = serializers.DecimalField(max_digits=5, decimal_places=2)
    vat_amount = serializers.DecimalField(**MONEY)
    total_incl_tax = serializers.DecimalField(**MONEY)
    lines = InvoiceLineOut(many=True)


class InvoiceFilter(PeriodFilter):
    state = serializers.ChoiceField(choices=InvoiceState.choices, required=False)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, required=False)


def _listed(queryset):
    return queryset.prefetch_related(
        Prefetch("lines", InvoiceLine.objects.order_by("position", "pk"))
    ).order_by("-issued_on", "-pk")


def _invoice(request, pk: int) -> Invoice:
    return found(_listed(invoices_visible_to(request.user)).filter(pk=pk).first())


@extend_schema_view(
    get=extend_schema(
        summary="Invoices addressed to the user's organisations, or of their territories",
        description="`from`/`to` select by issue date.",
        parameters=[InvoiceFilter],
        tags=["invoices"],
    )
)
class InvoiceList(generics.ListAPIView):
    serializer_class = InvoiceOut
    read_scope = Scope.INVOICES

    def get_queryset(self):
        filters = read_filters(InvoiceFilter, self.request)
        rows = invoices_visible_to(self.request.user)
        if "state" in filters:
            rows = rows.filter(state=filters["state"])
        if "kind" in filters:
            rows = rows.filter(kind=filters["kind"])
        if "from" in filters:
            rows = rows.filter(issued_on__gte=filters["from"])
        if "to" in filters:
            rows = rows.filter(issued_on__lte=filters["to"])
        return _listed(rows)


@extend_schema(summary="One invoice or credit note", responses=InvoiceOut, tags=["invoices"])
class InvoiceDetail(APIView):
    read_scope = Scope.INVOICES

    def get(self, request, pk: int):
        return Response(InvoiceOut(_invoice(request, pk)).data)


@extend_schema(
    summary="The invoice as a Factur-X PDF (PDF/A-3 with its EN 16931 XML inside)",
    responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY)},
    tags=["invoices"],
)
class InvoicePdf(APIView):
    read_scope = Scope.INVOICES

    def get(self, request, pk: int):
        invoice = _invoice(request, pk)
        return file_response(
            facturx_pdf(invoice), content_type="application/pdf", filename=file_name(invoice)
        )


@extend_schema(
    summary="The invoice's Factur-X XML alone (UN/CEFACT CII, EN 16931 profile)",
    responses={(200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY)},
    tags=["invoices"],
)
class InvoiceXml(APIView):
    read_scope = Scope.INVOICES

    def get(self, request, pk: int):
        invoice = _invoice(request, pk)
        return file_response(
            invoice_xml(invoice),
            content_type="application/xml",
            filename=file_name(invoice).removesuffix(".pdf") + ".xml",
        )
