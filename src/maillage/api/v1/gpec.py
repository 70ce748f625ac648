"""/api/v1/gpec/: the GPEC tables and indicators of a territory, for the user's audience.

The tables are the domain's (maillage.gpec.tables): outside coordinators, every group under
the minimum size and every complementary cell comes out hidden (``"hidden": true``, no value).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import generics, serializers  # type: ignore[import-untyped]
from rest_framework.response import Response  # type: ignore[import-untyped]
from rest_framework.views import APIView  # type: ignore[import-untyped]

from maillage.api.v1.common import found, read_filters
from maillage.gpec.access import dashboard_territories, gpec_audience
from maillage.gpec.recommendations import skill_gaps
from maillage.gpec.selectors import dashboard_territory
from maillage.gpec.supply_demand import supply_and_demand
from maillage.gpec.sustainability import indicators
from maillage.gpec.tables import (
    AGGREGATE,
    Table,
    areas_table,
    cell_text,
    indicators_table,
    months_table,
    recommendations_table,
    skills_table,
)
from maillage.people.privacy import Cell

TABLES = ("skills", "epcis", "communes", "months", "indicators", "recommendations")


class TerritoryOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    audience = serializers.SerializerMethodField()

    def get_audience(self, territory) -> str:
        return gpec_audience(self.context["request"].user, territory) or ""


@extend_schema_field({"type": ["string", "number", "boolean", "null"]})
class CellValue(serializers.JSONField):
    """A cell's value: a number, a text, or null when hidden or empty."""


CellOut = inline_serializer(
    "GpecCell",
    {
        "text": serializers.CharField(),
        "value": CellValue(allow_null=True),
        "hidden": serializers.BooleanField(),
    },
)
TableOut = inline_serializer(
    "GpecTable",
    {
        "key": serializers.CharField(),
        "caption": serializers.CharField(),
        "headers": serializers.ListField(child=serializers.CharField()),
        "rows": serializers.ListField(child=serializers.ListField(child=CellOut)),
    },
)
TablesOut = inline_serializer(
    "GpecTables",
    {
        "territory": serializers.CharField(),
        "audience": serializers.CharField(),
        "tables": serializers.ListField(child=TableOut),
    },
)


class TablesQuery(serializers.Serializer):
    table = serializers.ChoiceField(choices=TABLES, required=False, help_text="one table only")


def _cell(value) -> dict:
    """A value as JSON: a hidden cell has no value, only its text ("fewer than 5")."""
    if isinstance(value, Cell):
        return {"text": cell_text(value), "value": value.value, "hidden": value.hidden}
    if isinstance(value, Decimal):
        return {"text": str(value), "value": str(value), "hidden": False}
    if isinstance(value, bool | int | float) or value is None:
        return {"text": cell_text(value), "value": value, "hidden": False}
    return {"text": cell_text(value), "value": str(value), "hidden": False}


def _table(table: Table) -> dict:
    return {
        "key": table.key,
        "caption": str(table.caption),
        "headers": [str(h) for h in table.headers],
        "rows": [[_cell(v) for v in row] for row in table.rows],
    }


def _tables(territory, audience: str, wanted: str) -> list[Table]:
    """The tables asked for, each computed only when asked (the report is not cheap)."""
    tables: list[Table] = []
    if wanted in ("", "skills", "epcis", "communes", "months"):
        report = supply_and_demand(territory=territory)
        if wanted in ("", "skills"):
            tables.append(skills_table(report, audience))
        if wanted in ("", "epcis"):
            tables.append(
                areas_table(
                    "epcis", _("Supply and demand by EPCI (hours a week)"), report.epcis, audience
                )
            )
        if wanted in ("", "communes"):
            tables.append(
                areas_table(
                    "communes",
                    _("Supply and demand by commune (hours a week)"),
                    report.communes,
                    audience,
                )
            )
        if wanted in ("", "months"):
            tables.append(months_table(report))
    if wanted in ("", "indicators"):
        tables.append(indicators_table(indicators(territory=territory), audience))
    if wanted in ("", "recommendations") and audience != AGGREGATE:
        tables.append(recommendations_table(skill_gaps(territory=territory), audience))
    return tables


@extend_schema_view(
    get=extend_schema(summary="Territories whose GPEC tables the user may read", tags=["gpec"])
)
class GpecTerritories(generics.ListAPIView):
    serializer_class = TerritoryOut

    def get_queryset(self):
        return dashboard_territories(self.request.user).order_by("name", "pk")


@extend_schema(
    summary="GPEC tables and indicators of a territory (small cells suppressed)",
    parameters=[TablesQuery],
    responses=TablesOut,
    tags=["gpec"],
)
class GpecTables(APIView):
    def get(self, request, slug: str):
        query = read_filters(TablesQuery, request)
        territory = found(dashboard_territory(request.user, slug))
        audience = found(gpec_audience(request.user, territory))
        tables = _tables(territory, audience, query.get("table", ""))
        return Response(
            {
                "territory": territory.slug,
                "audience": audience,
                "tables": [_table(t) for t in tables],
            }
        )
