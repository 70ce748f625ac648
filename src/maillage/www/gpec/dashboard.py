"""Everything the GPEC pages show for one territory and one audience."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from maillage.consolidation.models import PlanState, PlanVersion
from maillage.gpec.models import JobKind, JobStatus
from maillage.gpec.recommendations import skill_gaps
from maillage.gpec.services import latest_job
from maillage.gpec.supply_demand import SupplyDemand, supply_and_demand
from maillage.gpec.sustainability import Indicators, indicators
from maillage.gpec.tables import (
    AGGREGATE,
    COORDINATOR,
    Table,
    areas_table,
    indicators_table,
    months_table,
    public_costs_table,
    recommendations_table,
    scales_table,
    skills_table,
)
from maillage.territory.models import Territory
from maillage.www.gpec import charts


@dataclass
class Dashboard:
    territory: Territory
    audience: str
    supply_demand: SupplyDemand
    indicators: Indicators
    tables: dict[str, Table]
    charts: dict[str, str]
    diagnosis_job: object
    public_costs_job: object
    gaps: list
    # Each table as the page shows it, on screen and in the printable report: rendered once
    # with the cached board rather than on every request (the tables were most of the cost
    # of the dashboard under load, benchmarks/load/RESULTS.md).
    table_html: dict[str, dict[str, str]] = field(default_factory=dict)


def _succeeded(job):
    return job.result if job is not None and job.status == JobStatus.SUCCEEDED else None


def build_dashboard(*, territory: Territory, audience: str) -> Dashboard:
    report = supply_and_demand(territory=territory)
    ind = indicators(territory=territory)
    diagnosis = latest_job(territory=territory, kind=JobKind.DIAGNOSIS)
    costs = latest_job(territory=territory, kind=JobKind.PUBLIC_COSTS)
    tables = {
        "skills": skills_table(report, audience),
        "epcis": areas_table(
            "epcis", _("Supply and demand by EPCI (hours a week)"), report.epcis, audience
        ),
        "communes": areas_table(
            "communes", _("Supply and demand by commune (hours a week)"), report.communes, audience
        ),
        "months": months_table(report),
        "indicators": indicators_table(ind, audience),
        "scales": scales_table(_succeeded(diagnosis), audience),
        "public_costs": public_costs_table(_succeeded(costs), audience),
    }
    gaps = skill_gaps(territory=territory) if audience != AGGREGATE else []
    if audience != AGGREGATE:
        tables["recommendations"] = recommendations_table(gaps, audience)
    return Dashboard(
        territory=territory,
        audience=audience,
        supply_demand=report,
        indicators=ind,
        tables=tables,
        charts=_charts(report, tables, audience),
        diagnosis_job=diagnosis,
        public_costs_job=costs,
        gaps=gaps if audience == COORDINATOR else [],
    )


def _charts(report: SupplyDemand, tables: dict[str, Table], audience: str) -> dict[str, str]:
    demand, supply, unmet = (
        charts.Series(_("Demand"), "demand"),
        charts.Series(_("Supply"), "supply"),
        charts.Series(_("Unmet after the plan"), "unmet"),
    )
    # Charted: the skill bands somebody asks or offers (the table keeps every row).
    skill_rows = [r for r in tables["skills"].rows if r[2] or r[6] or _shown_number(r[4])]
    result: dict[str, str] = {
        "skills": charts.grouped_bars(
            ident="chart-skills",
            title=tables["skills"].caption,
            desc=_("Bars of hours a week by skill and levels; the table below gives the figures."),
            labels=[f"{_short(r[0])} {r[1]}" for r in skill_rows],
            series=[demand, supply, unmet],
            values=[[r[2], r[4] if _shown_number(r[4]) else None, r[6]] for r in skill_rows],
        ),
        "months": charts.line_chart(
            ident="chart-months",
            title=tables["months"].caption,
            desc=_("Line of the weekly demand by month; the table below gives the figures."),
            labels=[m.month for m in report.months],
            values=[m.demand_hours for m in report.months],
        ),
    }
    points = []
    hidden = {r[1] for r in tables["communes"].rows if not isinstance(r[4], float | int)}
    for area in report.communes:
        if area.latitude is None or area.longitude is None:
            continue  # the few communes without coordinates are not drawn
        points.append(
            charts.MapPoint(
                area.name,
                area.latitude,
                area.longitude,
                area.demand_hours,
                None if area.code in hidden else area.supply_hours,
            )
        )
    result["map"] = charts.territory_map(
        ident="chart-map",
        title=_("Map of demand and supply by commune"),
        desc=_(
            "Orange circles: demand; green circles: supply (hidden where fewer than 5 workers "
            "live); the table of communes gives the figures."
        ),
        points=points,
    )
    return result


def _shown_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def _short(name: str, size: int = 24) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


# An upper bound on staleness: worker availability or new needs change the aggregates too, not
# only a new published plan; they show within this many seconds.
DASHBOARD_CACHE_SECONDS = 600


def _job_stamp(job) -> str:
    return f"{job.pk}.{job.status}" if job is not None else "-"


# One build at a time per process: when the cache is cold (a new plan, a fresh worker), the
# threads asking for the dashboard at once wait for the first build instead of each running
# it, which under load multiplied a quarter-second build by the threads at work.
_build_lock = threading.Lock()


def cached_dashboard(*, territory: Territory, audience: str) -> Dashboard:
    """build_dashboard, kept in the cache per published plan: its aggregates change with it.

    The key holds the territory, the published plan version (a new version means a new key,
    so nothing needs invalidating), the language (tables and charts hold translated text), the
    audience (what is hidden differs) and the latest diagnosis and public-costs jobs (their
    results feed two tables). The jobs themselves are read fresh for their progress.
    """
    published = (
        PlanVersion.objects.filter(territory=territory, state=PlanState.PUBLISHED)
        .order_by("-period_start", "-number")
        .values_list("pk", flat=True)
        .first()
    )
    diagnosis = latest_job(territory=territory, kind=JobKind.DIAGNOSIS)
    costs = latest_job(territory=territory, kind=JobKind.PUBLIC_COSTS)
    key = ":".join(
        [
            "gpec-dashboard-2",  # 2: boards hold their rendered tables (older entries lack them)
            str(territory.pk),
            str(published or "-"),
            get_language() or "-",
            audience,
            _job_stamp(diagnosis),
            _job_stamp(costs),
        ]
    )
    board = _local_board(key)
    if board is None:
        board = cache.get(key)
        if board is None:
            with _build_lock:
                board = cache.get(key)  # built by the thread that held the lock before us?
                if board is None:
                    board = build_dashboard(territory=territory, audience=audience)
                    board.table_html = _rendered_tables(board)
                    cache.set(key, board, DASHBOARD_CACHE_SECONDS)
        _keep_local(key, board)
    # A copy per request: the cached board is shared by the process's threads, never changed.
    return dataclasses.replace(
        board, territory=territory, diagnosis_job=diagnosis, public_costs_job=costs
    )


# A second layer in the process itself: reading the board from the shared cache means
# unpickling it, which was half of the dashboard's cost under load. A board is never changed
# once built, so the process's threads share it; a local entry lives LOCAL_SECONDS, which adds
# at most that much to the staleness bound above.
LOCAL_SECONDS = 60
_LOCAL_MAX_BOARDS = 32  # territories x languages x audiences x job stamps seen recently
_local_boards: OrderedDict[str, tuple[float, Dashboard]] = OrderedDict()
_local_lock = threading.Lock()


def _local_board(key: str) -> Dashboard | None:
    with _local_lock:
        entry = _local_boards.get(key)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]


def _keep_local(key: str, board: Dashboard) -> None:
    with _local_lock:
        _local_boards[key] = (time.monotonic() + LOCAL_SECONDS, board)
        _local_boards.move_to_end(key)
        while len(_local_boards) > _LOCAL_MAX_BOARDS:
            _local_boards.popitem(last=False)


def forget_local_boards() -> None:
    """Empty the process's layer (tests: rolled-back primary keys are reused)."""
    with _local_lock:
        _local_boards.clear()


def _rendered_tables(board: Dashboard) -> dict[str, dict[str, str]]:
    """The HTML of each table, "screen" (with its download links) and "print"."""
    return {
        mode: {
            key: render_to_string(
                "gpec/_table.html", {"table": table, "board": board, "print": mode == "print"}
            )
            for key, table in board.tables.items()
        }
        for mode in ("screen", "print")
    }


def tables_html(board: Dashboard, *, print_version: bool) -> dict[str, str]:
    """The rendered tables for a page: on screen, or in the printable report."""
    return board.table_html["print" if print_version else "screen"]


__all__ = ["COORDINATOR", "Dashboard", "build_dashboard", "cached_dashboard"]
