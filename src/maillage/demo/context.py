"""What every step of the demo build shares: the seeded random source, the places, the dates."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from maillage.demo.names import STREETS, commune_display_name
from maillage.people.models import User
from maillage.people.siret import is_valid_siret
from maillage.skills.models import Skill
from maillage.territory.models import Commune, Territory

DEMO_DEPARTEMENT = "33"
DEMO_TERRITORY_SLUG = "gironde"
DEMO_EMAIL_DOMAIN = "demo.maillage.coop"
# Every date of the demo is counted from here, never from the clock.
REFERENCE_DATE = dt.date(2026, 9, 1)
BORDEAUX_METROPOLE = "Bordeaux Métropole"


def luhn_check_digit(body: str) -> str:
    """The digit that, appended to `body`, makes the whole string pass the Luhn check."""
    total = 0
    for index, char in enumerate(reversed(body)):
        value = int(char)
        if index % 2 == 0:  # these positions are doubled once the check digit is appended
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return str((10 - total % 10) % 10)


class SiretMaker:
    """Unique, valid SIRET numbers: a SIREN (itself Luhn-valid) and an establishment number."""

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken: set[str] = set(taken or ())

    def make(self, *, siren_prefix: str = "2", insee_code: str = "") -> str:
        """A new SIRET; a town hall's SIREN is built from its INSEE code, as in the registry.

        A commune's SIREN is '21' + département + '0' + commune number + check digit
        (Bordeaux, 33063: 213 300 635).
        """
        if insee_code:
            siren_body = "21" + insee_code[:2] + "0" + insee_code[2:]
            siren = siren_body + luhn_check_digit(siren_body)
            for nic_body in ("0001", "0002", "0003", "0004"):
                siret = siren + nic_body + luhn_check_digit(siren + nic_body)
                if siret not in self.taken:
                    return self._keep(siret)
        while True:
            digits = "".join(str(self.rng.randint(0, 9)) for _ in range(8 - len(siren_prefix)))
            siren_body = siren_prefix + digits
            siren = siren_body + luhn_check_digit(siren_body)
            nic_body = "000" + str(self.rng.randint(1, 9))
            siret = siren + nic_body + luhn_check_digit(siren + nic_body)
            if siret not in self.taken and is_valid_siret(siret):  # never a La Poste SIREN
                return self._keep(siret)

    def _keep(self, siret: str) -> str:
        self.taken.add(siret)
        return siret


@dataclass
class DemoContext:
    """The state shared by the steps of one build."""

    rng: random.Random
    territory: Territory
    communes: list[Commune]
    coordinator: User
    sirets: SiretMaker
    skills: dict[str, Skill] = field(default_factory=dict)
    by_name: dict[str, Commune] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_name = {commune.name: commune for commune in self.communes}

    def commune(self, name: str) -> Commune:
        """A commune of the territory by its dataset name (KeyError if it is not there)."""
        return self.by_name[name]

    def pick_communes(
        self,
        count: int,
        *,
        epci_names: Sequence[str] = (),
        exclude: Sequence[Commune] = (),
        exclude_epci: Sequence[str] = (),
        flatten: float = 0.75,
    ) -> list[Commune]:
        """`count` distinct communes drawn with weight population**flatten.

        flatten < 1 gives rural communes a fair chance while cities still get more buyers
        (Efraimidis-Spirakis weighted sampling: deterministic for a given random state).
        """
        excluded = {commune.pk for commune in exclude}
        candidates = [
            c
            for c in self.communes
            if c.pk not in excluded
            and (not epci_names or c.epci_name in epci_names)
            and c.epci_name not in exclude_epci
        ]
        keyed = []
        for commune in candidates:
            weight = max(commune.population, 50) ** flatten
            keyed.append((self.rng.random() ** (1.0 / weight), commune.insee_code, commune))
        keyed.sort(key=lambda item: (item[0], item[1]), reverse=True)
        return [commune for _key, _code, commune in keyed[:count]]

    def pick_commune(self, **filters) -> Commune:
        return self.pick_communes(1, **filters)[0]

    def address(
        self,
        commune: Commune,
        *,
        street: str | None = None,
        number: int | None = None,
        numbered: bool = True,
    ) -> str:
        """A plausible street address in the commune, with its postal code."""
        number = number or self.rng.randint(1, 60)
        street = street or self.rng.choice(STREETS)
        postal_code = self.rng.choice(commune.postal_codes.split() or [""])
        line = f"{number} {street}" if numbered else street[0].upper() + street[1:]
        return f"{line}, {postal_code} {commune_display_name(commune.name)}"

    def email(self, local_part: str) -> str:
        return f"{local_part}@{DEMO_EMAIL_DOMAIN}"

    def date_before(self, *, min_days: int, max_days: int) -> dt.date:
        """A date a few days to months before the reference date."""
        return REFERENCE_DATE - dt.timedelta(days=self.rng.randint(min_days, max_days))
