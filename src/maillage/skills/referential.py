"""The skills referential: 16 CRCN competences (with DigComp 2.2) and the field's trade skills.

Pure data and one loader that works with the real model or a migration's historical model.
"""

from __future__ import annotations

import csv
from pathlib import Path

CRCN_FILE = Path(__file__).resolve().parent / "data" / "crcn-competences.csv"

# code, name (fr), name (en), description (fr), description (en)
TRADE_SKILLS: list[tuple[str, str, str, str, str]] = [
    (
        "workshop-children",
        "Animation d'ateliers numériques pour enfants",
        "Digital workshops for children",
        "Concevoir et animer des ateliers périscolaires (TAP) : code, robotique, image.",
        "Design and run after-school workshops: coding, robotics, images.",
    ),
    (
        "community-management",
        "Animation de communautés en ligne",
        "Community management",
        "Publier, modérer et animer les réseaux sociaux d'une structure.",
        "Publish, moderate and animate an organisation's social networks.",
    ),
    (
        "web-upkeep",
        "Maintenance de sites web",
        "Website upkeep",
        "Mettre à jour contenus, extensions et sauvegardes d'un site (WordPress, SPIP...).",
        "Keep a website's content, plugins and backups up to date (WordPress, SPIP...).",
    ),
    (
        "digital-mediation",
        "Médiation numérique",
        "Digital mediation",
        "Accompagner le public dans ses usages et démarches en ligne (conseiller numérique).",
        "Help the public with digital uses and online procedures.",
    ),
    (
        "video",
        "Vidéo",
        "Video",
        "Tourner, monter et diffuser des vidéos courtes.",
        "Shoot, edit and publish short videos.",
    ),
    (
        "graphic-design",
        "Design graphique",
        "Graphic design",
        "Créer affiches, visuels et chartes graphiques.",
        "Create posters, visuals and visual identities.",
    ),
    (
        "it-support",
        "Support informatique",
        "IT support",
        "Installer, dépanner et sécuriser postes et réseaux d'une petite structure.",
        "Install, repair and secure a small organisation's computers and network.",
    ),
    (
        "adult-training",
        "Formation d'adultes",
        "Adult training",
        "Concevoir et animer des formations au numérique pour adultes.",
        "Design and deliver digital training for adults.",
    ),
]


def crcn_rows() -> list[dict[str, str]]:
    with CRCN_FILE.open(encoding="utf-8") as handle:
        handle.readline()  # source line
        return list(csv.DictReader(handle))


def load_referential(skill_model) -> int:
    """Insert or update every skill of the referential; returns how many exist afterwards."""
    for row in crcn_rows():
        skill_model.objects.update_or_create(
            code=f"crcn-{row['code']}",
            defaults={
                "family": "crcn",
                "name_fr": row["label_fr"],
                "name_en": row["label_en"],
                "domain_fr": row["domain_fr"],
                "domain_en": row["domain_en"],
                "digcomp": row["digcomp_2_2"],
            },
        )
    for code, name_fr, name_en, description_fr, description_en in TRADE_SKILLS:
        skill_model.objects.update_or_create(
            code=code,
            defaults={
                "family": "trade",
                "name_fr": name_fr,
                "name_en": name_en,
                "domain_fr": "Métiers du numérique",
                "domain_en": "Digital trades",
                "description_fr": description_fr,
                "description_en": description_en,
            },
        )
    return skill_model.objects.count()


# The CRCN competences each trade skill rests on (Open Badges alignments carry them, with
# their DigComp 2.2 counterparts read from the CRCN file).
TRADE_CRCN: dict[str, tuple[str, ...]] = {
    "workshop-children": ("crcn-3.4", "crcn-3.2"),
    "community-management": ("crcn-2.2", "crcn-2.1"),
    "web-upkeep": ("crcn-3.1", "crcn-5.1"),
    "digital-mediation": ("crcn-2.4", "crcn-5.2"),
    "video": ("crcn-3.2",),
    "graphic-design": ("crcn-3.2", "crcn-3.3"),
    "it-support": ("crcn-4.1", "crcn-5.1"),
    "adult-training": ("crcn-5.2", "crcn-2.1"),
}


def crcn_alignment(skill_code: str) -> list[dict[str, str]]:
    """The CRCN competences (code, French and English labels, DigComp 2.2 codes) a skill of
    the referential aligns with: itself for a CRCN competence, its bases for a trade skill."""
    rows = {f"crcn-{row['code']}": row for row in crcn_rows()}
    codes = (skill_code,) if skill_code in rows else TRADE_CRCN.get(skill_code, ())
    return [
        {
            "code": rows[code]["code"],
            "label_fr": rows[code]["label_fr"],
            "label_en": rows[code]["label_en"],
            "digcomp": rows[code]["digcomp_2_2"],
        }
        for code in codes
        if code in rows
    ]
