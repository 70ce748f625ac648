from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils.translation import override

from maillage.core.formatting import format_duration, format_money


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


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [
        (90, "1\u00a0h\u00a030"),
        (240, "4\u00a0h"),
        (5, "0\u00a0h\u00a005"),
        (0, "0\u00a0h"),
        (1439.6, "24\u00a0h"),
        (None, "—"),
    ],
)
def test_format_duration(minutes, expected):
    assert format_duration(minutes) == expected


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "1\u00a0234,56\u00a0€"), ("en", "€1,234.56")]
)
def test_the_money_filter_follows_the_page_language(language, expected):
    template = Template("{{ amount|money }}")
    with override(language):
        assert template.render(Context({"amount": Decimal("1234.56")})) == expected


def test_the_duration_filter():
    assert Template("{{ m|duration }}").render(Context({"m": 150})) == "2\u00a0h\u00a030"


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (Decimal("0.6360"), "fr", "0,636"),
        (Decimal("1.0500"), "en", "1.05"),
        (Decimal("10.00"), "fr", "10"),
    ],
)
def test_the_decimal_filter_drops_padding_zeros(value, language, expected):
    with override(language):
        assert Template("{{ v|decimal }}").render(Context({"v": value})) == expected


def test_the_percent_filter():
    with override("fr"):
        rendered = Template("{{ v|percent }}").render(Context({"v": Decimal("0.0825")}))
    assert rendered == "8,25\u00a0%"
