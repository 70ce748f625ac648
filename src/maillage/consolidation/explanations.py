"""Readable, translated reasons for a plan's choices, built from the engine's facts.

The engine explains in codes and numbers; the platform words them in the reader's language,
with no internal identifiers and without assuming anybody's gender.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from maillage.core.formatting import format_duration
from maillage.skills.models import Skill


def assignment_facts(
    *,
    engine_explanation: dict,
    pinned: bool,
    previous: bool,
    moved_from_previous: bool,
    threshold_minutes: int,
    week_minutes: int,
    mission_minutes: int,
) -> dict:
    """The facts behind one assignment, kept on the assignment row."""
    params = engine_explanation.get("params", {})
    return {
        "km": params.get("km"),
        "week_hours": round(week_minutes / 60, 2),
        "pinned": pinned,
        "previous": previous,
        # Another worker held it in the previous plan (or last term): the coordinator sees
        # that continuity was given up, and can pin the mission if it matters more.
        "moved_from_previous": moved_from_previous,
        "reaches_threshold": week_minutes >= threshold_minutes > week_minutes - mission_minutes,
        "threshold_hours": round(threshold_minutes / 60, 2),
    }


def describe_assignment(facts: dict) -> str:
    """'Qualified, 2.7 km from home; 9 h in the week; kept from the previous plan.'"""
    if not facts:
        return ""
    parts = [
        _("Qualified, %(km)s km from home")
        % {"km": number_format(facts.get("km") or 0, decimal_pos=1)},
        _("%(duration)s in the week") % {"duration": format_duration(facts["week_hours"] * 60)},
    ]
    if facts.get("pinned"):
        parts.append(_("pinned by a coordinator"))
    if facts.get("previous"):
        parts.append(_("kept from the previous plan"))
    if facts.get("moved_from_previous"):
        parts.append(_("another worker held it in the previous plan"))
    if facts.get("reaches_threshold"):
        parts.append(
            _("it brings the week to the %(duration)s contract threshold")
            % {"duration": format_duration(facts["threshold_hours"] * 60)}
        )
    # The separator is translated: French puts a narrow no-break space before a semicolon.
    return pgettext("between the reasons of an assignment", "; ").join(parts) + "."


def _number(count: object) -> int:
    """The grammatical number of ``count`` workers (plural when an older result did not
    say how many)."""
    return count if isinstance(count, int) else 2


def _shown(count: object) -> object:
    return "?" if count is None else count


# Each renderer takes the item's params and, when the caller read them already, the names of
# the skills by code (None: read them now).
UNASSIGNED: dict[str, Callable[[dict, dict[str, str] | None], str]] = {
    "no_qualified_worker": lambda p, names: (
        _("No worker has the required skills (%(skills)s).")
        % {"skills": skill_names(p.get("skills", ""), names=names)}
    ),
    "no_qualified_worker_in_range": lambda p, names: (
        ngettext(
            "%(count)s worker has the skills, but the place is beyond their range.",
            "%(count)s workers have the skills, but the place is beyond their range.",
            _number(p.get("skilled")),
        )
        % {"count": _shown(p.get("skilled"))}
    ),
    "no_available_worker": lambda p, names: (
        ngettext(
            "%(count)s qualified worker within range, but not available at these times.",
            "%(count)s qualified workers within range, but none is available at these times.",
            _number(p.get("in_range")),
        )
        % {"count": _shown(p.get("in_range"))}
    ),
    "forbidden": lambda p, names: _("The only eligible workers are excluded from this mission."),
    "conflicts": lambda p, names: (
        ngettext(
            "%(count)s eligible worker, already busy or at a legal or personal limit.",
            "%(count)s eligible workers, all already busy or at a legal or personal limit.",
            _number(p.get("eligible")),
        )
        % {"count": _shown(p.get("eligible"))}
    ),
    "pin_rejected": lambda p, names: _("The pinned worker cannot take it."),
    "no_location": lambda p, names: _("The place of this mission has no known coordinates."),
}


def describe_unassigned(
    reason: str, params: dict, detail: str, *, names: dict[str, str] | None = None
) -> str:
    render = UNASSIGNED.get(reason)
    return render(params, names) if render else detail


def describe_all_unassigned(items: Iterable) -> list[str]:
    """Each item's reason (a PlanUnassigned or like), in order, with the names of all their
    skills read in one query rather than one per item."""
    codes = {
        match["code"]
        for item in items
        for match in _requirements(item.params.get("skills", "") if item.params else "")
        if match
    }
    names = _names_by_code(codes)
    return [describe_unassigned(i.reason, i.params, i.detail, names=names) for i in items]


_REQUIREMENT = re.compile(r"\s*(?P<code>[\w-]+)\s*≥\s*(?P<level>\d+)\s*")


def _pieces(requirements: str) -> list[str]:
    return [piece.strip() for piece in requirements.split(",") if piece.strip()]


def _requirements(requirements: str) -> list[re.Match[str] | None]:
    return [_REQUIREMENT.fullmatch(piece) for piece in _pieces(requirements)]


def _names_by_code(codes: Iterable[str]) -> dict[str, str]:
    return {skill.code: skill.name for skill in Skill.objects.filter(code__in=list(codes))}


def skill_names(requirements: str, *, names: dict[str, str] | None = None) -> str:
    """The engine's "web-upkeep ≥ 3, video ≥ 2" with each skill's name in the reader's
    language ("Maintenance de sites web ≥ 3, ..."); an unknown code is kept as it is."""
    pieces = _pieces(requirements)
    matches = _requirements(requirements)
    if names is None:
        names = _names_by_code(m["code"] for m in matches if m)
    return ", ".join(
        f"{names.get(m['code'], m['code'])} ≥ {m['level']}" if m else piece
        for m, piece in zip(matches, pieces, strict=True)
    )


#: The engine's solver statuses, for people: whether the plan is proven to be the best.
SOLVER_STATUS_LABELS = {
    "optimal": gettext_lazy("best possible plan (proven)"),
    "feasible": gettext_lazy("good plan, not proven to be the best in the time given"),
    "infeasible": gettext_lazy("no plan satisfies every rule"),
    "unknown": gettext_lazy("no plan found in the time given"),
    "model_invalid": gettext_lazy("the engine refused its input"),
}


def describe_solver_status(status: str) -> str:
    """The solver status in the reader's language (an unknown status is shown as it is)."""
    return str(SOLVER_STATUS_LABELS.get(status, status))
