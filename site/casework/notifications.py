"""Notification e-mails about transitions, sent by a background task after commit.

The service calls :func:`enqueue_after_commit` inside its transaction; the task is only
enqueued once the transition has committed, so a rolled-back transition never mails anyone,
and a failing mail never rolls a transition back. The task reads the audit entry again and
renders one e-mail per recipient in the recipient's language; applicants never see the
internal comment.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task
from wagtail.models import ModelLogEntry

logger = logging.getLogger(__name__)

APPLICANT = "applicant"
STAFF = "staff"


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
    return preferred if preferred in available else settings.LANGUAGE_CODE


@task()
def send_transition_notification(entry_id: int, recipients: list[list]) -> int:
    """Send the e-mails for one audit entry; returns how many were sent."""
    entry = ModelLogEntry.objects.select_related("content_type", "user").get(pk=entry_id)
    model = entry.content_type.model_class()
    case = model._default_manager.get(pk=entry.object_id)
    users = (
        get_user_model()
        .objects.select_related("wagtail_userprofile")
        .in_bulk([pk for pk, _ in recipients])
    )
    sent = 0
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
            subject = render_to_string("casework/email/transition_subject.txt", context)
            body = render_to_string("casework/email/transition.txt", context)
        EmailMessage(
            subject=settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
            body=body,
            to=[user.email],
        ).send()
        sent += 1
    return sent
