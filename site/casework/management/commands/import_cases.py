"""``manage.py import_cases FILE``: the admin's import from the command line.

Validates the whole file first (a dry run), prints every row in error with its column and
message, and writes nothing unless every row is valid; then writes it all in one
transaction with a progress bar. ``--dry-run`` stops after the check.
"""

from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kopiena.casework.importing import ImportFileError, kinds, read_dataset, run_import


class Command(BaseCommand):
    help = "Import organisations, applications or initiatives from a CSV or XLSX file."

    def add_arguments(self, parser):
        parser.add_argument("file", help="a CSV (UTF-8 or Windows-1257) or XLSX file")
        parser.add_argument(
            "--kind",
            choices=sorted(kinds()),
            help="what the file holds; told from its headers when left out",
        )
        parser.add_argument("--user", help="user name recorded in the audit trail")
        parser.add_argument(
            "--dry-run", action="store_true", help="check the file and write nothing"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No user “%(user)s”.") % {"user": options["user"]})
        try:
            dataset = read_dataset(path.read_bytes(), path.name)
            check = run_import(
                options["kind"], dataset, user=user, file_name=path.name, dry_run=True
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        self._report_errors(check)
        if check.has_errors:
            raise CommandError(
                _("%(count)d rows have errors; nothing was imported.")
                % {"count": len(check.error_rows)}
            )
        if options["dry_run"]:
            self._summary(check, _("Dry run: the file is valid, nothing was written."))
            return
        result = run_import(
            check.kind,
            dataset,
            user=user,
            file_name=path.name,
            dry_run=False,
            progress=self._progress,
        )
        self.stderr.write("")
        if result.has_errors:  # the data changed between the check and the write
            self._report_errors(result)
            raise CommandError(_("Rows have errors; nothing was imported."))
        self._summary(result, _("Imported."))

    def _report_errors(self, result):
        for row in result.error_rows:
            for column, messages in row.errors.items():
                for message in messages:
                    where = _("row %(row)d") % {"row": row.number}
                    if column:
                        where += f", “{column}”"
                    self.stderr.write(f"{where}: {message}")

    def _summary(self, result, headline):
        records = result.records
        self.stdout.write(
            self.style.SUCCESS(headline)
            + " "
            + _("%(kind)s from %(file)s: %(new)d new, %(changed)d changed, %(same)d unchanged.")
            % {
                "kind": result.kind,
                "file": result.file_name,
                "new": records.get("new", 0),
                "changed": records.get("changed", 0),
                "same": records.get("unchanged", 0),
            }
        )
        if result.ignored_headers:
            self.stdout.write(
                _("Ignored columns: %(columns)s") % {"columns": ", ".join(result.ignored_headers)}
            )

    def _progress(self, done, total, width=30):
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        self.stderr.write(f"\r[{bar}] {done}/{total}", ending="")
        if hasattr(sys.stderr, "flush"):
            self.stderr.flush()
