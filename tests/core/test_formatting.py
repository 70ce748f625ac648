from decimal import Decimal

import pytest

from maillage.core.formatting import format_money


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (Decimal("1234.56"), "fr", "1\u00a0234,56\u00a0€"),
        (Decimal("1234.56"), "en", "€1,234.56"),
        (Decimal("1234567.5"), "fr", "1\u00a0234\u00a0567,50\u00a0€"),
        (Decimal("1234567.5"), "en", "€1,234,567.50"),
        (Decimal("0"), "fr", "0,00\u00a0€"),
        (12, "en", "€12.00"),
        (Decimal("999.995"), "fr", "1\u00a0000,00\u00a0€"),
        (Decimal("-42.1"), "fr", "-42,10\u00a0€"),
        (Decimal("-1042.1"), "en", "-€1,042.10"),
        ("8.0000", "fr-fr", "8,00\u00a0€"),
        (None, "fr", "—"),
    ],
)
def test_format_money(amount, language, expected):
    assert format_money(amount, language) == expected
