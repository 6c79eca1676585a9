"""Lookups the resources share: everything a file refers to is loaded once, in a fixed
number of queries, and then found in dicts (an import of 10 000 rows must not ask the
database 10 000 times)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .resources import normalise_header

#: Values per ``__in`` query: well under SQLite's variable limit, few queries for big files.
CHUNK = 2000


def chunked(values: Iterable, size: int = CHUNK) -> Iterator[list]:
    values = list(dict.fromkeys(v for v in values if v not in (None, "")))
    for start in range(0, len(values), size):
        yield values[start : start + size]


def fetch_in(queryset, field: str, values: Iterable) -> list:
    """``queryset.filter(field__in=values)`` in chunks, as a list."""
    found = []
    for chunk in chunked(values):
        found.extend(queryset.filter(**{f"{field}__in": chunk}))
    return found


def key(value) -> str:
    """How names are compared: trimmed, spaces collapsed, case-folded."""
    return normalise_header(value)


def municipalities() -> dict[str, object]:
    """Every municipality by name and by slug (there are a few dozen)."""
    from kopiena.casework.models import Municipality

    lookup = {}
    for municipality in Municipality.objects.all():
        lookup[key(municipality.name)] = municipality
        lookup[key(municipality.slug)] = municipality
    return lookup
