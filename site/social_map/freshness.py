"""Keeping the directory current: entries not confirmed for 12 months are flagged and their
organisation's members asked to confirm them; after 18 months they are hidden from the
public until someone confirms them (both figures are ``KOPIENA`` settings).

:func:`run` is what the daily task (``tasks.check_freshness``, enqueued by ``manage.py
social_map_freshness`` from cron or a timer) does. Each flag and hide is a transition through
``casework.service.perform_transition`` (audited); the e-mails go after commit: one per
member listing their organisation's entries, each with a "still correct" and a "needs
changes" link, and one digest to the editors.

The links are signed (``django.core.signing``): service, member and the entry's
last-confirmed date, valid ``SOCIAL_MAP_LINK_DAYS`` days. A link stops working once the
entry is confirmed (its date changes) and when the member leaves the organisation (the
transition's permission says no).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.urls import reverse

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionRefused
from kopiena.conf import base_url, kopiena_setting

from .models import Publication, Service

SALT = "kopiena.social_map.confirm"
#: Longer than any link we make; anything longer is refused before it is parsed.
MAX_TOKEN_LENGTH = 300


def months_before(day: dt.date, months: int) -> dt.date:
    month_index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def make_link(service, user, kind: str = "confirm") -> str:
    token = signing.dumps(
        {"s": service.pk, "u": user.pk, "c": service.last_confirmed_on.isoformat()},
        salt=SALT,
        compress=True,
    )
    name = (
        "social_map_portal:confirm_link" if kind == "confirm" else "social_map_portal:changes_link"
    )
    return base_url() + reverse(name, args=[token])


def read_link(token: str):
    """``(service, user)`` of a valid link, else ``None`` (expired, tampered, used)."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    max_age = dt.timedelta(days=kopiena_setting("SOCIAL_MAP_LINK_DAYS"))
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    service = Service.objects.select_related("organization").filter(pk=data.get("s")).first()
    user = get_user_model().objects.filter(pk=data.get("u"), is_active=True).first()
    if service is None or user is None:
        return None
    if service.last_confirmed_on.isoformat() != data.get("c"):
        return None  # confirmed since: the link was used
    if not service.organization.has_member(user):
        return None
    return service, user


@dataclass
class Report:
    flagged: list[Service] = field(default_factory=list)
    hidden: list[Service] = field(default_factory=list)
    asked: dict[int, list[Service]] = field(default_factory=dict)  # user id → services
    without_members: list[Service] = field(default_factory=list)


def run(today: dt.date | None = None, *, dry_run: bool = False) -> Report:
    from django.utils import timezone

    today = today or timezone.localdate()
    flag_before = months_before(today, kopiena_setting("SOCIAL_MAP_FLAG_AFTER_MONTHS"))
    hide_before = months_before(today, kopiena_setting("SOCIAL_MAP_HIDE_AFTER_MONTHS"))
    report = Report()
    candidates = (
        Service.objects.filter(
            publication__in=(Publication.PUBLISHED, Publication.NEEDS_CONFIRMATION),
            last_confirmed_on__lte=flag_before,
        )
        .select_related("organization")
        .order_by("pk")
    )
    with transaction.atomic():
        for service in candidates:
            changed = False
            try:
                if service.publication == Publication.PUBLISHED:
                    if not dry_run:
                        perform_transition(service, "flag_stale", None, source="schedule")
                    report.flagged.append(service)
                    changed = True
                if service.last_confirmed_on <= hide_before:
                    if not dry_run:
                        perform_transition(service, "hide_stale", None, source="schedule")
                    report.hidden.append(service)
                    changed = True
            except TransitionRefused:
                continue  # changed underneath by someone else: the next run sees it
            if not changed:
                continue
            members = list(service.organization.member_users())
            if not members:
                report.without_members.append(service)
            for member in members:
                report.asked.setdefault(member.pk, []).append(service)
        if not dry_run and (report.flagged or report.hidden):
            Service.objects.filter(pk__in=[s.pk for s in report.flagged + report.hidden]).update(
                confirmation_requested_on=today
            )
            transaction.on_commit(lambda: _send(report))
    return report


def _send(report: Report) -> None:
    from .tasks import send_confirmation_requests, send_editor_digest

    for user_id, services in report.asked.items():
        send_confirmation_requests.enqueue(user_id, [s.pk for s in services])
    send_editor_digest.enqueue(
        [s.pk for s in report.flagged],
        [s.pk for s in report.hidden],
        [s.pk for s in report.without_members],
    )
