"""What the demo territory is made of: areas, kinds of buyers, tiers-lieux, worker profiles.

Pure data (French where people will read it), kept apart from the code that draws from it.
"""

from __future__ import annotations

from maillage.people.models import OrganisationKind
from maillage.territory.geo import TravelMode
from maillage.territory.models import ThirdPlace

K = OrganisationKind
S = ThirdPlace.Service

# Organisations and places ----------------------------------------------------------------

LIBOURNAIS = ("Communauté d'agglomération du Libournais",)
MEDOC = (
    "Communauté de communes Médoc Atlantique",
    "Communauté de communes Médoc Cœur de Presqu'île",
    "Communauté de communes Médoc Estuaire",
    "Communauté de communes Médullienne",
)
SUD_GIRONDE = (
    "Communauté de communes du Sud Gironde",
    "Communauté de communes du Bazadais",
    "Communauté de communes du Réolais en Sud Gironde",
    "Communauté de communes Convergence Garonne",
)
BASSIN = (
    "Communauté d'agglomération Bassin d'Arcachon Sud (COBAS)",
    "Communauté d'agglomération du Bassin d'Arcachon Nord",
    "Communauté de communes du Val de l'Eyre",
)
# Where the big town halls really are (the others get "1 place de la Mairie").
TOWN_HALL_ADDRESSES = {
    "Bordeaux": "Place Pey-Berland, 33000 Bordeaux",
    "Libourne": "42 place Abel-Surchamp, 33500 Libourne",
}
ENTRE_DEUX_MERS = (
    "Communauté de communes rurales de l'Entre-Deux-Mers",
    "Communauté de communes du Créonnais",
    "Communauté de communes des Portes de l'Entre-Deux-Mers",
)
PUBLIC_KINDS = {K.COMMUNE, K.SCHOOL, K.LIBRARY, K.PUBLIC_DIGITAL_SPACE, K.EPCI}

# Association name pattern ({of}: "de Pessac", {name}: "Pessac") and what it will need.
ASSOCIATION_PATTERNS: tuple[tuple[str, str], ...] = (
    ("Amicale laïque {of}", "community"),
    ("Comité des fêtes {of}", "community"),
    ("Union sportive {of}", "community_video"),
    ("Rugby club {of}", "community_video"),
    ("Tennis club {of}", "community"),
    ("Judo club {of}", "community"),
    ("École de musique {of}", "community_graphic"),
    ("Ciné-club {of}", "community_graphic"),
    ("Centre social et culturel {of}", "help_desk"),
    ("Épicerie solidaire {of}", "community"),
    ("Banque alimentaire, antenne {of}", "help_desk"),
    ("Maison des jeunes et de la culture {of}", "community_video"),
    ("Club photo {of}", "graphic"),
    ("Repair café {of}", "community"),
    ("Jardins partagés {of}", "community"),
    ("Compagnie théâtrale Les Tréteaux {of}", "video"),
    ("Association des parents d'élèves {of}", "community"),
    ("Club des aînés {of}", "training"),
)

# Small companies: name, dataset commune name, street (numbered or not), what they need.
COMPANIES: tuple[tuple[str, str, str, bool, str], ...] = (
    ("Boulangerie Lacoste", "Bègles", "rue Jean Jaurès", True, "community_graphic"),
    ("Château Haut-Lagrange (SCEA)", "Saint-Émilion", "lieu-dit Lagrange", False, "video"),
    ("Glisse Océane, surf shop", "Lacanau", "boulevard de la Plage", True, "community"),
    ("Cabane ostréicole Dubourg", "Gujan-Mestras", "port de Larros", False, "web"),
    ("Librairie Le Chat Lettré", "Bazas", "place de la Cathédrale", True, "community"),
)

