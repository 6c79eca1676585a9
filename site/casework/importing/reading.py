"""Spreadsheet bytes into a :class:`tablib.Dataset`, the way Latvian offices save them.

CSV comes as UTF-8 (with or without the BOM Excel writes) or Windows-1257 (Excel and
LibreOffice on a Latvian Windows), separated by ``;`` (the Latvian list separator), ``,`` or
tabs; XLSX is read with openpyxl (first sheet, values not formulas). Header names are
trimmed; fully blank rows are kept, so a row's index still gives its line in the file
(:func:`row_number`), and the runner skips them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import tablib
from django.utils.translation import gettext as _

#: Largest file the admin and the command accept.
MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = ";,\t"
XLSX_MAGIC = b"PK\x03\x04"
#: The spreadsheet row holding the headers (1-based): data row ``i`` is line ``i + 2``.
HEADER_ROW = 1


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, empty, headers missing). The
    message is for the person who uploaded it."""


def row_number(index: int) -> int:
    """The spreadsheet line of the dataset's row ``index`` (0-based)."""
    return index + HEADER_ROW + 1


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1257 (every byte decodes in it except a few
    unassigned ones, which mean the file is something else)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1257")
    except UnicodeDecodeError:
        raise ImportFileError(
            _("The file is neither UTF-8 nor Windows-1257 text; save it as CSV or XLSX.")
        ) from None


def sniff_delimiter(text: str) -> str:
    """The separator of the header line: the most frequent of ``;``, ``,`` and tab outside
    quotes (``csv.Sniffer`` guesses wrong on short files with decimal commas)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _clean_header(value) -> str:
    return " ".join(str(value if value is not None else "").split())


def _dataset(rows: list[list]) -> tablib.Dataset:
    if not any(_has_value(v) for row in rows for v in row):
        raise ImportFileError(_("The file is empty."))
    headers = [_clean_header(h) for h in rows[0]]
    while headers and not headers[-1]:
        headers.pop()
    if not any(headers):
        raise ImportFileError(_("The first row must hold the column headers."))
    width = len(headers)
    body = []
    for row in rows[1:]:
        row = list(row[:width]) + [""] * (width - len(row))
        body.append(["" if v is None else v for v in row])
    while body and not any(_has_value(v) for v in body[-1]):
        body.pop()
    if not body:
        raise ImportFileError(_("The file has headers but no rows to import."))
    dataset = tablib.Dataset(headers=headers)
    for row in body:
        dataset.append(row)
    return dataset


def _has_value(value) -> bool:
    return value is not None and str(value).strip() != ""


def read_csv(data: bytes) -> tablib.Dataset:
    text = decode(data)
    delimiter = sniff_delimiter(text)
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    return _dataset(rows)


def _cell(value):
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    return value


def read_xlsx(data: bytes) -> tablib.Dataset:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportFileError(_("The XLSX file cannot be read; is it damaged?")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _dataset(rows)


#: Readers of file kinds a domain app adds (e.g. the social map's HSDS data package, a ZIP
#: of CSVs that must not be taken for an XLSX): ``(extensions, sniff, read)``, registered with
#: :func:`register_reader` from the app's ``resources.py``.
_readers: list[tuple[tuple[str, ...], object, object]] = []


def register_reader(extensions: tuple[str, ...], sniff, read) -> None:
    """``sniff(data, file_name) -> bool`` says whether ``read(data) -> Dataset`` takes the
    file; tried before the CSV and XLSX readers."""
    _readers.append((tuple(extensions), sniff, read))


def registered_extensions() -> tuple[str, ...]:
    from .registry import kinds

    kinds()  # the readers are registered by the resources modules it discovers
    return tuple(ext for extensions, _sniff, _read in _readers for ext in extensions)


def read_dataset(data: bytes, file_name: str = "") -> tablib.Dataset:
    """The file's first sheet as a Dataset; raises :class:`ImportFileError` with a message
    for the uploader when it cannot be read."""
    if not data or not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(size)d MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    name = (file_name or "").lower()
    for _extensions, sniff, read in _readers:
        if sniff(data, name):
            return read(data)
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if name.endswith((".xlsx", ".xls", ".ods")):
        raise ImportFileError(_("Only CSV and XLSX files can be imported; save the file as one."))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("Only CSV and XLSX files can be imported; save the file as one."))
    return read_csv(data)
