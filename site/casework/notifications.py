"""Notification e-mails about transitions and conversation messages, sent by a background
task after commit.

The service calls :func:`enqueue_after_commit` inside its transaction; the task is only
enqueued once the transition has committed, so a rolled-back transition never mails anyone,
and a failing mail never rolls a transition back. The task reads the audit entry again and
renders one e-mail per recipient in the recipient's language; applicants never see the
internal comment.

A send that fails (the mail server down or refusing: ``OSError``, which ``SMTPException``
is) is retried: the task queues itself again, after :data:`RETRY_DELAYS`, for the recipients
still waiting only, so nobody gets the same e-mail twice. That needs a backend that can defer
(the database backend of production, run by ``manage.py db_worker``); where the backend
cannot (the immediate backend of tests and development) the failure is only logged. After
the last attempt the task gives up with an error in the log.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task
from wagtail.models import ModelLogEntry

from kopiena import conf

logger = logging.getLogger(__name__)

APPLICANT = "applicant"
STAFF = "staff"

#: How long to wait before the 2nd, 3rd and 4th attempt; then the task gives up.
RETRY_DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=15))
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def enqueue_after_commit(entry: ModelLogEntry, recipients) -> None:
    """Queue one notification task for the entry once the surrounding transaction commits.

    ``recipients`` is ``[(user, audience)]``; inactive users and users without an address
    are dropped, and a user listed twice gets the staff version only.
    """
    audiences: dict[int, str] = {}
    for user, audience in recipients:
        if not user.is_active or not user.email:
            continue
        if audiences.get(user.pk) != STAFF:
            audiences[user.pk] = audience
    if not audiences:
        return
    payload = [[pk, audience] for pk, audience in sorted(audiences.items())]
    transaction.on_commit(lambda: send_transition_notification.enqueue(entry.pk, payload))


def _language_for(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile else ""
    available = {code for code, _ in settings.LANGUAGES}
    return preferred if preferred in available else conf.default_language()


@task()
def send_transition_notification(entry_id: int, recipients: list[list], attempt: int = 1) -> int:
    """Send the e-mails for one audit entry; returns how many were sent in this attempt.

    ``recipients`` are the ``[user id, audience]`` pairs still waiting for this entry's
    e-mail; ``attempt`` counts from 1. Recipients whose send fails are retried (see the
    module docstring).
    """
    entry = ModelLogEntry.objects.select_related("content_type", "user").get(pk=entry_id)
    model = entry.content_type.model_class()
    case = model._default_manager.get(pk=entry.object_id)
    users = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .in_bulk([pk for pk, _ in recipients])
    )
    sent = 0
    failed: list[list] = []
    for pk, audience in recipients:
        user = users.get(pk)
        if user is None:
            continue
        with translation.override(_language_for(user)):
            context = {
                "user": user,
                "case": case,
                "entry": entry,
                "data": entry.data,
                "audience": audience,
                "from_label": model.state_label(entry.data.get("from", "")),
                "to_label": model.state_label(entry.data.get("to", "")),
                "url": case.notification_url(audience) if hasattr(case, "notification_url") else "",
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            # A message of the conversation (casework.conversation) has its own wording.
            kind = "message" if entry.data.get("event") == "message" else "transition"
            subject = render_to_string(f"kopiena_casework/email/{kind}_subject.txt", context)
            body = render_to_string(f"kopiena_casework/email/{kind}.txt", context)
        message = EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body=body,
            to=[user.email],
        )
        try:
            message.send()
        except OSError as error:  # smtplib.SMTPException and socket errors
            logger.warning(
                "Notification e-mail for audit entry %s to user %s failed (attempt %s of %s): %r",
                entry_id,
                pk,
                attempt,
                MAX_ATTEMPTS,
                error,
            )
            failed.append([pk, audience])
        else:
            sent += 1
    if failed:
        _retry_or_give_up(entry_id, failed, attempt)
    return sent


def _retry_or_give_up(entry_id: int, failed: list[list], attempt: int) -> None:
    """Queue the next attempt for the recipients in ``failed``, later, when the backend can
    defer a task and attempts are left; otherwise say loudly that they will not be mailed."""
    task = send_transition_notification
    can_defer = task.get_backend().supports_defer
    if attempt < MAX_ATTEMPTS and can_defer:
        run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
        task.using(run_after=run_after).enqueue(entry_id, failed, attempt + 1)
        logger.info(
            "Notification for audit entry %s: attempt %s queued for %s recipient(s) after %s",
            entry_id,
            attempt + 1,
            len(failed),
            run_after.isoformat(),
        )
        return
    logger.error(
        "Notification for audit entry %s not sent to users %s: giving up after attempt %s%s",
        entry_id,
        [pk for pk, _ in failed],
        attempt,
        "" if can_defer else " (the task backend cannot defer a retry)",
    )
