"""Spreadsheet imports of organisations and of applications with their budget lines.

Registered with :mod:`casework.importing` (found by autodiscovery of ``resources``
modules); the runner there reads the file, cleans the cells and calls ``prepare``,
``validate`` and ``write`` below in one transaction. The column headers are listed in the
README ("Importing spreadsheets").

Applications are flat: **one row per budget line**, the application's columns repeated on
each of its rows (or given on the first and left blank below) and the rows grouped by
``Lietas numurs`` (reference). A row without a reference is an application of its own with
that one line. Totals are the sums of the lines, computed here as
:meth:`Application.recalculate_totals` does, because ``bulk_create`` sends no signals.
"""

from kopiena.casework.importing import register

from .applications import ApplicationResource
from .organisations import OrganisationResource

register(OrganisationResource)
register(ApplicationResource)

__all__ = ["ApplicationResource", "OrganisationResource"]
