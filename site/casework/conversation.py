"""The conversation between an applicant and the staff on a case: the one door through
which a message is written.

:func:`post_message` checks the text, takes the case's row lock, writes the
:class:`~casework.models.CaseMessage` (and, through ``attach``, its files: the domain app
stores them), writes the message into the case history (a ``NOTED`` entry with the
``conversation`` audience, which the applicant and the office read and a reviewer does
not) and mails the other side after commit, in each recipient's language — all or
nothing. The same form posted twice (its ``token``) gives the first message back.

A case type takes part by defining, on its model:

* ``conversation_open()`` — whether messages may be written now;
* ``message_recipients(side, author)`` — ``[(user, audience)]`` to mail about a message
  written by ``side`` (see :mod:`casework.notifications`);
* ``notification_url(audience)`` — where the e-mail links (as for transitions).
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import audit
from .models import CaseMessage

MAX_LENGTH = 4000
MESSAGE_EVENT = "message"


def clean_text(text) -> str:
    """The text as stored: without NUL characters (PostgreSQL refuses them) and without
    surrounding blanks."""
    return str(text or "").replace("\x00", "").strip()


def parse_token(value) -> uuid.UUID | None:
    """The form's one-time key, or ``None`` when it is missing or not a UUID."""
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def messages_for(case):
    """The case's messages, oldest first, with their authors."""
    content_type = ContentType.objects.get_for_model(case, for_concrete_model=False)
    return CaseMessage.objects.filter(
        content_type=content_type, object_id=str(case.pk)
    ).select_related("author")


def _check(text: str, *, has_files: bool) -> None:
    if not text and not has_files:
        raise ValidationError({"text": _("Write a message.")}, code="required")
    if len(text) > MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("A message may be at most %(max)d characters long (this one is %(n)d).")
                % {"max": MAX_LENGTH, "n": len(text)}
            },
            code="max_length",
        )


def create_message(case, user, *, text, side, kind=CaseMessage.Kind.MESSAGE, token=None):
    """Write the message row only (no history entry, no e-mail): for a message that goes
    into the history with something else, as the answer sent with a resubmission goes
    with the ``submit`` transition (its ``data["message"]``). Call inside a transaction."""
    return CaseMessage.objects.create(
        content_type=ContentType.objects.get_for_model(case, for_concrete_model=False),
        object_id=str(case.pk),
        side=side,
        kind=kind,
        text=clean_text(text),
        author=user,
        token=token,
    )


def post_message(case, user, *, text, side, token=None, attach=None, has_files=False):
    """Write a message on ``case`` as ``user`` from ``side`` (``CaseMessage.Side``).

    ``attach(message)`` stores the files (called inside the transaction); ``has_files``
    says whether there are any, so a message of files alone is accepted. Returns
    ``(message, created)``; ``created`` is false when the same form (``token``) was posted
    before. Raises ``ValidationError`` (field ``text`` or ``__all__``) and writes nothing
    when refused.
    """
    text = clean_text(text)
    _check(text, has_files=has_files)
    try:
        return _post(case, user, text=text, side=side, token=token, attach=attach)
    except IntegrityError:
        # The same form posted twice at once (SQLite takes no row lock): the other
        # request wrote it.
        earlier = CaseMessage.objects.filter(author=user, token=token).first()
        if token is None or earlier is None:
            raise
        return earlier, False


def _post(case, user, *, text, side, token, attach):
    model = type(case)
    with transaction.atomic():
        locked = model._default_manager.select_for_update().get(pk=case.pk)
        if token is not None:
            earlier = CaseMessage.objects.filter(author=user, token=token).first()
            if earlier is not None:
                return earlier, False
        if not locked.conversation_open():
            raise ValidationError(
                _("Messages cannot be written on this case in its present state."),
                code="closed",
            )
        message = create_message(locked, user, text=text, side=side, token=token)
        if attach is not None:
            attach(message)
        entry = audit.log_note(
            locked,
            user,
            event=MESSAGE_EVENT,
            text=text,
            audience=audit.CONVERSATION,
            message=message.pk,
            side=side,
        )
        recipients = [
            (person, audience)
            for person, audience in locked.message_recipients(side, user)
            if person.pk != getattr(user, "pk", None)
        ]
        if recipients:
            from .notifications import enqueue_after_commit

            enqueue_after_commit(entry, recipients)
    return message, True
