"""Union representatives, trainers, tiers-lieux: aggregated, anonymised figures only."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from maillage.gpec import overview as aggregates
from maillage.gpec.access import OVERVIEW_ROLES, overview_territories
from maillage.www.utils.access import role_required
from maillage.www.utils.requests import SignedInRequest


@role_required(*OVERVIEW_ROLES)
def union_home(request: SignedInRequest) -> HttpResponse:
    territories = list(overview_territories(request.user))
    overviews = [aggregates.territory_overview(territory=t) for t in territories]
    return render(request, "overview/home.html", {"overviews": overviews})
