"""Hand-overs around a review: grant officers are mailed, each in their language, when a
reviewer declares a conflict; the reviewer is mailed (in their language) on assignment and
when an officer reopens their declaration. Links use the site's configured address."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from wagtail.users.models import UserProfile

from kopiena.casework.roles import Role
from kopiena.grants import reviews
from tests.factories.grants import member_of

pytestmark = pytest.mark.django_db

BASE = "http://127.0.0.1:8101"


@pytest.fixture
def base_url(settings):
    settings.KOPIENA = {**getattr(settings, "KOPIENA", {}), "BASE_URL": BASE}


def _speaks(user, language, email):
    user.email = email
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


def _on_commit():
    return TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True)


def test_officers_are_mailed_in_their_language_when_a_reviewer_declares_a_conflict(
    submitted, officer, second_officer, reviewer, organisation, outbox, base_url
):
    _speaks(officer, "lv", "koordinators@example.lv")
    _speaks(second_officer, "ru", "koordinators2@example.lv")
    insider = member_of(organisation, username="koordinators-biedrs")  # one of the applicant
    insider.groups.add(Group.objects.get(name=Role.GRANT_OFFICERS))
    insider.email = "biedrs@example.lv"
    insider.save()
    assignment = reviews.assign_reviewer(submitted, reviewer, by=officer)
    outbox.clear()
    with _on_commit():
        reviews.declare_conflict(
            assignment, reviewer, has_conflict=True, reason="Esmu biedrības valdē."
        )
    mails = {m.to[0]: m for m in outbox}
    assert set(mails) == {"koordinators@example.lv", "koordinators2@example.lv"}
    link = f"{BASE}/admin/grants_applications/assign-reviewer/{submitted.pk}/"
    latvian, russian = mails["koordinators@example.lv"], mails["koordinators2@example.lv"]
    assert "interešu konflikt" in latvian.subject and link in latvian.body
    assert "Esmu biedrības valdē." in latvian.body
    assert "конфликт" in russian.subject.lower() and link in russian.body


def test_no_officer_mail_for_no_conflict(submitted, officer, reviewer, outbox, base_url):
    _speaks(officer, "lv", "koordinators@example.lv")
    assignment = reviews.assign_reviewer(submitted, reviewer, by=officer)
    outbox.clear()
    with _on_commit():
        reviews.declare_conflict(assignment, reviewer, has_conflict=False)
    assert outbox == []


def test_the_reviewer_is_mailed_in_their_language_on_assignment_and_reopening(
    submitted, officer, reviewer, outbox, base_url
):
    _speaks(reviewer, "ru", "vertetajs@example.lv")
    with _on_commit():
        assignment = reviews.assign_reviewer(submitted, reviewer, by=officer)
    [assigned] = outbox
    assert "Заявка" in assigned.subject or "заявк" in assigned.subject.lower()
    assert f"{BASE}/admin/grants/reviews/{assignment.pk}/" in assigned.body
    reviews.declare_conflict(assignment, reviewer, has_conflict=True, reason="Radinieks.")
    outbox.clear()
    with _on_commit():
        reviews.reopen_conflict(assignment, officer, reason="Radniecība netika apstiprināta.")
    [reopened] = [m for m in outbox if m.to == ["vertetajs@example.lv"]]
    assert "Radniecība netika apstiprināta." in reopened.body
    assert f"{BASE}/admin/grants/reviews/{assignment.pk}/" in reopened.body
