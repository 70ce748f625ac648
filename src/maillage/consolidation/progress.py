"""The engine's progress messages in the reader's language.

The engine imports no Django and reports its stages in English; a run stores them as they
come, and the pages show them through :func:`stage_label`, translated when read (the job
runs in no one's language). Messages the platform writes itself are already translated and
pass through unchanged.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_lazy

from maillage.core import progress as core_progress

STAGES = {
    "indexing the instance": gettext_lazy("Reading the needs and the workers"),
    "marketplace baseline": gettext_lazy("Planning as a marketplace would"),
    "pins": gettext_lazy("Applying the pins"),
    "repairing the published plan": gettext_lazy("Starting from the published plan"),
    "consolidation-aware construction": gettext_lazy("Building a first plan"),
    "construction guided by the LP relaxation": gettext_lazy(
        "Building a plan again, sharing the missions out as the relaxation does"
    ),
    "local search: threshold, relocations, swaps": gettext_lazy(
        "Improving the first plan: people at 24 h, moves and swaps"
    ),
    "bringing the km within the marketplace's": gettext_lazy(
        "Bringing the km within the marketplace's"
    ),
    "solving the whole instance with CP-SAT": gettext_lazy("Solving the whole territory at once"),
    "large-neighbourhood search": gettext_lazy("Re-planning a few workers at a time"),
    "km polish with the higher levels fixed": gettext_lazy(
        "Shortening the routes, coverage and people at 24 h held"
    ),
    "final local search": gettext_lazy("Last improvements"),
    "re-dealing the missions of those who wish 24 h": gettext_lazy(
        "Re-dealing the missions of those who wish 24 h"
    ),
    "large-neighbourhood search, on the time left": gettext_lazy(
        "Re-planning a few workers at a time, on the time left"
    ),
    "validating": gettext_lazy("Checking the plan"),
    "done": gettext_lazy("Done"),
}
"""Each stage :func:`maillage.consolidation.engine.solver.solve` reports, and its label."""

LNS_ITERATION = re.compile(r"LNS iteration (?P<iteration>\d+), (?P<improvements>\d+) improvements")


def _lns_iteration(groups: dict[str, str]) -> str:
    return (
        gettext("Re-planning a few workers at a time: %(iteration)s tries, %(improvements)s kept")
        % groups
    )


def stage_label(message: str) -> str:
    """``message`` in the active language when it is one of the engine's stages."""
    return core_progress.stage_label(message, STAGES, [(LNS_ITERATION, _lns_iteration)])