# Tiers-lieux: name, commune, street, capacity, services, weekday spans, Saturday span.
THIRD_PLACES: tuple[tuple[str, str, str, int, list[str], list[tuple[int, int]], tuple], ...] = (
    (
        "Le Hangar numérique de Bacalan", "Bordeaux", "quai de Bacalan", 60,
        [S.COWORKING, S.FABLAB, S.TRAINING_ROOM, S.MEETING_ROOM, S.VIDEO_STUDIO],
        [(540, 1140)], (600, 780),
    ),
    (
        "La Ruche du Libournais", "Libourne", "rue Gambetta", 35,
        [S.COWORKING, S.TRAINING_ROOM, S.DIGITAL_HELP, S.MEETING_ROOM],
        [(540, 750), (840, 1080)], (570, 750),
    ),
    (
        "La Station Médoc", "Lesparre-Médoc", "cours du Maréchal Foch", 25,
        [S.COWORKING, S.DIGITAL_HELP, S.TRAINING_ROOM, S.CHILDCARE],
        [(540, 1050)], (),
    ),
    (
        "L'Atelier des Graves", "Langon", "cours des Fossés", 30,
        [S.FABLAB, S.COWORKING, S.TRAINING_ROOM, S.MEETING_ROOM],
        [(510, 1080)], (),
    ),
    (
        "La Grange numérique de l'Entre-deux-Mers", "Créon", "place de la Prévôté", 20,
        [S.COWORKING, S.DIGITAL_HELP, S.CHILDCARE, S.MEETING_ROOM],
        [(540, 750), (810, 1050)], (540, 720),
    ),
)  # fmt: skip


# Workers ---------------------------------------------------------------------------------

H = 60  # minutes in an hour, to write times as 15 * H + 30

# Weekly availability patterns: (weekday, start minute, end minute).
AVAILABILITY_PATTERNS: dict[str, list[tuple[int, int, int]]] = {
    "school_rhythm": [(d, 9 * H, 12 * H) for d in range(5)]
    + [(d, 13 * H + 30, 18 * H + 30) for d in (0, 1, 3, 4)]
    + [(2, 13 * H + 30, 17 * H)],
    "office": [(d, 9 * H, 17 * H) for d in range(5)],
    "full_days": [(d, 8 * H + 30, 12 * H + 30) for d in range(5)]
    + [(d, 13 * H + 30, 18 * H + 30) for d in range(5)],
    "four_days_and_a_morning": [(d, 8 * H + 30, 12 * H + 30) for d in range(5)]
    + [(d, 13 * H + 30, 18 * H) for d in range(4)],
    "student": [(d, 15 * H, 18 * H + 30) for d in (0, 1, 3, 4)] + [(2, 13 * H + 30, 18 * H)],
    "afternoons": [(d, 14 * H, 18 * H + 30) for d in range(5)],
    "two_days_elsewhere": [
        (2, 8 * H + 30, 18 * H),
        (4, 8 * H + 30, 18 * H),
        (5, 9 * H, 12 * H + 30),
    ],
}
SATURDAY_MORNING = (5, 9 * H + 30, 12 * H + 30)

