"""Identifiers are canonical (NFKC, spaces stripped) before they are validated, compared
for uniqueness or looked up: full-width digits are the same registration number."""

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError

from kopiena.grants.models import Organisation
from kopiena.portal import services
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

FULL_WIDTH = "４０００８３４００１７"  # 40008340017 in full-width digits


def test_full_width_digits_are_the_same_registration_number():
    OrganisationFactory(registration_number="40008340017")
    twin = OrganisationFactory.build(
        registration_number=FULL_WIDTH, municipality=Organisation.objects.get().municipality
    )
    with pytest.raises(ValidationError) as error:
        twin.full_clean()
    assert "registration_number" in error.value.message_dict


def test_a_registration_number_is_stored_canonical():
    organisation = OrganisationFactory(registration_number=" ４０００８ ３４００１７ ")
    organisation.refresh_from_db()
    assert organisation.registration_number == "40008340017"


def test_full_width_digits_cannot_pass_the_validator_unnormalised():
    from kopiena.grants.validators import REGISTRATION_NUMBER_RE

    assert not REGISTRATION_NUMBER_RE.match(FULL_WIDTH)


def test_an_iban_in_full_width_letters_is_the_ascii_iban():
    from kopiena.grants.validators import normalise_iban, validate_lv_iban

    iban = "ＬＶ８０ＢＡＮＫ００００４３５１９５００１"
    assert normalise_iban(iban) == "LV80BANK0000435195001"
    validate_lv_iban(iban)


def test_the_portal_form_folds_full_width_registration_numbers(client):
    from kopiena.portal.forms import OrganisationForm

    OrganisationFactory(registration_number="40008340017")
    other = OrganisationFactory.build()
    form = OrganisationForm(
        data={
            "name": "Dvīnis",
            "legal_form": "biedriba",
            "registration_number": FULL_WIDTH,
            "municipality": Organisation.objects.get().municipality_id,
            "contact_name": "X",
            "contact_email": "x@example.lv",
            "iban": other.iban,
        }
    )
    assert not form.is_valid()
    assert "registration_number" in form.errors


def test_e_mail_addresses_and_user_names_are_folded_before_look_up(
    rf, django_capture_on_commit_callbacks, outbox
):
    User.objects.create_user("anna@example.lv", "anna@example.lv", "x")
    # A full-width at sign and upper-case domain: the same mailbox.
    assert services.find_user_by_email(" anna＠EXAMPLE.LV ") is not None

    request = rf.post("/portal/signup/")
    with django_capture_on_commit_callbacks(execute=True):
        services.register(
            email="ｚａｎｅ@Example.LV", first_name="Z", last_name="K", request=request
        )
    user = User.objects.get(email="zane@example.lv")
    assert user.username == "zane@example.lv"
