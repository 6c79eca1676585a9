"""Spreadsheet exports a Latvian office opens as it expects.

Wagtail's listings export CSV with ``,`` and no byte-order mark (Excel in Latvia shows
one garbled column), stored codes (``draft``) and UTC timestamps with microseconds.
:class:`OfficeExportMixin`, mixed into every Kopiena listing's index view by
:class:`~kopiena.casework.viewsets.KopienaViewSetMixin`, writes instead:

* CSV in UTF-8 with a BOM, ``;`` between cells, decimals with a comma;
* the label of a field with choices (in the reader's language), Yes/No for booleans;
* times in Europe/Riga to the minute (XLSX gets real date and number cells);
* any text cell that a spreadsheet would read as a formula (``=``, ``+``, ``-``, ``@``,
  tab, carriage return) prefixed with an apostrophe, in CSV and XLSX alike.

:func:`csv_bytes` writes the same dialect for other exports (the applications "with
budget lines" in the import's layout, ``grants.resources``).
"""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.db import models
from django.utils import timezone

from .dates import RIGA
from .phrases import yes_no

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A text a spreadsheet would run as a formula, made plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def riga_minute(value: dt.datetime) -> dt.datetime:
    """Latvian time, naive, without seconds' fractions (Excel has no time zones)."""
    if timezone.is_aware(value):
        value = timezone.localtime(value, RIGA)
    return value.replace(tzinfo=None, microsecond=0, second=0)


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return riga_minute(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal | float):
        return f"{value:f}".replace(".", ",") if isinstance(value, Decimal) else str(value)
    return neutralise(str(value))


def xlsx_cell(value):
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, dt.datetime):
        return riga_minute(value)
    if isinstance(value, str):
        return neutralise(value)
    return value


def csv_bytes(rows) -> bytes:
    """Rows (lists of cells, the first the headings) as Latvian Excel's CSV."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=DELIMITER, lineterminator="\r\n")
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


class OfficeExportMixin:
    """For a Wagtail index view with ``SpreadsheetExportMixin`` (see the module docstring)."""

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for field_name in row:
            try:
                field = item._meta.get_field(field_name)
            except Exception:  # a method, a property or a dotted path
                continue
            if isinstance(field, models.Field) and field.choices and not field.is_relation:
                row[field_name] = getattr(item, f"get_{field_name}_display")()
        return row

    def preprocess_field_value(self, field, value, export_format):
        if export_format == self.FORMAT_CSV:
            if isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            return csv_cell(value)
        value = super().preprocess_field_value(field, xlsx_cell(value), export_format)
        return neutralise(value) if isinstance(value, str) else value

    def stream_csv(self, queryset):
        writer = csv.DictWriter(
            _Echo(), fieldnames=self.list_export, delimiter=DELIMITER, lineterminator="\r\n"
        )
        yield BOM.encode() + writer.writerow(
            {field: self.get_heading(queryset, field) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    def write_csv_response(self, queryset):
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        return response


class _Echo:
    def write(self, value):
        return value.encode("utf-8")
