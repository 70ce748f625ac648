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
