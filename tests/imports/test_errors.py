"""Row errors name the column; one bad row and nothing is written; existing records keep
their status."""

from decimal import Decimal

import pytest

from kopiena.casework.importing import ImportFileError, run_import
from kopiena.grants.models import Application, Organisation
from tests.factories import ApplicationFactory, OrganisationFactory

from .conftest import read

pytestmark = pytest.mark.django_db

HEAD = "Lietas numurs;Reģistrācijas nr.;Konkurss;Projekta nosaukums;Statuss;Izdevumu pozīcija;Summa"


def csv(*lines, head=HEAD) -> bytes:
    return ("\n".join([head, *lines]) + "\n").encode("utf-8")


def test_application_row_errors_name_their_column_and_nothing_is_written(
    call, organisations, officer
):
    result = run_import(
        None, read("applications_errors.csv"), user=officer, file_name="e.csv", dry_run=False
    )

    assert not result.written
    assert Application.objects.count() == 0
    by_row = {row.number: row for row in result.rows}
    assert by_row[2].status == "new" and not by_row[2].errors
    assert "Reģistrācijas nr." in by_row[3].errors
    assert "40000000000" in by_row[3].errors["Reģistrācijas nr."][0]
    assert "11" in by_row[4].errors["Reģistrācijas nr."][0]
    assert list(by_row[5].errors) == ["Konkurss"]
    assert "Nezināms konkurss" in by_row[5].errors["Konkurss"][0]
    assert "2" in by_row[6].errors["Lietas numurs"][0]  # repeats row 2
    assert list(by_row[7].errors) == ["Pieprasītā summa"]  # 1.234,567: three decimals
    assert result.counts["error"] == 5


def test_organisation_row_errors(liepaja, officer):
    OrganisationFactory(registration_number="40008012345", municipality=liepaja)

    result = run_import(
        "organisations", read("organisations_errors.csv"), user=officer, file_name="o.csv"
    )

    by_row = {row.number: row.errors for row in result.rows}
    assert list(by_row[2]) == ["IBAN"]  # check digits
    assert list(by_row[3]) == ["Reģistrācijas nr."]
    assert list(by_row[4]) == ["Reģistrācijas nr."]  # the same number as row 2
    assert "2" in by_row[4]["Reģistrācijas nr."][0]
    assert list(by_row[5]) == ["Pašvaldība"]
    assert "Atlantīda" in by_row[5]["Pašvaldība"][0]


def test_existing_application_keeps_its_status_a_differing_one_is_an_error(
    call, organisations, officer
):
    app = ApplicationFactory(
        call=call, organisation=organisations[0], reference="LS-1", status="submitted"
    )

    result = run_import(
        "applications",
        # Blank budget cells: the budget is left as it is.
        csv(f"LS-1;40008012345;{call.title};Jauns nosaukums;Pabeigts;;"),
        user=officer,
        file_name="x.csv",
        dry_run=False,
    )

    assert result.rows[0].status == "error"
    assert list(result.rows[0].errors) == ["Statuss"]
    app.refresh_from_db()
    assert (app.status, app.title) == ("submitted", app.title)
    assert app.title != "Jauns nosaukums"


def test_existing_application_is_matched_by_reference_and_updated(call, organisations, officer):
    app = ApplicationFactory(call=call, organisation=organisations[0], reference="LS-2")
    line = app.budget_lines.get()

    same_budget = f"{line.description};{line.requested + line.own}"
    result = run_import(
        "applications",
        csv(f"LS-2;40008012345;{call.title};Jauns nosaukums;Melnraksts;{same_budget}"),
        user=officer,
        file_name="x.csv",
        dry_run=False,
    )

    assert result.written
    assert result.records["changed"] == 1
    app.refresh_from_db()
    assert app.title == "Jauns nosaukums"
    assert app.status == "draft"
    assert Application.objects.count() == 1


def test_a_row_without_reference_is_always_new(call, organisations, officer):
    ApplicationFactory(call=call, organisation=organisations[0], title="Dārzs")

    result = run_import(
        "applications",
        csv(f";40008012345;{call.title};Dārzs;;Telpas;100"),
        user=officer,
        file_name="x.csv",
        dry_run=False,
    )

    assert result.records["new"] == 1
    assert Application.objects.filter(title="Dārzs").count() == 2


