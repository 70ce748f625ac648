"""The progress messages of GPEC jobs in the reader's language.

The computations report short English stages as they go (they run in no one's language);
the job page shows them through :func:`stage_label`, translated when read, as plan runs do
(:mod:`maillage.consolidation.progress`).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext, gettext_lazy

from maillage.core import progress as core_progress

STAGES = {
    "without the training": gettext_lazy("Planning the territory without the training"),
    "with the training": gettext_lazy("Planning the territory with the training"),
    "OpenFisca-France": gettext_lazy("Computing the public costs with OpenFisca-France"),
    "done": gettext_lazy("Done"),
}
"""Each fixed stage the GPEC computations report, and its label."""

SCALES = {
    "commune": gettext_lazy("Commune"),
    "epci": gettext_lazy("EPCI"),
    "departement": gettext_lazy("Département"),
}

AREA = re.compile(r"(?P<scale>commune|epci|departement): (?P<area>\d+)/(?P<areas>\d+)")
"""The scale diagnosis's "<scale>: <area>/<areas>"."""


def _area(groups: dict[str, str]) -> str:
    return gettext("%(scale)s scale: planning area %(area)s of %(areas)s") % {
        **groups,
        "scale": SCALES[groups["scale"]],
    }


def stage_label(message: str) -> str:
    """``message`` in the active language when it is one of the computations' stages."""
    return core_progress.stage_label(message, STAGES, [(AREA, _area)])
