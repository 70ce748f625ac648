"""The public observatory (no sign-in): a territory's charter and its history, the decisions
of its steering with their tallies, its headline indicators; the same as open data."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language

from maillage.core.documents.tabular import csv_bytes
from maillage.governance.models import CollegeKind
from maillage.governance.observatory import (
    LICENCE,
    LICENCE_URL,
    observatory,
    open_data,
    open_data_rows,
)
from maillage.territory.models import Territory


@login_not_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "observatory/index.html",
        {"territories": Territory.objects.order_by("name")},
    )


@login_not_required
def territory(request: HttpRequest, slug: str) -> HttpResponse:
    data = observatory(get_object_or_404(Territory, slug=slug))
    decisions = [
        (
            decision,
            [
                {**c, "label": CollegeKind(c["kind"]).label, "weight": c["weight_bp"] / 100}
                for c in decision.tally.get("colleges", [])
            ],
        )
        for decision in data.decisions
    ]
    return render(
        request,
        "observatory/territory.html",
        {
            "data": data,
            "decisions": decisions,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "json_url": reverse("observatory:territory_json", args=[slug]),
            "csv_url": reverse("observatory:territory_csv", args=[slug]),
        },
    )


@login_not_required
def territory_json(request: HttpRequest, slug: str) -> HttpResponse:
    data = observatory(get_object_or_404(Territory, slug=slug))
    response = JsonResponse(open_data(data), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'inline; filename="maillage-observatory-{slug}.json"'
    return response


@login_not_required
def territory_csv(request: HttpRequest, slug: str) -> HttpResponse:
    data = observatory(get_object_or_404(Territory, slug=slug))
    response = HttpResponse(
        csv_bytes(rows=open_data_rows(data), language=get_language() or "fr"),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="maillage-observatory-{slug}.csv"'
    return response
