"""The import samples (tests/imports/files) import into the demo as a grant officer and a
head of a social service would use them: the call, the places and the people they name are
the demo's, so no row has an error."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from kopiena.casework.importing import run_import
from kopiena.community_work.models import Initiative
from kopiena.grants.models import Application
from tests.imports.conftest import read

pytestmark = pytest.mark.django_db

ORGANISATIONS = ["organisations_libreoffice_cp1257.csv", "organisations_libreoffice_utf8_comma.csv"]
APPLICATIONS = [
    "applications_libreoffice.xlsx",
    "applications_libreoffice_cp1257.csv",
    "applications_utf8_bom_comma.csv",
]
INITIATIVES = ["initiatives_libreoffice.xlsx", "initiatives_utf8_bom_tab.csv"]


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=io.StringIO())


def _clean(name, user, *, write=False):
    result = run_import(None, read(name), user=user, file_name=name, dry_run=not write)
    assert not result.has_errors, (name, result.error_rows)
    assert not result.warning_rows, (name, result.warning_rows)
    return result


def test_every_sample_imports_into_the_demo_without_row_errors(demo):
    officer = User.objects.get(username="koordinators")
    head = User.objects.get(username="vaditajs")

    # The organisations first: the applications name them.
    assert _clean(ORGANISATIONS[0], officer, write=True).written
    _clean(ORGANISATIONS[1], officer)
    for name in APPLICATIONS:
        _clean(name, officer)
    assert _clean(APPLICATIONS[0], officer, write=True).records["new"] == 3
    for name in INITIATIVES:
        assert _clean(name, head).records["new"] == 3

    garden = Application.objects.get(reference="LS-2024-001")
    assert garden.call.slug == "liepaja-pilsoniskas-sabiedribas-organizaciju-konkurss-2024"
    assert garden.organisation.municipality.slug == "liepaja"
    assert not Initiative.objects.filter(reference__startswith="KI-").exists()  # dry runs
