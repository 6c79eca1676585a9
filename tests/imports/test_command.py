"""``manage.py import_cases``: the same import from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kopiena.casework import audit
from kopiena.grants.models import Application, Organisation

from .conftest import FILES

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_cases", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_imports_a_file_telling_the_kind_from_its_headers(call, organisations, officer):
    out, err = run(FILES / "applications_libreoffice.xlsx", "--user", officer.username)

    assert "applications" in out and "3" in out
    assert "[##############################] 3/3" in err  # the progress bar, finished
    app = Application.objects.get(reference="LS-2024-001")
    entry = audit.entries_for(app)[0]
    assert entry.user == officer
    assert entry.data["file"] == "applications_libreoffice.xlsx"


def test_dry_run_writes_nothing(liepaja):
    out, _err = run(FILES / "organisations_libreoffice_cp1257.csv", "--dry-run")

    assert "3" in out
    assert Organisation.objects.count() == 0


def test_row_errors_are_listed_and_nothing_is_written(call, organisations):
    with pytest.raises(CommandError, match="5"):
        out, err = run(FILES / "applications_errors.csv", "--kind", "applications")
    assert Application.objects.count() == 0


def test_row_errors_name_row_and_column(call, organisations, capsys):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_cases", str(FILES / "applications_errors.csv"), stdout=StringIO(), stderr=err
        )
    # Each error names the spreadsheet's row and the column as the file spells it.
    assert "3. rinda, “Reģistrācijas nr.”" in err.getvalue()
    assert "5. rinda, “Konkurss”" in err.getvalue()


def test_unknown_user_and_missing_file_are_errors(tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path / "nav.csv")
    with pytest.raises(CommandError):
        run(FILES / "organisations_errors.csv", "--user", "nav-tada")


def test_wrong_kind_for_the_headers_is_a_clear_error(liepaja):
    with pytest.raises(CommandError, match="Izdevumu pozīcija|Konkurss"):
        run(FILES / "organisations_libreoffice_cp1257.csv", "--kind", "applications")
