"""Writing a case with its child rows (budget lines, plan tasks) through the API.

The API reads and writes the rows with their parent: a list in the request replaces the
whole list; a row that carries its ``id`` keeps it. Validation happens on every row before
anything is written, with errors keyed ``<key>.<n>.<field>`` so a client can point at the
row and the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from ninja.errors import HttpError


def prepare_children(
    parent, rows_in: list[dict], *, manager: str, parent_field: str, fields, key: str, unknown
) -> tuple[list, dict]:
    """Unsaved child objects for ``rows_in`` (existing ones updated in memory) and their
    field errors. ``manager`` is the parent's related manager name; ``unknown`` the message
    for an ``id`` that is not one of the parent's rows (or is given twice)."""
    related = getattr(parent, manager)
    model = related.model
    existing = {row.pk: row for row in related.all()} if parent.pk else {}
    rows, errors, seen = [], {}, set()
    for number, data in enumerate(rows_in):
        row_key = f"{key}.{number}"
        row_id = data.get("id")
        if row_id is not None:
            if row_id not in existing or row_id in seen:
                errors[f"{row_key}.id"] = [unknown]
                continue
            seen.add(row_id)
            row = existing[row_id]
        else:
            row = model(**{parent_field: parent})
        for field in fields:
            setattr(row, field, data[field])
        row.sort_order = number
        try:
            row.full_clean(exclude=[parent_field])
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                errors.setdefault(f"{row_key}.{field}", []).extend(messages)
        rows.append(row)
    return rows, errors


def write_children(parent, rows: list, *, model, parent_field: str, fields) -> None:
    """Make ``rows`` the parent's rows: delete the others, update kept ones, create new ones
    (three queries at most, whatever the number of rows)."""
    keep = [row.pk for row in rows if row.pk]
    model.objects.filter(**{parent_field: parent}).exclude(pk__in=keep).delete()
    old = [row for row in rows if row.pk]
    new = [row for row in rows if not row.pk]
    for row in new:
        setattr(row, parent_field, parent)
    if old:
        model.objects.bulk_update(old, [*fields, "sort_order"])
    if new:
        model.objects.bulk_create(new)


def patch_data(payload, *, nullable: set[str], child_lists: tuple[str, ...] = ()) -> dict:
    """The fields a PATCH request sets: unset fields are left out, and ``null`` counts only
    for the ``nullable`` fields (a ``null`` title means "leave it", not "empty it"). Each
    row of a child list comes whole, with its defaults, because the list replaces the old."""
    data = payload.model_dump(exclude_unset=True)
    data = {k: v for k, v in data.items() if v is not None or k in nullable}
    for name in child_lists:
        if name in data:
            data[name] = [row.model_dump() for row in getattr(payload, name)]
    return data


def refuse_unless_editable(case, *, may_edit: bool, not_yours: str, editable: bool, closed):
    """403 with ``not_yours`` when the caller may not edit the case; 409 with ``closed``
    (a message with ``%(status)s``) when its status does not allow changes."""
    if not may_edit:
        raise HttpError(403, not_yours)
    if not editable:
        raise HttpError(409, closed % {"status": case.get_status_display()})
