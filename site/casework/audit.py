"""Audit entries for case transitions, in Wagtail's log (so they show in the admin's
history of the object). Registered as log actions in ``casework.wagtail_hooks``.

Each entry's ``data`` holds: action, action_label, from, to, comment (the case owner sees
it), internal_comment (staff only), amount, source (admin/portal/api/import) and, for an
import, the file name.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

TRANSITION = "casework.transition"
IMPORTED = "casework.import"
ACTIONS = (TRANSITION, IMPORTED)


def log_transition(obj, user, *, action, label, source_state, inputs, source) -> ModelLogEntry:
    data = {
        "action": action,
        "action_label": str(label),
        "from": source_state,
        "to": obj.state,
        "comment": inputs.comment.strip(),
        "internal_comment": inputs.internal_comment.strip(),
        "amount": str(inputs.amount) if inputs.amount is not None else None,
        "source": source,
    }
    data.update({k: v for k, v in inputs.extra.items() if k not in data})
    return log(obj, TRANSITION, user=user, data=data)


def log_import(obj, user, *, file_name: str, row: int | None = None) -> ModelLogEntry:
    """A record created by an import with its historic status already set."""
    return log(
        obj,
        IMPORTED,
        user=user,
        data={"to": obj.state, "file": file_name, "row": row, "source": "import"},
    )


def import_entries(objects_and_rows, user, *, file_name: str) -> list[ModelLogEntry]:
    """The entries :func:`log_import` would write for many records at once, for an import
    to ``bulk_create`` (one query instead of one per record). ``objects_and_rows`` is
    ``[(obj, row number)]``; the objects must be saved."""
    import uuid

    from django.utils import timezone

    now = timezone.now()
    batch = uuid.uuid4()  # one import is one user action: its entries share a uuid
    entries = []
    for obj, row in objects_and_rows:
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entries.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(obj.pk),
                label=str(obj)[:255],
                action=IMPORTED,
                user=user,
                timestamp=now,
                uuid=batch,
                data={"to": obj.state, "file": file_name, "row": row, "source": "import"},
            )
        )
    return entries


def entries_for(obj, *, audience: str = "staff"):
    """The case's transition and import entries, oldest first. For the ``applicant``
    audience the internal comment is removed from each entry's data."""
    entries = list(
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            action__in=ACTIONS,
        )
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    if audience != "staff":
        for entry in entries:
            entry.data = {k: v for k, v in entry.data.items() if k != "internal_comment"}
    return entries
