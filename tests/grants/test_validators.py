"""Registration numbers and Latvian IBANs, as an NGO member types them."""

import pytest
from django.core.exceptions import ValidationError

from kopiena.grants.models import Organisation
from kopiena.grants.validators import (
    lv_iban,
    normalise_iban,
    validate_lv_iban,
    validate_registration_number,
)
from tests.factories.grants import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("number", ["40008012345", "50003462218", "00000000000"])
def test_registration_number_of_11_digits(number):
    validate_registration_number(number)


@pytest.mark.parametrize(
    "number", ["4000801234", "400080123456", "4000801234A", " 40008012345", "4000-801234", ""]
)
def test_registration_number_otherwise_refused(number):
    with pytest.raises(ValidationError) as info:
        validate_registration_number(number)
    assert "11" in info.value.messages[0]


@pytest.mark.parametrize(
    "iban",
    [
        "LV80BANK0000435195001",
        "LV80 BANK 0000 4351 9500 1",
        "lv80bank0000435195001",
        " LV80 BANK 0000 4351 9500 1 ",
        lv_iban("HABA", "0000012345678"),
        lv_iban("UNLA", "ABC1234567890"),
    ],
)
def test_valid_latvian_ibans(iban):
    validate_lv_iban(iban)


@pytest.mark.parametrize(
    ("iban", "code"),
    [
        ("EE382200221020145685", "iban_country"),
        ("DE89370400440532013000", "iban_country"),
        ("LV80BANK000043519500", "iban_length"),
        ("LV80BANK00004351950011", "iban_length"),
        ("LV80BAN10000435195001", "iban_format"),
        ("LVX0BANK0000435195001", "iban_format"),
        ("LV80BANK000043519500!", "iban_format"),
        ("LV81BANK0000435195001", "iban_checksum"),
        ("LV80BANK0000435195002", "iban_checksum"),
        ("LV80BANK0000435159001", "iban_checksum"),  # two digits swapped
    ],
)
def test_invalid_ibans_say_what_is_wrong(iban, code):
    with pytest.raises(ValidationError) as info:
        validate_lv_iban(iban)
    assert info.value.code == code
    assert info.value.messages[0]


def test_normalise_iban():
    assert normalise_iban(" lv80 bank 0000 4351 9500 1") == "LV80BANK0000435195001"
    assert normalise_iban(None) == ""


def test_organisation_stores_the_iban_without_spaces(db):
    org = OrganisationFactory(iban="lv80 bank 0000 4351 9500 1")
    org.refresh_from_db()
    assert org.iban == "LV80BANK0000435195001"
    org.iban = "LV80 BANK 0000 4351 9500 1"
    org.full_clean()
    assert org.iban == "LV80BANK0000435195001"


def test_organisation_form_errors_are_field_level(db):
    existing = OrganisationFactory(registration_number="40008012345")
    org = Organisation(
        name="Biedrība “Jauna”",
        registration_number="40008012345",
        iban="LV81BANK0000435195001",
        municipality=existing.municipality,
    )
    with pytest.raises(ValidationError) as info:
        org.full_clean()
    errors = info.value.message_dict
    assert set(errors) >= {"registration_number", "iban"}
    assert (
        "registration number" in errors["registration_number"][0]
        or "reģistrācijas" in (errors["registration_number"][0])
    )
