import pytest
from django.core.exceptions import ValidationError

from maillage.people.siret import is_valid_siret, validate_siret
from tests.factories import VALID_SIRETS


@pytest.mark.parametrize("siret", VALID_SIRETS)
def test_known_valid_sirets_pass(siret):
    assert is_valid_siret(siret)


def test_spaces_typed_by_people_are_ignored():
    assert is_valid_siret("213 300 635 00017")


def test_a_wrong_check_digit_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as refused:
        validate_siret("21330063500018")
    assert refused.value.code == "siret_checksum"


def test_a_wrong_length_says_how_many_characters_were_typed():
    with pytest.raises(ValidationError) as refused:
        validate_siret("1234")
    assert refused.value.code == "siret_length"
    assert refused.value.params == {"count": 4}


def test_la_poste_establishments_use_their_own_rule():
    assert is_valid_siret("35600000000010")  # digits add up to a multiple of 5
    assert not is_valid_siret("35600000000011")
