"""SIRET (French establishment identifier): 14 digits with a Luhn check digit.

La Poste's establishments (SIREN 356 000 000) are the documented exception: their SIRET
digits add up to a multiple of 5 instead.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    """True when the digit string passes the Luhn checksum."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def normalise_siret(value: str) -> str:
    """Remove the spaces people type in a SIRET ('213 300 635 00018')."""
    return "".join(value.split())


def is_valid_siret(value: str) -> bool:
    siret = normalise_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        return False
    if siret.startswith(LA_POSTE_SIREN):
        return sum(int(c) for c in siret) % 5 == 0
    return luhn_valid(siret)


def validate_siret(value: str) -> None:
    """Django validator with a clear message."""
    siret = normalise_siret(value)
    if len(siret) != 14 or not siret.isdigit():
        raise ValidationError(
            _("A SIRET has exactly 14 digits (you typed %(count)s characters)."),
            code="siret_length",
            params={"count": len(siret)},
        )
    if not is_valid_siret(siret):
        raise ValidationError(
            _("This SIRET is not valid: its check digit does not match. Please check it."),
            code="siret_checksum",
        )
