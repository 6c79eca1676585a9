"""Import of a 10 000-application spreadsheet: rows per second beside a plain ``bulk_create``
of the same rows.

The file is the CSV a municipality exports from LibreOffice (semicolons, Latvian numbers and
dates), one row per budget line: 10 000 applications of generated organisations to the
generated calls, two budget lines each, half of them historic (completed, with the approved
amount and decision). It goes through ``casework.importing.run_import`` — reading, header
matching, every cell cleaned, lookups, validation, writing and the audit entries — as the
admin's import and ``manage.py import_cases`` do. The baseline builds the same applications
and budget lines as model objects and writes them with ``bulk_create``. Both run in the bench
database inside a transaction that is rolled back, so the database stays as it was.

Target: the import within 3× of the plain ``bulk_create`` time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from decimal import Decimal

from common import Result, report, setup_django

APPLICATIONS = 10_000
RATIO = 3.0


def lv_money(value: Decimal) -> str:
    whole, cents = f"{value:.2f}".split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{' '.join(groups)},{cents}"


def build(prefix: str):
    """(CSV bytes, number of rows, the same data as plain tuples for the baseline)."""
    from demo.data import grants_scale as scale
    from kopiena.grants.models import BudgetCategory, GrantCall

    organisations = list(
        scale.scale_organisations().order_by("pk").values_list("registration_number", flat=True)
    )
    calls = list(
        GrantCall.objects.filter(slug__startswith=scale.CALL_SLUG_PREFIX)
        .order_by("pk")
        .values_list("slug", flat=True)[:20]
    )
    header = [
        "Lietas numurs", "Reģistrācijas nr.", "Konkurss", "Projekta nosaukums", "Kopsavilkums",
        "Sākums", "Beigas", "Statuss", "Piešķirtā summa", "Lēmuma datums",
        "Izdevumu kategorija", "Izdevumu pozīcija", "Daudzums", "Mērvienība", "Vienības cena",
        "Pieprasītā summa", "Līdzfinansējums",
    ]  # fmt: skip
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(header)
    plain = []
    start, end = dt.date(2024, 3, 1), dt.date(2024, 11, 30)
    for n in range(APPLICATIONS):
        reference = f"{prefix}-{n + 1:06d}"
        organisation = organisations[n % len(organisations)]
        call = calls[n % len(calls)]
        completed = n % 2 == 0
        lines = (
            (BudgetCategory.STAFF, "Koordinatora darbs", Decimal("10"), "mēn.",
             Decimal("300.00"), Decimal("2700.00"), Decimal("300.00")),
            (BudgetCategory.MATERIALS, "Materiāli", Decimal("1"), "kompl.",
             Decimal("500.00"), Decimal("450.00"), Decimal("50.00")),
        )  # fmt: skip
        approved = Decimal("3000.00") if completed else None
        for number, (category, description, quantity, unit, unit_cost, req, own) in enumerate(
            lines
        ):
            first = number == 0
            writer.writerow(
                [
                    reference,
                    organisation if first else "",
                    call if first else "",
                    f"Importēts projekts {n + 1}" if first else "",
                    "Vēsturisks pieteikums no iepriekšējās sistēmas." if first else "",
                    start.strftime("%d.%m.%Y") if first else "",
                    end.strftime("%d.%m.%Y") if first else "",
                    ("completed" if completed else "draft") if first else "",
                    lv_money(approved) if first and approved else "",
                    "15.02.2024" if first and completed else "",
                    category.value,
                    description,
                    str(quantity),
                    unit,
                    lv_money(unit_cost),
                    lv_money(req),
                    lv_money(own),
                ]
            )
        plain.append((reference, organisation, call, n, completed, approved, lines))
    data = out.getvalue().encode("utf-8")
    return data, APPLICATIONS * 2, plain


def baseline_bulk_create(plain) -> float:
    """Seconds to write the same applications and lines with ``bulk_create``."""
    from django.db import transaction

    from kopiena.grants.models import (
        Application,
        ApplicationStatus,
        BudgetLine,
        GrantCall,
        Organisation,
    )

    organisations = dict(
        Organisation.objects.filter(registration_number__in={p[1] for p in plain}).values_list(
            "registration_number", "pk"
        )
    )
    municipality = dict(Organisation.objects.values_list("pk", "municipality_id"))
    calls = dict(GrantCall.objects.filter(slug__in={p[2] for p in plain}).values_list("slug", "pk"))
    started = time.perf_counter()
    with transaction.atomic():
        apps = []
        for reference, organisation, call, n, completed, approved, _lines in plain:
            org_id = organisations[organisation]
            apps.append(
                Application(
                    reference=f"{reference}-b",
                    organisation_id=org_id,
                    call_id=calls[call],
                    municipality_id=municipality[org_id],
                    title=f"Importēts projekts {n + 1}",
                    status=ApplicationStatus.COMPLETED if completed else ApplicationStatus.DRAFT,
                    approved_amount=approved,
                    requested_amount=Decimal("3150.00"),
                    own_contribution=Decimal("350.00"),
                    total_cost=Decimal("3500.00"),
                )
            )
        Application.objects.bulk_create(apps, batch_size=1000)
        lines = [
            BudgetLine(
                application_id=app.pk,
                category=category,
                description=description,
                quantity=quantity,
                unit=unit,
                unit_cost=unit_cost,
                requested=req,
                own=own,
                sort_order=number,
            )
            for app, p in zip(apps, plain, strict=True)
            for number, (category, description, quantity, unit, unit_cost, req, own) in enumerate(
                p[6]
            )
        ]
        BudgetLine.objects.bulk_create(lines, batch_size=1000)
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed


def timed_import(data: bytes) -> tuple[float, object]:
    from django.contrib.auth.models import User
    from django.db import transaction

    from kopiena.casework.importing import run_import

    officer = User.objects.get(username="koordinators")
    started = time.perf_counter()
    with transaction.atomic():
        result = run_import(
            "applications", data, user=officer, file_name="bench-import.csv", dry_run=False
        )
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, result


def main() -> None:
    setup_django()
    prefix = f"IMP{int(time.time()) % 100000}"
    data, rows, plain = build(prefix)
    base = baseline_bulk_create(plain)
    elapsed, result = timed_import(data)
    if not result.written:
        for row in result.error_rows[:5]:
            print(f"  row {row.number}: {row.errors}")
    ratio = elapsed / base
    report(
        Result(
            name=f"import {APPLICATIONS:,} applications ({rows:,} CSV rows)".replace(",", " "),
            figure=rows / elapsed,
            unit="rows/s",
            target=f"≤ {RATIO:.0f}× bulk_create time",
            baseline=f"bulk_create {rows / base:,.0f} rows/s".replace(",", " "),
            met=bool(result.written) and ratio <= RATIO,
            note=(
                f"import {elapsed:.1f} s, bulk_create {base:.1f} s ({ratio:.1f}×); "
                f"written: {result.written}, records {result.records}"
            ),
        )
    )


if __name__ == "__main__":
    main()
