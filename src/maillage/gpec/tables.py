"""The GPEC tables for one audience: the same rows feed the page, the CSV, XLSX and report.

Audiences: "coordinator" sees everything of their territory (named recommendations);
"trainer" sees aggregates and anonymised recommendations; "aggregate" (union representatives,
local authorities, the public) sees aggregates only. Outside the coordinator, every count of
people under the minimum group size is hidden, and so is any figure computed from that group
(e.g. the hours offered by 3 workers); so are the complementary cells chosen by
maillage.people.privacy.suppress, without which a hidden count could be recovered by
subtraction (from a total, or from the next cumulative band). The public costs avoided are
aggregates for every audience, the coordinator included: households were promised anonymous
totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from maillage.gpec.models import JobKind
from maillage.gpec.recommendations import Gap
from maillage.gpec.supply_demand import AreaRow, SupplyDemand
from maillage.gpec.sustainability import Indicators
from maillage.people.privacy import Cell, people_cell, suppress_parts

COORDINATOR, TRAINER, AGGREGATE = "coordinator", "trainer", "aggregate"


@dataclass
class Table:
    key: str
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)  # values: str, int, float, None or Cell

    @property
    def display_rows(self) -> list[list[tuple[str, bool]]]:
        """Each value as (text, hidden): what a page shows."""
        return [
            [(_page_text(v), isinstance(v, Cell) and v.hidden) for v in row] for row in self.rows
        ]


def _page_text(value) -> str:
    """A value as a page shows it: numbers in the page's language ("8,0" in French); files
    keep raw numbers (see ``exports.py``)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return cell_text(value)
    return number_format(value, use_l10n=True)


def cell_text(value) -> str:
    """How a value reads in a page or a file (a hidden cell says so)."""
    if isinstance(value, Cell):
        if not value.hidden:
            return str(value.value)
        # A complementary cell is not a small group: saying "fewer than 5" would be false.
        return _("hidden") if value.complementary else _("fewer than 5")
    if value is None:
        return "—"
    return str(value)


def _people(count: int, audience: str) -> Cell:
    return Cell(count) if audience == COORDINATOR else people_cell(count)


def _workers(count: int, protected: Cell, audience: str) -> Cell:
    """A row's count of workers: all of it for the coordinator, else as suppressed."""
    return Cell(count) if audience == COORDINATOR else protected


def _hours_of(group: Cell, hours: float):
    """Hours offered by a group of people: hidden, the same way, with the group's count."""
    return Cell(None, complementary=group.complementary) if group.hidden else hours


def skills_table(report: SupplyDemand, audience: str) -> Table:
    table = Table(
        "skills",
        _("Supply and demand by skill and level band (hours a week)"),
        [
            _("Skill"),
            _("Levels"),
            _("Demand"),
            _("Needs"),
            _("Supply"),
            _("Workers"),
            _("Unmet after the plan"),
        ],
    )
    for row in report.skills:
        workers = _workers(row.workers, row.workers_cell, audience)
        table.rows.append(
            [
                row.skill_name,
                row.band,
                row.demand_hours,
                row.missions,
                _hours_of(workers, row.supply_hours),
                workers,
                row.unmet_hours,
            ]
        )
    return table


def areas_table(key: str, caption: str, areas: list[AreaRow], audience: str) -> Table:
    table = Table(
        key,
        caption,
        [
            _("Area"),
            _("Code"),
            _("Demand"),
            _("Needs"),
            _("Supply"),
            _("Workers"),
            _("Declared demand (diagnosis)"),
        ],
    )
    for area in areas:
        workers = _workers(area.workers, area.workers_cell, audience)
        table.rows.append(
            [
                area.name,
                area.code,
                area.demand_hours,
                area.missions,
                _hours_of(workers, area.supply_hours),
                workers,
                # Declared by the territory's structures (not people): no small cells here.
                round(area.declared_minutes / 60, 1),
            ]
        )
    return table


def months_table(report: SupplyDemand) -> Table:
    table = Table(
        "months",
        _("Demand by month (hours a week) and change month over month"),
        [_("Month"), _("Demand"), _("Needs"), _("Change (hours)"), _("Change (%)")],
    )
    for month in report.months:
        table.rows.append(
            [
                month.month,
                month.demand_hours,
                month.missions,
                None if month.change_minutes is None else round(month.change_minutes / 60, 1),
                None if month.change_ratio is None else round(month.change_ratio * 100, 1),
            ]
        )
    return table


def _percent(value) -> str | None:
    if value is None:
        return None
    return f"{number_format(float(value) * 100, decimal_pos=1, use_l10n=True)}\u00a0%"


