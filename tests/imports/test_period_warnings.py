"""A project dated outside its call's period is a warning in the preview, not an error: the
officer sees it beside the row and may still import (a historic file has real dates)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import formats, timezone, translation

from kopiena.casework.importing import run_import
from kopiena.grants.models import Application
from kopiena.grants.resources.applications import call_period

pytestmark = pytest.mark.django_db

HEADER = (
    "Lietas numurs;Reģistrācijas nr.;Konkurss;Projekta nosaukums;Sākums;Beigas;Statuss;"
    "Izdevumu pozīcija;Daudzums;Vienības cena;Pieprasītā summa;Līdzfinansējums"
)


def csv(call, start: dt.date, end: dt.date) -> bytes:
    row = (
        f"P-1;40008012345;{call.title};Kopienas dārzs;{start:%d.%m.%Y};{end:%d.%m.%Y};"
        "Melnraksts;Telpu īre;1;500,00;500,00;0"
    )
    return f"{HEADER}\n{row}\n".encode()


def test_the_period_runs_from_opening_to_the_longest_project_begun_at_closing(call):
    first, last = call_period(call)
    assert first == timezone.localtime(call.opens_at).date()
    closes = timezone.localtime(call.closes_at).date()
    assert last.year * 12 + last.month == closes.year * 12 + closes.month + 12
    assert last.day == closes.day


def test_dates_outside_the_call_warn_and_still_import(call, organisations, officer):
    first, last = call_period(call)
    data = csv(call, first - dt.timedelta(days=1), last + dt.timedelta(days=1))

    with translation.override("lv"):
        preview = run_import("applications", data, user=officer, file_name="p.csv")
        (row,) = preview.rows
        assert not preview.has_errors
        assert set(row.warnings) == {"Sākums", "Beigas"}
        assert "pirms konkursa atvēršanas" in row.warnings["Sākums"][0]
        result = run_import("applications", data, user=officer, file_name="p.csv", dry_run=False)
    assert result.written
    assert Application.objects.get(reference="P-1").planned_start == first - dt.timedelta(days=1)


def test_dates_inside_the_call_do_not_warn(call, organisations, officer):
    first, last = call_period(call)
    result = run_import("applications", csv(call, first, last), user=officer, file_name="p.csv")
    assert not result.has_errors
    assert not result.warning_rows


def test_the_preview_shows_the_warning_beside_the_row(client, call, organisations, officer):
    client.force_login(officer)
    first, last = call_period(call)
    data = csv(call, first, last + dt.timedelta(days=31))

    response = client.post(
        "/admin/import/",
        {"kind": "", "file": SimpleUploadedFile("p.csv", data)},
        HTTP_ACCEPT_LANGUAGE="lv",
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "data-import-warnings" in html
    assert 'data-count="warning">1<' in html
    with translation.override("lv"):
        assert formats.date_format(last + dt.timedelta(days=31), "SHORT_DATE_FORMAT") in html
    assert "pēc konkursa perioda" in html
    assert "data-confirm-import" in html  # a warning does not stop the import
