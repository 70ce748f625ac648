"""Structures of the directory and their diagnosis answers, through the services."""

from __future__ import annotations

from decimal import Decimal as D

from maillage.directory.services import answer_diagnosis, create_structure


def structure(
    territory, *, name="Tiers-lieu La Fabrique", kind="third_place", commune="33243", **values
):
    return create_structure(
        territory=territory,
        values={"name": name, "kind": kind, "commune": commune, **values},
        by=None,
    )


def answered(the_structure, *, buy=D("6"), offer=D("0"), kinds=("digital_help_desk",)):
    return answer_diagnosis(
        structure=the_structure,
        activities="Accueil du public",
        needs="Aide aux démarches en ligne",
        wishes="Un atelier par semaine",
        kinds_wanted=list(kinds),
        hours_to_buy_per_week=buy,
        hours_to_offer_per_week=offer,
        by=None,
    )
