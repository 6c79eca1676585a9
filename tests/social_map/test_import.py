"""Importing entries: a municipality's spreadsheet (one row per service at a place) and an
HSDS data package, through the casework import — field messages per column, all or nothing,
editors only, and an HSDS export that imports back."""

import io
import zipfile

import pytest
from django.urls import reverse

from kopiena.casework.importing import ImportFileError, run_import
from kopiena.social_map.models import Service, ServiceAtLocation
from tests.factories import entry

pytestmark = pytest.mark.django_db

HEADER = (
    "Pašvaldība;Organizācija;Pakalpojums;Palīdzības jomas;Adrese;Pasta indekss;Platums;"
    "Garums;Darba laiks;Tālrunis;Valodas;Bez maksas\n"
)


def csv_file(*rows):
    return (HEADER + "".join(";".join(row) + "\n" for row in rows)).encode("utf-8")


ROW = [
    "Liepāja",
    "Biedrība “Siltā karote”",
    "Zupas virtuve",
    "Pārtika un mantas",
    "Jaunā ostmala 20",
    "LV-3401",
    "56,5093",
    "21,0081",
    "P–Sv 12:00–14:00",
    "26 000 401",
    "latviešu, krievu",
    "jā",
]


def test_a_spreadsheet_previews_and_writes_entries(liepaja, map_editor):
    second = [*ROW]
    second[4], second[6], second[7] = "Ostas iela 9", "56,5139", "21,0062"
    data = csv_file(ROW, second)
    preview = run_import(None, data, user=map_editor, file_name="karte.csv", dry_run=True)
    assert preview.kind == "social_map_entries"
    assert not preview.has_errors, [r.errors for r in preview.rows]
    assert preview.records["new"] == 1 and not Service.objects.exists()

    result = run_import(None, data, user=map_editor, file_name="karte.csv", dry_run=False)
    assert result.written
    service = Service.objects.get()
    assert (
        service.name == "Zupas virtuve" and service.organization.name == "Biedrība “Siltā karote”"
    )
    assert ServiceAtLocation.objects.filter(service=service).count() == 2
    site = service.sites.first()
    assert site.schedules.get().byday == "MO,TU,WE,TH,FR,SA,SU"
    assert service.phones.get().number == "+371 26000401"
    again = run_import(None, data, user=map_editor, file_name="karte.csv", dry_run=True)
    assert again.records["unchanged"] == 1


def test_bad_cells_are_messages_under_their_columns_and_nothing_is_written(liepaja, map_editor):
    bad = [*ROW]
    bad[2] = "Vakariņas"
    bad[6] = "60,1"  # north of Latvia
    bad[8] = "P–Pk 17:00–09:00"
    bad[9] = "12"
    bad[3] = "Kosmoss"
    result = run_import(
        None, csv_file(ROW, bad), user=map_editor, file_name="karte.csv", dry_run=False
    )
    assert not result.written and not Service.objects.exists()
    errors = result.error_rows[0].errors
    assert "outside Latvia" in " ".join(errors["Platums"])
    assert "not after" in " ".join(errors["Darba laiks"])
    assert "phone" in " ".join(errors["Tālrunis"])
    assert "Kosmoss" in " ".join(errors["Palīdzības jomas"])


def test_only_editors_import(client, liepaja, member):
    from kopiena.casework.importing import kinds_for

    assert "social_map_entries" not in kinds_for(member)


def test_an_hsds_package_exported_here_imports_back(client, ngo, map_editor):
    entry(organization=ngo, name="Mantu apmaiņa", areas=("item-exchange",), locations=2)
    package = client.get(reverse("cases_api:social_map_hsds_package")).content
    Service.objects.all().delete()
    result = run_import(None, package, user=map_editor, file_name="hsds.zip", dry_run=False)
    assert result.written, [r.errors for r in result.rows]
    service = Service.objects.get()
    assert service.name == "Mantu apmaiņa" and service.organization == ngo
    assert service.sites.count() == 2
    assert list(service.areas.values_list("code", flat=True)) == ["item-exchange"]
    assert service.sites.first().schedules.get().byday == "MO,TU,WE,TH,FR,SA,SU"


def test_a_zip_without_services_is_refused(map_editor):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("datapackage.json", "{}")
    with pytest.raises(ImportFileError):
        run_import(None, buffer.getvalue(), user=map_editor, file_name="tukss.zip")
