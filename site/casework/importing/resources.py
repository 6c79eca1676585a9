"""The base of every import resource: declared columns, rows with their messages, and the
three steps a domain resource implements (``prepare`` lookups, ``validate`` rows, ``write``
in bulk). The runner (:mod:`casework.importing.runner`) drives them.

A resource is a django-import-export ``Resource`` whose fields are :class:`Column`\\ s: the
Latvian header people see in the file, the field name also accepted as a header, and
aliases. The same resource exports, so a file exported with it imports back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
ERROR = "error"
STATUSES = (NEW, CHANGED, UNCHANGED, ERROR)


def normalise_header(value) -> str:
    """Headers match trimmed, case-insensitively, whatever spaces, ``*`` or ``:`` they carry."""
    text = " ".join(str(value or "").replace("\u00a0", " ").split())
    return text.rstrip("*: ").casefold()


class Column(fields.Field):
    """One column: ``column_name`` is the documented (Latvian) header; the resource's
    attribute name and ``aliases`` are accepted too. ``required`` columns must be in the
    file's headers (a cell may still be blank where the resource allows it)."""

    def __init__(self, attribute=None, column_name=None, *, aliases=(), required=False, **kw):
        super().__init__(attribute=attribute, column_name=column_name, **kw)
        self.aliases = tuple(aliases)
        self.required = required

    def header_names(self, key: str) -> set[str]:
        names = {normalise_header(n) for n in (self.column_name, key, *self.aliases) if n}
        if self.attribute:
            names.add(normalise_header(self.attribute))
        return names


@dataclass
class Row:
    """One data row of the file: its line number, the cleaned values by column key and
    the messages by column header (as the file names it): errors stop the import, warnings
    only ask the person to look (a project dated outside its call's period)."""

    number: int
    raw: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[str]] = field(default_factory=dict)
    status: str = NEW
    #: What the preview shows to identify the row (a name, a reference).
    label: str = ""
    #: Resource's bookkeeping (the record this row belongs to).
    record: Any = None
    headers: dict[str, str] = field(default_factory=dict, repr=False)

    def value(self, key, default=None):
        value = self.values.get(key)
        return default if value in (None, "") else value

    def given(self, key) -> bool:
        """The file has the column and this row's cell is not blank."""
        return key in self.values and self.values[key] not in (None, "")

    def error(self, key: str | None, message) -> None:
        self._note(self.errors, key, message)

    def warning(self, key: str | None, message) -> None:
        self._note(self.warnings, key, message)

    def _note(self, notes, key, message) -> None:
        column = self.headers.get(key, key) if key else ""
        messages = notes.setdefault(column or "", [])
        if str(message) not in messages:
            messages.append(str(message))

    @property
    def has_errors(self) -> bool:
        return bool(self.errors)

    def final_status(self) -> str:
        return ERROR if self.errors else self.status


class ImportResource(resources.Resource):
    """Subclasses set ``kind`` (the name in URLs and ``--kind``), ``model`` and their
    :class:`Column`\\ s, and implement :meth:`prepare`, :meth:`validate` and :meth:`write`.
    Registered with :func:`casework.importing.registry.register`."""

    kind: ClassVar[str] = ""
    model: ClassVar[Any] = None
    #: URL name of the admin listing the import returns to.
    index_url_name: ClassVar[str] = ""
    #: Columns that must all be present for :func:`~casework.importing.registry.detect_kind`.
    required_columns: ClassVar[tuple[str, ...]] = ()

    def __init__(self, *, user=None, file_name: str = ""):
        super().__init__()
        self.user = user
        self.file_name = file_name
        #: Counts of records (not rows) set by ``validate``: new / changed / unchanged.
        self.record_counts: dict[str, int] = {NEW: 0, CHANGED: 0, UNCHANGED: 0}

    # --- who and what ----------------------------------------------------------------------

    @classmethod
    def label(cls) -> str:
        return str(cls.model._meta.verbose_name_plural).capitalize()

    @classmethod
    def user_may_import(cls, user) -> bool:
        """Staff with the add permission on the model (domain resources may widen it)."""
        opts = cls.model._meta
        return bool(
            getattr(user, "is_active", False)
            and user.is_staff
            and user.has_perm(f"{opts.app_label}.add_{opts.model_name}")
        )

    @classmethod
    def columns(cls) -> dict[str, Column]:
        return {k: f for k, f in cls.fields.items() if isinstance(f, Column)}

    @classmethod
    def header_lookup(cls) -> dict[str, str]:
        lookup = {}
        for key, column in cls.columns().items():
            for name in column.header_names(key):
                lookup.setdefault(name, key)
        return lookup

    @classmethod
    def match_headers(cls, headers: Iterable[str]) -> tuple[dict[int, str], list[str], list[str]]:
        """``({index: key}, missing required headers, ignored headers)``."""
        lookup = cls.header_lookup()
        matched: dict[int, str] = {}
        ignored: list[str] = []
        seen: set[str] = set()
        for index, header in enumerate(headers):
            key = lookup.get(normalise_header(header))
            if key is None or key in seen:
                if header:
                    ignored.append(header)
                continue
            matched[index] = key
            seen.add(key)
        columns = cls.columns()
        missing = [columns[key].column_name for key in cls.required_columns if key not in seen]
        return matched, missing, ignored

    # --- the steps ---------------------------------------------------------------------------

    def prepare(self, rows: list[Row]) -> None:
        """Load every lookup the rows need, in a fixed number of queries."""

    def validate(self, rows: list[Row]) -> None:
        """Set each row's ``status`` and ``errors`` and :attr:`record_counts`."""
        raise NotImplementedError

    def write(self, rows: list[Row], progress=None) -> None:
        """Write the validated records in bulk; called only when no row has an error."""
        raise NotImplementedError

    # --- helpers for subclasses ----------------------------------------------------------------

    def model_errors(self, row: Row, exc: ValidationError, attribute_keys: dict[str, str]):
        """Put a model ``ValidationError`` on the row, each message under the column of its
        field (``attribute_keys`` maps model field → column key)."""
        if hasattr(exc, "error_dict"):
            for name, errors in exc.message_dict.items():
                key = attribute_keys.get(name)
                for message in errors:
                    row.error(key, message)
        else:
            for message in exc.messages:
                row.error(None, message)


def choice_lookup(choices, *extra_languages: str) -> dict[str, str]:
    """Map a ``TextChoices``' values and labels (Latvian, English and ``extra_languages``),
    case-folded, to the value."""
    from django.utils import translation

    lookup = {}
    for language in ("lv", "en", *extra_languages):
        with translation.override(language):
            for value, label in choices:
                lookup.setdefault(normalise_header(label), value)
    for value, _label in choices:
        lookup[normalise_header(value)] = value
    return lookup


def unknown_choice_message(value, choices) -> str:
    return _("Unknown value “%(value)s”; use one of: %(choices)s.") % {
        "value": value,
        "choices": ", ".join(str(label) for _v, label in choices),
    }
