"""Audit entries for case transitions, in Wagtail's log (so they show in the admin's
history of the object). Registered as log actions in ``casework.wagtail_hooks``.

Each entry's ``data`` holds: action, action_label, from, to, comment (the case owner sees
it), internal_comment (staff only), amount, source (admin/portal/api/import) and, for an
import, the file name.
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

TRANSITION = "kopiena.transition"
IMPORTED = "kopiena.import"
#: A staff edit of a case's fields outside a transition: ``data["changes"]`` lists each
#: field changed with its old and new value (as text).
EDITED = "kopiena.edit"
#: A step of the case that is not a change of state (a reviewer's conflict declaration, a
#: waiver, a message): ``data`` holds ``event``, ``text`` and what the step needs.
NOTED = "kopiena.note"
ACTIONS = (TRANSITION, IMPORTED, EDITED, NOTED)
#: Entries the applicant never sees (staff-side steps); ``NOTED`` entries are shown to
#: them only when their ``data["audience"]`` is ``"applicant"`` or ``"conversation"``.
STAFF_ONLY = (EDITED,)
#: The audience of a message between the applicant and the office
#: (:mod:`casework.conversation`): the applicant and the office staff read it; a reviewer
#: (audience ``"reviewer"``) does not.
CONVERSATION = "conversation"


def transition_data(
    *,
    action,
    label,
    source_state,
    target_state,
    comment="",
    internal_comment="",
    amount=None,
    source="admin",
) -> dict:
    """The ``data`` of a transition entry (see the module docstring)."""
    return {
        "action": action,
        "action_label": str(label),
        "from": source_state,
        "to": target_state,
        "comment": comment.strip(),
        "internal_comment": internal_comment.strip(),
        "amount": str(amount) if amount is not None else None,
        "source": source,
    }


def import_data(obj, *, file_name: str, row: int | None) -> dict:
    """The ``data`` of an import entry: the status the record came with, and from where."""
    return {"to": obj.state, "file": file_name, "row": row, "source": "import"}


def log_transition(obj, user, *, action, label, source_state, inputs, source) -> ModelLogEntry:
    data = transition_data(
        action=action,
        label=label,
        source_state=source_state,
        target_state=obj.state,
        comment=inputs.comment,
        internal_comment=inputs.internal_comment,
        amount=inputs.amount,
        source=source,
    )
    data.update({k: v for k, v in inputs.extra.items() if k not in data})
    return log(obj, TRANSITION, user=user, data=data)


def log_import(obj, user, *, file_name: str, row: int | None = None) -> ModelLogEntry:
    """A record created by an import with its historic status already set."""
    return log(obj, IMPORTED, user=user, data=import_data(obj, file_name=file_name, row=row))


def import_entries(objects_and_rows, user, *, file_name: str) -> list[ModelLogEntry]:
    """The entries :func:`log_import` would write for many records at once, for an import
    to ``bulk_create`` (one query instead of one per record). ``objects_and_rows`` is
    ``[(obj, row number)]``; the objects must be saved."""
    now = timezone.now()
    batch = uuid.uuid4()  # one import is one user action: its entries share a uuid
    return [
        ModelLogEntry(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            label=str(obj)[:255],
            action=IMPORTED,
            user=user,
            timestamp=now,
            uuid=batch,
            data=import_data(obj, file_name=file_name, row=row),
        )
        for obj, row in objects_and_rows
    ]


def log_edit(obj, user, changes: list[dict]) -> ModelLogEntry:
    """Record a staff edit: ``changes`` is ``[{"field", "label", "old", "new"}]``."""
    return log(obj, EDITED, user=user, data={"changes": changes, "source": "admin"})


def log_note(obj, user, *, event: str, text: str, audience: str = "staff", **data):
    """Record a step of the case that does not change its state (see :data:`NOTED`)."""
    payload = {"event": event, "text": str(text), "audience": audience, **data}
    return log(obj, NOTED, user=user, data=payload)


def entries_for(obj, *, audience: str = "staff"):
    """The case's history, oldest first. For any audience but ``staff`` the internal
    comment is removed from each entry's data and staff-side entries are left out; the
    conversation with the applicant is shown to the ``applicant`` audience only."""
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
        shown = ("applicant", CONVERSATION) if audience == "applicant" else ("applicant",)
        entries = [
            entry
            for entry in entries
            if entry.action not in STAFF_ONLY
            and (entry.action != NOTED or entry.data.get("audience") in shown)
        ]
        for entry in entries:
            entry.data = {k: v for k, v in entry.data.items() if k != "internal_comment"}
    return entries
