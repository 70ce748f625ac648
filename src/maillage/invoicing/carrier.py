"""The carrier structure that issues the invoices: identity and terms from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

#: The fixed recovery indemnity owed by a professional buyer paying late (Code de commerce
#: L441-10 and D441-5).
RECOVERY_INDEMNITY = Decimal("40.00")


@dataclass(frozen=True)
class Carrier:
    name: str
    siret: str
    address: str
    postcode: str
    city: str
    vat_number: str
    vat_rate: Decimal  # percent; 0 when exempt
    vat_exemption: str  # printed when exempt
    iban: str
    payment_days: int
    penalty_rate: Decimal
    number_prefix: str

    @property
    def exempt(self) -> bool:
        return self.vat_rate == 0


def carrier() -> Carrier:
    """The carrier as configured (MAILLAGE_CARRIER, from the environment)."""
    conf: dict[str, Any] = settings.MAILLAGE_CARRIER
    rate = Decimal(str(conf.get("vat_rate") or "0")).quantize(Decimal("0.01"))
    return Carrier(
        name=conf["name"],
        siret=conf["siret"],
        address=conf["address"],
        postcode=conf["postcode"],
        city=conf["city"],
        vat_number=conf.get("vat_number", ""),
        vat_rate=rate,
        vat_exemption="" if rate else conf["vat_exemption"],
        iban=conf.get("iban", ""),
        payment_days=int(conf["payment_days"]),
        penalty_rate=Decimal(str(conf["penalty_rate"])).quantize(Decimal("0.01")),
        number_prefix=conf.get("number_prefix", "F"),
    )
