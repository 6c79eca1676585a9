"""Exports a Latvian office opens in Excel: CSV in UTF-8 with a BOM and ``;``, status
labels instead of codes, Latvian time to the minute, formulas neutralised; and the
applications "with budget lines" in the import's layout, so export → edit → import
round-trips."""

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from kopiena.casework.importing import run_import
from kopiena.grants.models import Application
from tests.factories.grants import BudgetLineFactory

pytestmark = pytest.mark.django_db

INDEX = "grants_applications:index"


def download(client, fmt):
    response = client.get(reverse(INDEX), {"export": fmt}, HTTP_ACCEPT_LANGUAGE="lv")
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_latvian_labels_and_riga_minutes(client, officer, application, member, act):
    act(application, "submit", member)
    Application.objects.filter(pk=application.pk).update(
        submitted_at=dt.datetime(2026, 3, 1, 10, 5, 7, 123456, tzinfo=dt.UTC)
    )
    client.force_login(officer)
    heading, row = csv_rows(download(client, "csv"))
    cells = dict(zip(heading, row, strict=True))
    assert cells["Statuss"] == "Iesniegts"
    assert "submitted" not in row
    assert "01.03.2026 12:05" in row  # 10:05 UTC is 12:05 in Riga, no seconds or micro
    assert any("," in cell and cell.replace(" ", "").replace(",", "").isdigit() for cell in row)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_cell_that_looks_like_a_formula_is_plain_text(client, officer, application, fmt):
    Application.objects.filter(pk=application.pk).update(title='=HYPERLINK("http://x","y")')
    client.force_login(officer)
    content = download(client, fmt)
    if fmt == "csv":
        cells = [cell for row in csv_rows(content) for cell in row]
    else:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert '\'=HYPERLINK("http://x","y")' in cells
    assert not any(cell.startswith("=") for cell in cells)


def test_xlsx_times_are_real_cells_in_riga_time(client, officer, application, member, act):
    act(application, "submit", member)
    moment = dt.datetime(2026, 7, 1, 21, 30, 15, 999, tzinfo=dt.UTC)
    Application.objects.filter(pk=application.pk).update(submitted_at=moment)
    client.force_login(officer)
    sheet = openpyxl.load_workbook(io.BytesIO(download(client, "xlsx"))).active
    values = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert dt.datetime(2026, 7, 2, 0, 30) in values
    assert "Iesniegts" in values


def test_export_with_budget_lines_goes_back_in_as_an_import(client, officer, application):
    BudgetLineFactory(application=application, description="Telpu noma")
    lines = list(application.budget_lines.all())
    assert len(lines) == 2
    client.force_login(officer)
    rows = csv_rows(download(client, "budget"))
    heading, body = rows[0], rows[1:]
    assert heading[:3] == ["Lietas numurs", "Reģistrācijas nr.", "Konkurss"]
    assert len(body) == len(lines)
    assert {row[0] for row in body} == {application.case_reference()}

    # Edit the title in "Excel" and import the file again: the same application changes.
    title_at = heading.index("Projekta nosaukums")
    body[0][title_at] = "Jauns nosaukums"
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([heading, *body])
    edited = ("\ufeff" + out.getvalue()).encode("utf-8")

    result = run_import(None, edited, user=officer, file_name="edited.csv", dry_run=False)
    assert result.kind == "applications"
    assert not result.has_errors, result.error_rows
    assert result.records == {"new": 0, "changed": 1, "unchanged": 0}
    application.refresh_from_db()
    assert application.title == "Jauns nosaukums"
    assert application.budget_lines.count() == len(lines)