def indicators_table(ind: Indicators, audience: str) -> Table:
    table = Table("indicators", _("Sustainability indicators"), [_("Indicator"), _("Value")])
    money, travel, cont = ind.money, ind.travel, ind.continuity
    rows = [
        (_("Share of the buyers' money paid to workers as net pay"), _percent(money.share_to_pay)),
        (
            _("… as gross pay (net pay + employee contributions)"),
            _percent(money.share_to_gross_pay),
        ),
        (
            _("… as the whole cost of employment (gross pay + employer contributions)"),
            _percent(money.share_to_employment),
        ),
        (_("Accepted quotes counted"), money.quotes),
        (
            _("Money shares computed from"),
            _("issued invoices and payroll exports")
            if money.source == "actual"
            else _("accepted quotes"),
        ),
        (_("Demand covered by the published plan"), _percent(ind.metric("coverage"))),
        (
            _("Workers at or above 24 h a week"),
            _people(ind.metric("workers_at_threshold") or 0, audience),
        ),
        (
            _("Workers wishing 24 h a week or more"),
            _people(ind.metric("workers_wishing_threshold") or 0, audience),
        ),
        (_("Km a week (published plan)"), ind.metric("km_week")),
        (_("Km a week (marketplace baseline)"), travel.baseline_km_week if travel else None),
        (_("Km avoided a week"), travel.km_avoided_vs_baseline if travel else None),
        (_("CO2 avoided a week (kg)"), travel.co2_avoided_kg if travel else None),
        (_("Income stability between the two latest plans"), _percent(cont.income_stability)),
        (_("Turnover between the two latest plans"), _percent(cont.turnover)),
    ]
    if ind.unpaid is not None:  # kept apart from paid work: never in coverage nor pay
        rows += [
            (_("Paid hours (accepted quotes)"), ind.unpaid.paid_hours),
            (_("Sponsored hours (skills sponsorship)"), ind.unpaid.sponsored_hours),
            (_("Volunteered hours"), ind.unpaid.volunteered_hours),
            (_("Unpaid share of the hours"), _percent(ind.unpaid.unpaid_share)),
        ]
    table.rows = [[label, value] for label, value in rows]
    return table


def scales_table(result: dict | None, audience: str) -> Table:
    table = Table(
        "scales",
        _("Intervention-scale diagnosis: the same demand planned at each scale"),
        [
            _("Scale"),
            _("Areas planned"),
            _("Coverage"),
            _("Workers at or above 24 h"),
            _("Active workers"),
            _("Km a week"),
        ],
    )
    labels = {"commune": _("Commune"), "epci": _("EPCI"), "departement": _("Département")}
    for scale, figures in (result or {}).items():
        if scale not in labels:
            continue
        at_threshold, active = figures["workers_at_threshold"], figures["active_workers"]
        if audience == COORDINATOR:
            at_threshold_cell, active_cell = Cell(at_threshold), Cell(active)
        else:
            # The active workers under 24 h (active minus at threshold) are a group too.
            (at_threshold_cell,), active_cell = suppress_parts([at_threshold], total=active)
        table.rows.append(
            [
                labels[scale],
                f"{figures['areas_planned']} / {figures['areas']}",
                _percent(figures["coverage"]),
                at_threshold_cell,
                active_cell,
                figures["km_week"],
            ]
        )
    return table


def recommendations_table(gaps: list[Gap], audience: str) -> Table:
    headers = [
        _("Skill"),
        _("Level required"),
        _("Unmet hours a week"),
        _("Training"),
        _("Training hours"),
        _("Typical provider"),
    ]
    if audience == COORDINATOR:
        table = Table(
            "recommendations",
            _("Training recommendations: the workers closest to each gap"),
            [*headers, _("Worker"), _("Current level"), _("Km to the need"), _("Hours offered")],
        )
        for gap in gaps:
            base = [
                gap.skill.name,
                gap.level,
                gap.weekly_hours,
                str(gap.training.name),
                gap.training.hours,
                str(gap.training.provider_kind),
            ]
            if not gap.candidates:
                table.rows.append([*base, _("nobody one level away"), None, None, None])
            for candidate in gap.candidates:
                table.rows.append(
                    [
                        *base,
                        str(candidate.worker),
                        candidate.current_level,
                        candidate.km,
                        candidate.available_hours,
                    ]
                )
        return table
    table = Table(
        "recommendations",
        _("Training recommendations (anonymised)"),
        [*headers, _("Workers one level away")],
    )
    for gap in gaps:
        table.rows.append(
            [
                gap.skill.name,
                gap.level,
                gap.weekly_hours,
                str(gap.training.name),
                gap.training.hours,
                str(gap.training.provider_kind),
                people_cell(gap.candidates_total),
            ]
        )
    return table


def public_costs_table(result: dict | None, audience: str) -> Table:
    table = Table(
        "public_costs",
        _("Public costs avoided (RSA and prime d'activité, consenting households, a month)"),
        [_("Figure"), _("Value")],
    )
    if not result or not result.get("households"):
        return table
    # For every audience: one household's benefits are nobody else's business, even the
    # coordinator's (the worker consented to anonymous totals only).
    households = people_cell(result["households"])

    def euros(key: str) -> Cell | Decimal:
        # Stored as text in the job's JSON result; a number again for the exports.
        return Cell(None) if households.hidden else Decimal(result[key])

    table.rows = [
        [_("Consenting households"), households],
        [_("Month computed"), result["month"]],
        [_("Benefits before (€ a month)"), euros("benefits_before")],
        [_("Benefits after (€ a month)"), euros("benefits_after")],
        [_("Avoided (€ a month)"), euros("avoided_per_month")],
    ]
    return table


JOB_TABLES = {JobKind.DIAGNOSIS: "scales", JobKind.PUBLIC_COSTS: "public_costs"}