def test_approved_amount_over_requested_is_an_error(call, organisations, officer):
    head = HEAD + ";Piešķirtā summa"
    result = run_import(
        "applications",
        csv(f"A-1;40008012345;{call.title};Dārzs;Apstiprināts;Telpas;100;150", head=head),
        user=officer,
        file_name="x.csv",
    )

    assert list(result.rows[0].errors) == ["Piešķirtā summa"]


def test_application_rows_of_one_reference_must_agree(call, organisations, officer):
    result = run_import(
        "applications",
        csv(
            f"A-1;40008012345;{call.title};Dārzs;;Telpas;100",
            f"A-1;50008067890;{call.title};Dārzs;;Dēļi;50",
        ),
        user=officer,
        file_name="x.csv",
    )

    assert result.rows[0].status == "new"
    assert list(result.rows[1].errors) == ["Reģistrācijas nr."]


def test_missing_required_headers_are_a_file_error(officer, call):
    with pytest.raises(ImportFileError, match="Izdevumu pozīcija"):
        run_import(
            "applications",
            b"Reg. nr.;Konkurss;Projekta nosaukums\n40008012345;x;y\n",
            user=officer,
            file_name="x.csv",
        )


@pytest.mark.parametrize(
    "data",
    [b"", b"   \n", b"Nosaukums;Reg. nr.\n", b"\x00\x01\x02binary" * 10],
    ids=["empty", "blank", "headers-only", "binary"],
)
def test_unreadable_files_are_a_file_error(data, officer):
    with pytest.raises(ImportFileError):
        run_import("organisations", data, user=officer, file_name="x.csv")


def test_header_names_match_trimmed_and_case_insensitively(liepaja, officer):
    data = " reģistrācijas NR. ;NOSAUKUMS ; pašvaldība\n40008012345;Biedrība;liepaja\n"
    result = run_import(None, data.encode("cp1257"), user=officer, file_name="x.csv", dry_run=False)

    assert result.kind == "organisations" and result.written
    assert Organisation.objects.get().municipality == liepaja


def test_decimal_spellings(call, organisations, officer):
    head = "Reģistrācijas nr.;Konkurss;Projekta nosaukums;Izdevumu pozīcija;Pieprasītā summa"
    rows = [
        f'40008012345;{call.title};P{i};L;"{amount}"'
        for i, amount in enumerate(["1 234,50", "1\u00a0234,50", "1234.50", "1.234,50", "€ 1234,5"])
    ]
    result = run_import(
        "applications", csv(*rows, head=head), user=officer, file_name="x.csv", dry_run=False
    )

    assert not result.has_errors, result.error_rows
    assert set(Application.objects.values_list("requested_amount", flat=True)) == {
        Decimal("1234.50")
    }


def test_historic_approvals_must_fit_in_what_the_call_has_left(call, organisations, officer):
    """Budget 50 000 less a 1 000 reserve, 40 000 already approved: 9 000 left. Rows in file
    order: 8 000 fits, 2 000 does not (1 000 left), exactly 1 000 fits again."""
    from kopiena.grants.models import ApplicationStatus

    type(call).objects.filter(pk=call.pk).update(reserve=Decimal("1000.00"))
    held = ApplicationFactory(call=call, budget=[{"requested": Decimal("40000.00")}])
    Application.objects.filter(pk=held.pk).update(
        status=ApplicationStatus.APPROVED, approved_amount=Decimal("40000.00")
    )
    head = HEAD + ";Piešķirtā summa"
    rows = [
        f"A-1;40008012345;{call.title};Dārzs;Apstiprināts;Telpas;8000;8000",
        f"A-2;40008012345;{call.title};Sols;Apstiprināts;Telpas;2000;2000",
        f"A-3;50008067890;{call.title};Soliņš;Pabeigts;Telpas;1000;1000",
    ]

    result = run_import(
        "applications", csv(*rows, head=head), user=officer, file_name="x.csv", dry_run=False
    )

    errors = {row.number: row.errors for row in result.rows}
    assert errors[2] == {} and errors[4] == {}
    assert list(errors[3]) == ["Piešķirtā summa"]
    assert "1 000,00" in errors[3]["Piešķirtā summa"][0].replace("\xa0", " ")
    assert not result.written
    assert Application.objects.count() == 1
    # Without the row that does not fit, the rest imports.
    fine = run_import(
        "applications",
        csv(rows[0], rows[2], head=head),
        user=officer,
        file_name="x.csv",
        dry_run=False,
    )
    assert fine.written and Application.objects.count() == 3
