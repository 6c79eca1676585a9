"""CSV and XLSX of the monitoring tables, as the admin's other exports: CSV in UTF-8 with a
BOM and ``;`` between columns (what a Latvian spreadsheet opens), XLSX through openpyxl."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

FORMATS = ("csv", "xlsx")


def spreadsheet_response(filename: str, headings: list[str], rows: list[list], fmt: str):
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.append([str(h) for h in headings])
        for row in rows:
            sheet.append([_cell(value) for value in row])
        buffer = io.BytesIO()
        book.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    text = io.StringIO()
    text.write("\ufeff")
    writer = csv.writer(text, delimiter=";")
    writer.writerow([str(h) for h in headings])
    for row in rows:
        writer.writerow(["" if value is None else str(value) for value in row])
    response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _cell(value):
    if value is None:
        return None
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float)):
        return value
    return str(value)
