"""``run_import``: one file, one kind of records, all or nothing.

Reads the file (or takes a ready Dataset), matches the headers, cleans every cell with its
column's widget (a bad cell is a message under that column), lets the resource look up
what the rows refer to and validate them, and — unless it is a dry run or any row has an
error — writes everything in one transaction. A failure half-way rolls all of it back.
The admin views, ``manage.py import_cases`` and the benchmark call this and nothing else.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import tablib
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from .reading import ImportFileError, read_dataset, row_number
from .registry import detect_kind, get_resource
from .resources import CHANGED, ERROR, NEW, STATUSES, UNCHANGED, Row


@dataclass
class RowResult:
    number: int
    status: str
    label: str
    errors: dict[str, list[str]]
    warnings: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    dry_run: bool
    rows: list[RowResult]
    #: Records (not rows: an application has a row per budget line) new/changed/unchanged.
    records: dict[str, int]
    ignored_headers: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def counts(self) -> dict[str, int]:
        counts = Counter(r.status for r in self.rows)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def has_errors(self) -> bool:
        return any(r.status == ERROR for r in self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def warning_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.warnings]


def _is_blank(values) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


def parse_rows(resource, dataset: tablib.Dataset) -> tuple[list[Row], list[str]]:
    """Clean every cell; raise :class:`ImportFileError` when required headers are missing."""
    matched, missing, ignored = resource.match_headers(dataset.headers or [])
    if missing:
        raise ImportFileError(
            _("The file lacks the required columns: %(columns)s.")
            % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    columns = resource.columns()
    headers = {key: dataset.headers[index] for index, key in matched.items()}
    rows = []
    for index, values in enumerate(dataset):
        if _is_blank(values):
            continue
        row = Row(number=row_number(index), raw={}, headers=headers)
        for column_index, key in matched.items():
            value = values[column_index]
            row.raw[key] = value
            try:
                row.values[key] = columns[key].widget.clean(value, row=row.raw)
            except ValueError as exc:
                row.values[key] = None
                row.error(key, exc)
        rows.append(row)
    if not rows:
        raise ImportFileError(_("The file has headers but no rows to import."))
    return rows, ignored


def run_import(
    kind: str | None,
    source,
    *,
    user=None,
    file_name: str = "",
    dry_run: bool = True,
    progress=None,
) -> ImportResult:
    """Validate ``source`` (bytes of a CSV/XLSX file, or a ``tablib.Dataset``) as records of
    ``kind`` (``None``: tell from the headers) and, unless ``dry_run`` or a row has an
    error, write them all in one transaction.

    ``user`` and ``file_name`` go into the audit trail of every imported case.
    ``progress(done, total)`` is called while writing. Raises :class:`ImportFileError` when
    the file as a whole cannot be imported.
    """
    dataset = source if isinstance(source, tablib.Dataset) else read_dataset(source, file_name)
    kind = kind or detect_kind(dataset.headers or [])
    resource = get_resource(kind)(user=user, file_name=file_name)
    rows, ignored = parse_rows(resource, dataset)
    written = False
    try:
        with transaction.atomic():
            resource.prepare(rows)
            resource.validate(rows)
            if not dry_run and not any(row.has_errors for row in rows):
                resource.write(rows, progress=progress)
                written = True
    except DatabaseError as exc:
        # Left the atomic block: everything this import wrote is rolled back.
        raise ImportFileError(
            _("The database refused the import, so nothing was written: %(error)s") % {"error": exc}
        ) from exc
    results = [
        RowResult(
            number=r.number,
            status=r.final_status(),
            label=r.label,
            errors=r.errors,
            warnings=r.warnings,
        )
        for r in rows
    ]
    return ImportResult(
        kind=kind,
        file_name=file_name,
        dry_run=dry_run,
        rows=results,
        records=dict(resource.record_counts),
        ignored_headers=ignored,
        written=written,
    )


__all__ = ["CHANGED", "ERROR", "NEW", "UNCHANGED", "ImportResult", "RowResult", "run_import"]
