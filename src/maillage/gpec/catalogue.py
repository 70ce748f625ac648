"""A small catalogue of trainings per skill: what would raise a worker one level."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


class ProviderKind:
    """Typical kinds of training providers on a territory."""

    GRETA = _("GRETA (public adult education)")
    AFPA = _("AFPA")
    ASSOCIATION = _("Association or popular education network")
    THIRD_PLACE = _("Tiers-lieu")
    UNIVERSITY = _("University continuing education")
    PEER = _("Peer training in the cooperative")
    PIX = _("Pix Orga / online self-training with certification")


@dataclass(frozen=True)
class Training:
    """A training that raises one skill by one level."""

    name: object  # a lazy translated string
    hours: int
    provider_kind: object


TRAININGS: dict[str, Training] = {
    "workshop-children": Training(
        _("Running digital workshops for children (BAFA-style module)"),
        35,
        ProviderKind.ASSOCIATION,
    ),
    "community-management": Training(
        _("Community management and editorial planning"), 42, ProviderKind.GRETA
    ),
    "web-upkeep": Training(_("Maintaining a WordPress or SPIP site"), 35, ProviderKind.AFPA),
    "digital-mediation": Training(
        _("Digital mediation: helping the public online (CCP Conseiller numérique)"),
        70,
        ProviderKind.GRETA,
    ),
    "video": Training(_("Shooting and editing short videos"), 28, ProviderKind.THIRD_PLACE),
    "graphic-design": Training(_("Visual identity and layout tools"), 35, ProviderKind.GRETA),
    "it-support": Training(_("Small-office IT support and security"), 56, ProviderKind.AFPA),
    "adult-training": Training(
        _("Designing and delivering adult training"), 49, ProviderKind.UNIVERSITY
    ),
}

#: CRCN competences (codes "crcn-x.y") share one path: a Pix course and certification.
CRCN_TRAINING = Training(
    _("Pix course on this competence, with certification"), 14, ProviderKind.PIX
)
#: A skill with no entry: peer training inside the cooperative.
DEFAULT_TRAINING = Training(_("Peer training and tutored missions"), 21, ProviderKind.PEER)


def training_for(skill_code: str) -> Training:
    """The training that raises `skill_code` by one level."""
    if skill_code in TRAININGS:
        return TRAININGS[skill_code]
    if skill_code.startswith("crcn-"):
        return CRCN_TRAINING
    return DEFAULT_TRAINING
