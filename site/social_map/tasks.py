"""Background tasks of the social map (django-tasks): the daily freshness check and its
e-mails. ``manage.py social_map_freshness`` enqueues :func:`check_freshness` (run it daily
from cron or a systemd timer; production's ``db_worker`` executes it)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from kopiena.conf import base_url, default_language


def _language_for(user) -> str:
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") if profile else ""
    codes = {code for code, _name in settings.LANGUAGES}
    return preferred if preferred in codes else default_language()


@task()
def check_freshness(today: str | None = None) -> dict:
    from . import freshness

    report = freshness.run(dt.date.fromisoformat(today) if today else None)
    return {
        "flagged": len(report.flagged),
        "hidden": len(report.hidden),
        "members_asked": len(report.asked),
    }


@task()
def send_confirmation_requests(user_id: int, service_ids: list[int]) -> int:
    from . import freshness
    from .models import Service

    user = get_user_model().objects.select_related("wagtail_userprofile").filter(pk=user_id).first()
    if user is None or not user.is_active or not user.email:
        return 0
    services = list(Service.objects.filter(pk__in=service_ids).select_related("organization"))
    items = [
        {
            "service": s,
            "confirm_url": freshness.make_link(s, user, "confirm"),
            "changes_url": freshness.make_link(s, user, "changes"),
        }
        for s in services
    ]
    with translation.override(_language_for(user)):
        context = {"user": user, "items": items, "site_name": settings.WAGTAIL_SITE_NAME}
        subject = render_to_string("kopiena_social_map/email/confirm_subject.txt", context)
        body = render_to_string("kopiena_social_map/email/confirm.txt", context)
    send_mail(settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body, None, [user.email])
    return len(items)


@task()
def send_editor_digest(flagged: list[int], hidden: list[int], without_members: list[int]) -> int:
    from django.urls import reverse

    from .models import Service
    from .roles import Role

    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=str(Role.SOCIAL_MAP_EDITORS))
        .exclude(email="")
    )
    services = Service.objects.in_bulk([*flagged, *hidden, *without_members])
    sent = 0
    for editor in editors:
        with translation.override(_language_for(editor)):
            context = {
                "flagged": [services[pk] for pk in flagged if pk in services],
                "hidden": [services[pk] for pk in hidden if pk in services],
                "without_members": [services[pk] for pk in without_members if pk in services],
                "index_url": base_url() + reverse("kopiena_social_map_service:index"),
                "site_name": settings.WAGTAIL_SITE_NAME,
            }
            subject = render_to_string("kopiena_social_map/email/digest_subject.txt", context)
            body = render_to_string("kopiena_social_map/email/digest.txt", context)
        send_mail(
            settings.EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body, None, [editor.email]
        )
        sent += 1
    return sent
