"""Reference figures of the charter: the official mileage scale and a default grid.

The mileage allowance follows the French tax administration's per-km scale for cars
("barème kilométrique"), the figure URSSAF also accepts for allowances paid to employees.
"""

from __future__ import annotations

from decimal import Decimal

from maillage.missions.models import MissionKind
from maillage.pricing.models import LevelBand

#: Publication year of the scale used below (applies to 2024 income; the 2025 scale kept
#: the figures of the arrêté of 27 March 2023, unchanged in 2024).
MILEAGE_SCALE_YEAR = 2025
#: Barème kilométrique, car of 5 fiscal horsepower (5 CV), first band (up to 5,000 km a
#: year): d x 0.636 €. Other bands: 3 CV 0.529, 4 CV 0.606, 6 CV 0.665, 7 CV+ 0.697.
MILEAGE_RATE_5CV = Decimal("0.636")

#: Default cooperative fee: share of the price kept to run the cooperative.
DEFAULT_FEE_RATE = Decimal("0.08")
#: Default overhead of the employer structure (payroll, insurance, occupational medicine,
#: training), as a coefficient on the employer cost.
DEFAULT_OVERHEAD = Decimal("1.05")

#: Default gross hourly floors by band (euros): foundation is well above the SMIC so that
#: a SMIC rise during a charter's life does not bring a floor under it.
DEFAULT_FLOORS: dict[str, Decimal] = {
    LevelBand.FOUNDATION: Decimal("13.50"),
    LevelBand.INTERMEDIATE: Decimal("15.00"),
    LevelBand.ADVANCED: Decimal("17.50"),
    LevelBand.EXPERT: Decimal("21.00"),
}
#: Kinds that ask for more than the band's default floor (euros added per hour).
DEFAULT_KIND_SUPPLEMENT: dict[str, Decimal] = {
    MissionKind.TRAINING: Decimal("1.50"),
    MissionKind.VIDEO: Decimal("1.00"),
    MissionKind.GRAPHIC_DESIGN: Decimal("1.00"),
}
#: Default paid preparation time per hour delivered.
DEFAULT_PREPARATION: dict[str, Decimal] = {
    MissionKind.AFTER_SCHOOL_WORKSHOP: Decimal("0.50"),
    MissionKind.COMMUNITY_MANAGEMENT: Decimal("0.20"),
    MissionKind.WEB_UPKEEP: Decimal("0.10"),
    MissionKind.DIGITAL_HELP_DESK: Decimal("0.10"),
    MissionKind.TRAINING: Decimal("0.75"),
    MissionKind.VIDEO: Decimal("0.30"),
    MissionKind.GRAPHIC_DESIGN: Decimal("0.20"),
    MissionKind.IT_SUPPORT: Decimal("0.10"),
}


def default_floors() -> dict[tuple[str, str], Decimal]:
    """The default floor of every (kind, band)."""
    return {
        (kind, band): floor + DEFAULT_KIND_SUPPLEMENT.get(kind, Decimal(0))
        for kind in MissionKind.values
        for band, floor in DEFAULT_FLOORS.items()
    }
