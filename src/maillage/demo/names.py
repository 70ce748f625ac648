"""Names of the demo territory: people, schools, streets, and how French writes a commune.

Pure data and small text helpers (no Django), so that the builder reads as a story.
"""

from __future__ import annotations

import unicodedata

# Who lives in the Gironde: (weight, first names with their grammatical gender "f"/"m" for
# the agreement of job titles, family names). Gascon names beside those of every wave of
# newcomers; a person's names come from one pool so that they read like a real person's.
NAME_POOLS: tuple[tuple[int, tuple[tuple[str, str], ...], tuple[str, ...]], ...] = (
    (
        52,
        (("Camille", "f"), ("Léa", "f"), ("Manon", "f"), ("Chloé", "f"), ("Emma", "f"),
         ("Julie", "f"), ("Pauline", "f"), ("Marion", "f"), ("Élodie", "f"), ("Aurélie", "f"),
         ("Clara", "f"), ("Lucie", "f"), ("Mathilde", "f"), ("Anaïs", "f"), ("Sophie", "f"),
         ("Nathalie", "f"), ("Océane", "f"), ("Justine", "f"), ("Maëlle", "f"), ("Zoé", "f"),
         ("Thomas", "m"), ("Nicolas", "m"), ("Julien", "m"), ("Maxime", "m"), ("Antoine", "m"),
         ("Hugo", "m"), ("Lucas", "m"), ("Théo", "m"), ("Romain", "m"), ("Sébastien", "m"),
         ("Florian", "m"), ("Kévin", "m"), ("Adrien", "m"), ("Baptiste", "m"), ("Pierre", "m"),
         ("Vincent", "m"), ("Arnaud", "m"), ("Loïc", "m"), ("Enzo", "m"), ("Nathan", "m")),
        ("Dubos", "Lafon", "Labat", "Dupuy", "Lalanne", "Castaing", "Lacoste", "Etcheverry",
         "Larrieu", "Laporte", "Barrère", "Dubourg", "Ducasse", "Lescure", "Mounier", "Martin",
         "Bernard", "Petit", "Laurent", "Leroy", "Roux", "Fontaine", "Chevalier", "Girard",
         "Mercier", "Blanc", "Guérin", "Faure", "Morel", "Sabathé", "Bordessoules", "Lamarque",
         "Destang", "Baudry", "Peyrou", "Lagarde"),
    ),
    (
        15,
        (("Nadia", "f"), ("Yasmine", "f"), ("Samira", "f"), ("Karima", "f"), ("Leïla", "f"),
         ("Inès", "f"), ("Sarah", "f"), ("Mehdi", "m"), ("Karim", "m"), ("Youssef", "m"),
         ("Bilal", "m"), ("Rayan", "m"), ("Nassim", "m"), ("Sofiane", "m")),
        ("Benali", "Haddad", "Mansouri", "Bouzid", "Cherif", "Amrani", "Belkacem", "Ziani",
         "Hamidi", "Saïdi"),
    ),
    (
        10,
        (("Fatou", "f"), ("Aïcha", "f"), ("Mariama", "f"), ("Aminata", "f"), ("Moussa", "m"),
         ("Mamadou", "m"), ("Ibrahima", "m"), ("Ousmane", "m"), ("Abdoulaye", "m")),
        ("Diallo", "Traoré", "Camara", "Ndiaye", "Diop", "Koné", "Sow", "Cissé"),
    ),
    (
        12,
        (("Ana", "f"), ("Sofia", "f"), ("Inês", "f"), ("Lucía", "f"), ("Paulo", "m"),
         ("Diego", "m"), ("Rui", "m"), ("Javier", "m"), ("Samuel", "m")),
        ("Garcia", "Fernandes", "Da Silva", "Pereira", "Rodrigues", "Lopez", "Martins",
         "Sanchez", "Oliveira", "Gomes"),
    ),
    (
        5,
        (("Linh", "f"), ("Mai", "f"), ("Thu", "f"), ("Quang", "m"), ("Minh", "m"), ("Long", "m")),
        ("Nguyen", "Tran", "Le", "Pham", "Vo"),
    ),
    (
        6,
        (("Agnieszka", "f"), ("Giulia", "f"), ("Marta", "f"), ("Piotr", "m"), ("Marco", "m"),
         ("Yannick", "m")),
        ("Kowalski", "Nowak", "Rossi", "Ferrari", "Wiśniewski", "Colombo"),
    ),
)  # fmt: skip