# Archetype: weight, core skills, optional skills, full-time availability patterns, bio.
# The weights follow the territory's demand: workshops, help desks, then remote work.
ARCHETYPES: dict[str, tuple[float, list[str], list[str], list[str], tuple[str, str]]] = {
    "animation": (
        0.28, ["workshop-children", "crcn-3.4"],
        ["digital-mediation", "video", "community-management", "graphic-design"],
        ["school_rhythm", "school_rhythm", "full_days"],
        ("Animateur numérique", "Animatrice numérique"),
    ),
    "mediation": (
        0.20, ["digital-mediation", "crcn-4.2"],
        ["adult-training", "workshop-children", "crcn-2.4", "it-support"],
        ["full_days", "school_rhythm", "four_days_and_a_morning"],
        ("Conseiller numérique", "Conseillère numérique"),
    ),
    "community": (
        0.18, ["community-management", "crcn-2.2"],
        ["graphic-design", "video", "web-upkeep", "crcn-3.2"],
        ["office", "four_days_and_a_morning", "full_days"],
        ("Community manager", "Community manager"),
    ),
    "web": (
        0.09, ["web-upkeep", "crcn-3.4"],
        ["it-support", "crcn-4.1", "graphic-design", "community-management"],
        ["office", "full_days"],
        ("Développeur web", "Développeuse web"),
    ),
    "support": (
        0.08, ["it-support", "crcn-4.1"],
        ["crcn-5.1", "web-upkeep", "digital-mediation", "adult-training"],
        ["office", "full_days"],
        ("Technicien informatique", "Technicienne informatique"),
    ),
    "training": (
        0.10, ["adult-training", "crcn-2.4"],
        ["crcn-2.3", "crcn-4.1", "crcn-3.1", "digital-mediation"],
        ["full_days", "four_days_and_a_morning"],
        ("Formateur numérique", "Formatrice numérique"),
    ),
    "creative": (
        0.07, ["video", "graphic-design"],
        ["community-management", "crcn-3.2", "workshop-children"],
        ["office", "four_days_and_a_morning"],
        ("Vidéaste et graphiste", "Vidéaste et graphiste"),
    ),
}  # fmt: skip
# The second trade of a worker who wishes a full week, by archetype.
SECOND_TRADES: dict[str, list[str]] = {
    "animation": ["digital-mediation", "digital-mediation", "community-management", "web-upkeep"],
    "mediation": ["workshop-children", "workshop-children", "adult-training", "it-support"],
    "community": ["web-upkeep", "graphic-design", "workshop-children"],
    "web": ["community-management", "it-support"],
    "support": ["digital-mediation", "web-upkeep"],
    "training": ["digital-mediation", "community-management", "crcn-4.1"],
    "creative": ["community-management", "workshop-children"],
}
# Outside the metropole most work is on site, so that is what the cooperative recruits for.
LOCAL_ARCHETYPE_WEIGHTS = {
    "animation": 0.42, "mediation": 0.30, "community": 0.06, "web": 0.03,
    "support": 0.07, "training": 0.10, "creative": 0.02,
}  # fmt: skip
# The larger towns outside the metropole where workers live, with a weight for each.
HOME_TOWNS: tuple[tuple[str, float], ...] = (
    ("Libourne", 2.5), ("Teste-de-Buch", 1.5), ("Arcachon", 1.0), ("Gujan-Mestras", 1.0),
    ("Langon", 1.5), ("Lesparre-Médoc", 1.0), ("Andernos-les-Bains", 1.0),
    ("Saint-André-de-Cubzac", 1.0),
)  # fmt: skip
BIO_DETAILS = {
    "animation": "j'anime des ateliers de code, de robotique et d'image pour les 6-11 ans.",
    "mediation": "j'accompagne le public dans ses démarches en ligne et l'usage du smartphone.",
    "community": "je fais vivre les réseaux sociaux d'associations et de petits commerces.",
    "web": "je maintiens des sites WordPress et SPIP : mises à jour, sauvegardes, accessibilité.",
    "support": "je dépanne et sécurise les postes et les réseaux des petites structures.",
    "training": "je forme des adultes à la bureautique, aux outils collaboratifs et à la sécurité.",
    "creative": "je réalise affiches, identités visuelles et courtes vidéos.",
}
TRAVEL_PHRASES: dict[str, str] = {
    TravelMode.CAR: "en voiture",
    TravelMode.TRANSIT: "en transports en commun (tram, bus, TER)",
    TravelMode.BIKE: "à vélo",
}
EVALUATED_WORK = {
    "workshop-children": "Atelier robotique",
    "community-management": "Animation des réseaux sociaux",
    "web-upkeep": "Mise à jour du site internet",
    "digital-mediation": "Permanence numérique",
    "video": "Vidéo de présentation",
    "graphic-design": "Affiches de la saison",
    "it-support": "Remise en état du parc informatique",
    "adult-training": "Initiation à la bureautique",
}
