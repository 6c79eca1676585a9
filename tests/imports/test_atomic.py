"""All or nothing: a database failure half-way through the writes leaves nothing behind,
and a dry run writes nothing."""

import pytest
from django.db import IntegrityError
from django.utils import translation
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.importing import ImportFileError, run_import
from kopiena.grants.models import Application, BudgetLine
from kopiena.grants.resources import applications as application_import

pytestmark = pytest.mark.django_db

HEAD = "Lietas numurs;Reģistrācijas nr.;Konkurss;Projekta nosaukums;Statuss;Izdevumu pozīcija;Summa"


def applications_csv(call, count: int) -> bytes:
    lines = [HEAD]
    for i in range(count):
        lines.append(f"A-{i};40008012345;{call.title};Projekts {i};Pabeigts;Telpas;100")
        lines.append(f"A-{i};;;;;Dēļi;50,50")
    return ("\n".join(lines) + "\n").replace("Pabeigts", "Noraidīts").encode("utf-8")


def test_a_database_error_half_way_writes_nothing(
    call, organisations, officer, monkeypatch, outbox
):
    monkeypatch.setattr(application_import, "BATCH", 2)
    real_bulk_create = Application.objects.bulk_create
    calls = []

    def failing_bulk_create(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:  # the first batch is in the database by now
            assert Application.objects.count() == 2
            raise IntegrityError("simulated failure on the second batch")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Application.objects, "bulk_create", failing_bulk_create)

    with translation.override("en"), pytest.raises(ImportFileError, match="nothing was written"):
        run_import(
            "applications",
            applications_csv(call, 5),
            user=officer,
            file_name="x.csv",
            dry_run=False,
        )

    assert calls == [2, 2]
    assert Application.objects.count() == 0
    assert BudgetLine.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action=audit.IMPORTED).exists()
    assert outbox == []


def test_a_dry_run_writes_nothing(call, organisations, officer, outbox):
    result = run_import(
        "applications", applications_csv(call, 3), user=officer, file_name="x.csv", dry_run=True
    )

    assert result.counts == {"new": 6, "changed": 0, "unchanged": 0, "error": 0}
    assert result.records["new"] == 3
    assert not result.written
    assert Application.objects.count() == 0
    assert not ModelLogEntry.objects.exists()


def test_one_bad_row_writes_nothing(call, organisations, officer):
    data = applications_csv(call, 4) + f"Z;40008012345;{call.title};Z;;Telpas;abc\n".encode()

    result = run_import("applications", data, user=officer, file_name="x.csv", dry_run=False)

    assert result.counts["error"] == 1 and result.counts["new"] == 8
    assert list(result.rows[-1].errors) == ["Summa"]
    assert not result.written
    assert Application.objects.count() == 0