# People French schools, libraries and streets are named after.
SCHOOL_PATRONS: tuple[str, ...] = (
    "Jean Jaurès", "Jules Ferry", "Louis Pasteur", "Victor Hugo", "Jacques Prévert",
    "Marie Curie", "Paul Bert", "Les Tilleuls", "Jean Moulin", "Condorcet", "Albert Camus",
    "Jean de La Fontaine", "Lucie Aubrac", "Simone Veil", "Montesquieu", "François Mauriac",
    "Les Platanes", "Le Bourg", "Pierre et Marie Curie", "Georges Brassens", "Anatole France",
    "Rosa Bonheur", "Les Écureuils", "Antoine de Saint-Exupéry",
)  # fmt: skip
LIBRARY_PATRONS: tuple[str, ...] = (
    "Jacques Ellul", "Michel de Montaigne", "Flora Tristan", "Jean Vautrin", "Colette",
    "George Sand", "Aimé Césaire", "Louise Michel", "Robert Escarpit", "Odilon Redon",
)  # fmt: skip
STREETS: tuple[str, ...] = (
    "rue Jean Jaurès", "avenue de la République", "rue de l'Église", "allée des Tilleuls",
    "chemin du Moulin", "rue Victor Hugo", "cours Gambetta", "avenue du Général de Gaulle",
    "rue Pasteur", "route de Bordeaux", "rue des Écoles", "avenue de la Libération",
    "rue du 8 Mai 1945", "place du Marché", "rue Paul Bert", "avenue Jean Moulin",
    "rue des Vignes", "chemin des Écoliers", "rue de la Gare", "avenue des Pins",
)  # fmt: skip

# Themes of the after-school digital workshops (title suffix, description, needs coding).
WORKSHOP_THEMES: tuple[tuple[str, str, bool], ...] = (
    ("code avec ScratchJr", "Premiers pas en programmation sur tablette, par le jeu.", True),
    ("robotique Thymio", "Programmer de petits robots pour relever des défis en équipe.", True),
    ("cinéma d'animation", "Réaliser un court film en stop motion, de l'histoire au montage.",
     False),
    ("éducation aux écrans", "Comprendre les écrans, les réseaux et les images trompeuses.",
     False),
    ("micro:bit et objets connectés", "Fabriquer et programmer de petits objets connectés.",
     True),
    ("journal numérique de l'école", "Écrire, photographier et mettre en page un journal.",
     False),
)  # fmt: skip
WORKSHOP_GROUPS: tuple[str, ...] = ("CP-CE1", "CE2-CM2", "CE1-CE2", "CM1-CM2")

CANCELLATION_REASONS: tuple[str, ...] = (
    "Budget non voté pour ce trimestre : la demande sera reformulée en janvier.",
    "Un bénévole de l'association a repris l'activité.",
    "Atelier regroupé avec celui d'une école voisine.",
    "Salle indisponible pour travaux jusqu'à la fin de l'année.",
    "Projet reporté par le conseil d'administration.",
)

# The dataset drops the article of a commune's name ("Teste-de-Buch"): how it is written.
COMMUNE_ARTICLES: dict[str, str] = {
    "Teste-de-Buch": "La", "Bouscat": "Le", "Haillan": "Le", "Taillan-Médoc": "Le",
    "Réole": "La", "Teich": "Le", "Barp": "Le", "Pian-Médoc": "Le", "Porge": "Le",
    "Verdon-sur-Mer": "Le", "Temple": "Le", "Tourne": "Le", "Pian-sur-Garonne": "Le",
    "Nizan": "Le", "Fieu": "Le", "Sauve": "La", "Brède": "La", "Lande-de-Fronsac": "La",
    "Rivière": "La", "Billaux": "Les", "Artigues-de-Lussac": "Les", "Peintures": "Les",
    "Églisottes-et-Chalaures": "Les", "Lèves-et-Thoumeyragues": "Les", "Esseintes": "Les",
    "Roquille": "La", "Puy": "Le", "Pout": "Le",
}  # fmt: skip
VOWELS = "AEIOUYÂÀÉÈÊËÎÏÔÖÛÙÜaeiouy"


def commune_display_name(name: str) -> str:
    """The commune's name as people write it ('Le Bouscat' for the dataset's 'Bouscat')."""
    article = COMMUNE_ARTICLES.get(name)
    return f"{article} {name}" if article else name


def of_commune(name: str) -> str:
    """'de Pessac', "d'Arcachon", 'du Bouscat', 'de La Réole', 'des Billaux'."""
    article = COMMUNE_ARTICLES.get(name)
    if article == "Le":
        return f"du {name}"
    if article == "Les":
        return f"des {name}"
    if article == "La":
        return f"de La {name}"
    if name[0] in VOWELS or name.startswith("Hourtin"):
        return f"d'{name}"
    return f"de {name}"


def in_commune(name: str) -> str:
    """'à Pessac', 'au Bouscat', 'à La Réole', 'aux Billaux'."""
    article = COMMUNE_ARTICLES.get(name)
    if article == "Le":
        return f"au {name}"
    if article == "Les":
        return f"aux {name}"
    if article == "La":
        return f"à La {name}"
    return f"à {name}"


def ascii_slug(text: str, *, separator: str = "-") -> str:
    """Lower-case ASCII words joined by `separator` ('Da Silva' -> 'da-silva')."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return separator.join(words)


def agree(gender: str, masculine: str, feminine: str) -> str:
    """The word that agrees with the person's gender ('animateur' / 'animatrice')."""
    return feminine if gender == "f" else masculine
