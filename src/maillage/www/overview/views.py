"""Union representatives, trainers, tiers-lieux: aggregated, anonymised figures only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from maillage.gpec import overview as aggregates
from maillage.people.models import Role
from maillage.people.roles import territories_for
from maillage.www.utils.access import role_required


@role_required(Role.UNION_REP, Role.TRAINER, Role.THIRD_PLACE_MANAGER, Role.COORDINATOR)
def union_home(request: HttpRequest) -> HttpResponse:
    territories = list(
        territories_for(
            request.user,
            Role.UNION_REP,
            Role.TRAINER,
            Role.THIRD_PLACE_MANAGER,
            Role.COORDINATOR,
        )
    )
    overviews = [aggregates.territory_overview(territory=t) for t in territories]
    return render(request, "overview/home.html", {"overviews": overviews})
