"""Bulk import of spreadsheets (CSV and XLSX) into case records, all or nothing.

``reading`` turns bytes into a tablib Dataset (encodings, separators, XLSX), ``widgets``
parse Latvian numbers, dates and yes/no, ``resources`` is the base the domain apps' resources
build on (``grants.resources``, ``community_work.resources``, found by ``registry``),
``runner.run_import`` validates and writes, ``views`` are the admin's upload → preview →
confirm, and ``manage.py import_cases`` does the same from the command line.
"""

from .reading import ImportFileError, read_dataset
from .registry import detect_kind, get_resource, kinds, kinds_for, register
from .runner import ImportResult, RowResult, run_import

__all__ = [
    "ImportFileError",
    "ImportResult",
    "RowResult",
    "detect_kind",
    "get_resource",
    "kinds",
    "kinds_for",
    "read_dataset",
    "register",
    "run_import",
]
