"""Organisations are matched by registration number; blank cells keep what is there."""

import pytest

from kopiena.casework.importing import run_import
from kopiena.grants.models import Organisation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

HEAD = "Reģistrācijas nr.;Nosaukums;Sabiedriskā labuma organizācija;Kontaktpersona;Pašvaldība"


def csv(*lines) -> bytes:
    return ("\n".join([HEAD, *lines]) + "\n").encode("cp1257")


def test_a_new_organisation_needs_its_municipality(liepaja, officer):
    result = run_import(None, csv("40008012349;Cits;nē;;"), user=officer, file_name="o.csv")

    assert result.rows[0].status == "error"
    assert list(result.rows[0].errors) == ["Pašvaldība"]


def test_known_registration_number_updates_the_organisation(liepaja, officer):
    known = OrganisationFactory(
        registration_number="40008012345", name="Vecais", public_benefit=True, municipality=liepaja
    )
    data = csv("40008012345;Jaunais;;Anna Bērziņa;", "40008012349;Cits;nē;;Liepāja")

    result = run_import(None, data, user=officer, file_name="o.csv", dry_run=False)

    assert result.written, result.error_rows
    assert [row.status for row in result.rows] == ["changed", "new"]
    known.refresh_from_db()
    assert (known.name, known.public_benefit, known.contact_name) == (
        "Jaunais",
        True,  # blank cell: kept
        "Anna Bērziņa",
    )
    assert Organisation.objects.count() == 2

    again = run_import(None, data, user=officer, file_name="o.csv", dry_run=True)
    assert [row.status for row in again.rows] == ["unchanged", "unchanged"]
