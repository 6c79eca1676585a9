"""Hand-overs that reach the next person: a reviewer is mailed on assignment, officers
when a report arrives; links use the site's configured address."""

import pytest
from django.db import connection
from django.test import TestCase

from kopiena.grants import reviews
from tests.factories.grants import full_report

pytestmark = pytest.mark.django_db


def test_the_reviewer_is_mailed_on_assignment_with_a_link_on_the_sites_address(
    application, member, officer, reviewer, act, outbox, settings
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8101"
    settings.KOPIENA = {
        k: v for k, v in getattr(settings, "KOPIENA", {}).items() if k != "BASE_URL"
    }
    reviewer.email = "vertetajs@example.lv"
    reviewer.save()
    act(application, "submit", member)
    outbox.clear()
    with TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True):
        assignment = reviews.assign_reviewer(application, reviewer, by=officer)
    [mail] = [m for m in outbox if m.to == ["vertetajs@example.lv"]]
    assert f"http://127.0.0.1:8101/admin/grants/reviews/{assignment.pk}/" in mail.body
    assert application.title in mail.subject


def test_officers_are_told_when_a_report_arrives(application, member, officer, act):
    from kopiena.grants.models import Application
    from kopiena.grants.models import ApplicationStatus as S

    Application.objects.filter(pk=application.pk).update(status=S.APPROVED)
    application.refresh_from_db()
    full_report(application)
    recipients = application.notification_recipients(
        "submit_report", S.APPROVED, S.REPORT_SUBMITTED
    )
    assert (officer, "staff") in recipients
