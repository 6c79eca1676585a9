"""Spreadsheet bytes into a :class:`tablib.Dataset`, the way Latvian offices save them.

CSV comes as UTF-8 (with or without the BOM Excel writes) or Windows-1257 (Excel and
LibreOffice on a Latvian Windows), separated by ``;`` (the Latvian list separator), ``,`` or
tabs; XLSX is read with openpyxl (first sheet, values not formulas). Header names are
trimmed; fully blank rows are kept, so a row's index still gives its line in the file
(:func:`row_number`), and the runner skips them.

Every file is bounded before it is expanded (``KOPIENA["IMPORT_LIMITS"]``: rows, columns,
unpacked bytes, characters in a cell): an XLSX's declared member sizes and sheet dimensions
are checked first, then its rows are streamed (openpyxl read-only) no further than the
limits, so a 1.5 kB workbook claiming a million rows is refused in milliseconds. Whatever
goes wrong inside a file is an :class:`ImportFileError` with a message, never a 500.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import zipfile

import tablib
from django.utils.translation import gettext as _

from kopiena.conf import kopiena_setting

logger = logging.getLogger(__name__)

#: Largest file the admin and the command accept.
MAX_BYTES = 20 * 1024 * 1024
DELIMITERS = ";,\t"
XLSX_MAGIC = b"PK\x03\x04"
#: The spreadsheet row holding the headers (1-based): data row ``i`` is line ``i + 2``.
HEADER_ROW = 1


class ImportFileError(Exception):
    """The file as a whole cannot be imported (unreadable, empty, headers missing). The
    message is for the person who uploaded it."""


def limits() -> dict[str, int]:
    """``rows``, ``columns``, ``unpacked_bytes`` and ``cell_chars`` (``kopiena.conf``)."""
    from kopiena.conf import DEFAULTS

    return {**DEFAULTS["IMPORT_LIMITS"], **(kopiena_setting("IMPORT_LIMITS") or {})}


def _too_many_rows(limit: int) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(rows)d rows; split it into smaller files.") % {"rows": limit}
    )


def _too_many_columns(limit: int) -> ImportFileError:
    return ImportFileError(
        _("The file has more than %(columns)d columns; remove the ones not imported.")
        % {"columns": limit}
    )


def _too_large_unpacked(limit: int) -> ImportFileError:
    return ImportFileError(
        _("The file holds more than %(size)d MB of data when unpacked; split it.")
        % {"size": max(1, limit // (1024 * 1024))}
    )


def _check_cell(value, limit: int, row_index: int) -> None:
    if isinstance(value, str) and len(value) > limit:
        raise ImportFileError(
            _("A cell in line %(line)d holds more than %(chars)d characters.")
            % {"line": row_index + HEADER_ROW, "chars": limit}
        )


def row_number(index: int) -> int:
    """The spreadsheet line of the dataset's row ``index`` (0-based)."""
    return index + HEADER_ROW + 1


def decode(data: bytes) -> str:
    """UTF-8 with or without BOM, else Windows-1257 (every byte decodes in it except a few
    unassigned ones, which mean the file is something else)."""
    marked = (
        ("UTF-8", b"\xef\xbb\xbf", lambda: data[3:].decode("utf-8")),
        ("UTF-16", b"\xff\xfe", lambda: data.decode("utf-16")),
        ("UTF-16", b"\xfe\xff", lambda: data.decode("utf-16")),
    )
    for encoding, bom, read in marked:
        if data.startswith(bom):
            try:
                return read()
            except UnicodeDecodeError:
                raise ImportFileError(
                    _("The file's text is damaged: it is not valid %(encoding)s. Save it again.")
                    % {"encoding": encoding}
                ) from None
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
    bounds = limits()
    if len(data) > bounds["unpacked_bytes"]:
        raise _too_large_unpacked(bounds["unpacked_bytes"])
    text = decode(data)
    delimiter = sniff_delimiter(text)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for index, row in enumerate(reader):
            if index > bounds["rows"]:  # the header row and ``rows`` rows of data
                raise _too_many_rows(bounds["rows"])
            if len(row) > bounds["columns"] and any(v.strip() for v in row[bounds["columns"] :]):
                raise _too_many_columns(bounds["columns"])
            for value in row:
                _check_cell(value, bounds["cell_chars"], index)
            rows.append(row[: bounds["columns"]])
    except csv.Error:
        raise ImportFileError(
            _("The CSV file cannot be read: a cell is too long or a quote is not closed.")
        ) from None
    return _dataset(rows)


def _cell(value):
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date()
    return value


def check_archive(data: bytes, limit: int) -> zipfile.ZipFile:
    """The ZIP's directory, refused when its members together unpack to more than
    ``limit`` bytes. ``zipfile`` never inflates a member past its declared size, so the
    declared sizes bound what reading can cost."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportFileError(_("The XLSX file cannot be read; is it damaged?")) from None
    if sum(info.file_size for info in members) > limit:
        raise _too_large_unpacked(limit)
    return archive


def read_xlsx(data: bytes) -> tablib.Dataset:
    from openpyxl import load_workbook

    bounds = limits()
    check_archive(data, bounds["unpacked_bytes"])
    damaged = ImportFileError(_("The XLSX file cannot be read; is it damaged?"))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (XML, zip, key, type) on a damaged file
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise damaged from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The XLSX file has no sheets."))
        sheet = workbook.worksheets[0]
        # The sheet's declared dimensions, before a cell is read.
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if declared_rows and declared_rows > bounds["rows"] + HEADER_ROW:
            raise _too_many_rows(bounds["rows"])
        if declared_columns and declared_columns > bounds["columns"]:
            raise _too_many_columns(bounds["columns"])
        # A missing or lying dimension is bounded too: never read (or pad) past the limits.
        # Blank rows are kept only when a row with values follows them (they give later rows
        # their line numbers), so openpyxl's padding up to the bound costs nothing.
        rows, blank = [], 0
        for index, row in enumerate(
            sheet.iter_rows(
                max_row=bounds["rows"] + HEADER_ROW + 1,
                max_col=bounds["columns"] + 1,
                values_only=True,
            )
        ):
            if not any(v is not None for v in row):
                blank += 1
                continue
            if index > bounds["rows"]:
                raise _too_many_rows(bounds["rows"])
            if len(row) > bounds["columns"] and _has_value(row[bounds["columns"]]):
                raise _too_many_columns(bounds["columns"])
            for value in row:
                _check_cell(value, bounds["cell_chars"], index)
            rows.extend([] for _ in range(blank))
            blank = 0
            rows.append([_cell(v) for v in row[: bounds["columns"]]])
    except ImportFileError:
        raise
    except Exception:
        logger.info("Unreadable XLSX upload", exc_info=True)
        raise damaged from None
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
            try:
                return read(data)
            except ImportFileError:
                raise
            except (UnicodeError, csv.Error, zipfile.BadZipFile, KeyError, ValueError, OSError):
                logger.info("Unreadable import file", exc_info=True)
                raise ImportFileError(
                    _("The file cannot be read; is it damaged? Save it again and retry.")
                ) from None
    if data.startswith(XLSX_MAGIC):
        return read_xlsx(data)
    if name.endswith((".xlsx", ".xls", ".ods")):
        raise ImportFileError(_("Only CSV and XLSX files can be imported; save the file as one."))
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("Only CSV and XLSX files can be imported; save the file as one."))
    return read_csv(data)
