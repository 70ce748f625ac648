"""Readable, translated reasons for a plan's choices, built from the engine's facts.

The engine explains in codes and numbers; the platform words them in the reader's language,
with no internal identifiers and without assuming anybody's gender.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def assignment_facts(
    *,
    engine_explanation: dict,
    pinned: bool,
    previous: bool,
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
        _("%(hours)s h in the week") % {"hours": number_format(facts["week_hours"])},
    ]
    if facts.get("pinned"):
        parts.append(_("pinned by a coordinator"))
    if facts.get("previous"):
        parts.append(_("kept from the previous plan"))
    if facts.get("reaches_threshold"):
        parts.append(
            _("it brings the week to the %(hours)s h contract threshold")
            % {"hours": number_format(facts["threshold_hours"])}
        )
    return "; ".join(parts) + "."


UNASSIGNED = {
    "no_qualified_worker": lambda p: (
        _("No worker has the required skills (%(skills)s).") % {"skills": p.get("skills", "")}
    ),
    "no_qualified_worker_in_range": lambda p: (
        _("%(count)s worker(s) have the skills, but the place is beyond their range.")
        % {"count": p.get("skilled", "?")}
    ),
    "no_available_worker": lambda p: (
        _("%(count)s qualified worker(s) within range, but none is available at these times.")
        % {"count": p.get("in_range", "?")}
    ),
    "forbidden": lambda p: _("The only eligible workers are excluded from this mission."),
    "conflicts": lambda p: (
        _("%(count)s eligible worker(s), all already busy or at a legal or personal limit.")
        % {"count": p.get("eligible", "?")}
    ),
    "pin_rejected": lambda p: _("The pinned worker cannot take it."),
    "no_location": lambda p: _("The place of this mission has no known coordinates."),
}


def describe_unassigned(reason: str, params: dict, detail: str) -> str:
    render = UNASSIGNED.get(reason)
    return render(params) if render else detail
