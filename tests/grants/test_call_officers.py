"""A call names its responsible officers: the officer-bound hand-overs of its applications
(an applicant's message, a declared conflict, a submission or resubmission, a report) go
to them only; a call that names none mails every active grant officer; a member of the
applicant organisation is never mailed as its officer. The call editor offers only active
grant officers; the case view and the portal name them."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kopiena.casework.conversation import post_message
from kopiena.casework.models import CaseMessage
from kopiena.casework.roles import Role
from kopiena.grants import reviews
from kopiena.grants.models import Application, GrantCall
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.officers import contacts_of, officers_of
from tests.factories import user_with_role
from tests.factories.grants import full_report, member_of

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _admin_urls_loaded():
    """The staff links of the e-mails need the admin's URLs, which register the case
    types; load them as a running site has."""
    from django.urls import reverse

    reverse("wagtailadmin_home")


def _on_commit():
    return TestCase.captureOnCommitCallbacks(using=connection.alias, execute=True)


@pytest.fixture
def insider(organisation):
    """A grant officer who is also a member of the applicant organisation."""
    user = member_of(organisation, username="koordinators-biedrs")
    user.groups.add(Group.objects.get(name=Role.GRANT_OFFICERS))
    user.email = "koordinators-biedrs@example.lv"
    user.save()
    return user


@pytest.fixture
def named(call, officer, insider):
    """The call names ``officer`` (and the insider, who must still never be mailed)."""
    call.officers.set([officer, insider])
    call.save()
    return call


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


def _officer_mails(outbox, *officers):
    """The addresses among ``officers`` that got the officer's mail (it links to the
    admin; a member of the applicant hears of a transition as its applicant, with a link
    to the portal)."""
    addresses = {o.email for o in officers}
    return {
        address
        for mail in outbox
        if "/admin/" in mail.body
        for address in mail.to
        if address in addresses
    }


def _message(application, member):
    with _on_commit():
        post_message(
            application, member, text="Vai drīkstam mainīt tāmi?", side=CaseMessage.Side.APPLICANT
        )


def _conflict(application, officer, reviewer):
    assignment = reviews.assign_reviewer(application, reviewer, by=officer)
    with _on_commit():
        reviews.declare_conflict(assignment, reviewer, has_conflict=True, reason="Esmu valdē.")


def _report(application, member, act):
    today = timezone.localdate()
    Application.objects.filter(pk=application.pk).update(
        status=S.APPROVED,
        approved_amount=application.requested_amount,
        planned_start=today - dt.timedelta(days=90),
        planned_end=today,
    )
    application.refresh_from_db()
    full_report(application)
    with _on_commit():
        act(application, "submit_report", member)


def _resubmission(application, member, officer, act):
    act(application, "request_changes", officer, comment="Precizējiet tāmi.")
    with _on_commit():
        act(application, "submit", member)


def _hand_over(kind, application, member, officer, reviewer, act):
    if kind == "message":
        _message(application, member)
    elif kind == "conflict":
        _conflict(application, officer, reviewer)
    elif kind == "report":
        _report(application, member, act)
    else:
        _resubmission(application, member, officer, act)


HAND_OVERS = ["message", "conflict", "report", "resubmission"]


@pytest.mark.parametrize("kind", HAND_OVERS)
def test_only_the_named_officers_are_mailed(
    kind, named, submitted, member, officer, second_officer, insider, reviewer, act, outbox
):
    outbox.clear()
    _hand_over(kind, submitted, member, officer, reviewer, act)
    assert _officer_mails(outbox, officer, second_officer, insider) == {officer.email}


@pytest.mark.parametrize("kind", HAND_OVERS)
def test_without_named_officers_every_grant_officer_is_mailed_but_not_a_member(
    kind, submitted, member, officer, second_officer, insider, reviewer, act, outbox
):
    outbox.clear()
    _hand_over(kind, submitted, member, officer, reviewer, act)
    assert _officer_mails(outbox, officer, second_officer, insider) == {
        officer.email,
        second_officer.email,
    }


def test_the_insider_gets_no_staff_version_of_a_transition(
    named, application, member, officer, insider, act
):
    """As a member they hear of their application as its applicant, never as its officer."""
    recipients = application.notification_recipients("submit", S.DRAFT, S.SUBMITTED)
    assert (insider, "staff") not in recipients
    assert (officer, "staff") in recipients


def test_a_named_officer_who_left_the_role_hands_back_to_every_officer(
    call, application, officer, second_officer
):
    call.officers.set([officer])
    call.save()
    officer.groups.clear()
    assert set(officers_of(application)) == {second_officer}


def test_inactive_officers_are_not_officers(named, application, officer, second_officer):
    second_officer.is_active = False
    second_officer.save()
    assert list(officers_of(application)) == [officer]


def test_the_portal_contact_is_a_named_officer_by_name_only(
    named, submitted, member, officer, client
):
    assert list(contacts_of(submitted)) == [officer]
    client.force_login(member)
    page = client.get(f"/portal/applications/{submitted.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{officer.first_name} {officer.last_name}" in html
    assert officer.email not in html
    assert "koordinators-biedrs" not in html  # the insider is no contact


def test_no_contact_when_the_call_names_none(submitted, member, client):
    client.force_login(member)
    page = client.get(f"/portal/applications/{submitted.pk}/")
    assert page.status_code == 200 and not page.context["contacts"]


def test_the_case_view_names_the_responsible_officers(
    named, submitted, officer, second_officer, client
):
    client.force_login(officer)
    page = client.get(f"/admin/grants_applications/inspect/{submitted.pk}/")
    assert page.status_code == 200
    assert page.context["responsible_officers"] == [officer]
    html = page.content.decode()
    assert officer.get_full_name() in html
    assert second_officer.get_full_name() not in html


def test_the_case_view_says_when_no_officer_is_named(submitted, officer, client):
    client.force_login(officer)
    page = client.get(f"/admin/grants_applications/inspect/{submitted.pk}/")
    assert page.status_code == 200 and not page.context["officers_named"]


def test_the_call_editor_offers_only_active_grant_officers(
    call, officer, second_officer, reviewer, finance, member
):
    """Once each, though an officer may be in several groups."""
    officer.groups.add(Group.objects.get(name=Role.REVIEWERS))
    retired = user_with_role(Role.GRANT_OFFICERS, username="aizgajis", is_active=False)
    form_class = GrantCall.get_edit_handler().get_form_class()
    form = form_class(instance=call, for_user=officer)
    field = form.fields["officers"]
    assert sorted(u.pk for u in field.queryset) == sorted([officer.pk, second_officer.pk])
    from django.core.exceptions import ValidationError

    for outsider in (reviewer, finance, member, retired):
        with pytest.raises(ValidationError):
            field.clean([str(outsider.pk)])


def test_the_call_editor_shows_the_picker_in_the_rules_tab(call, officer, admin_client):
    """The rules tab (Latvian admin: “Nosacījumi”) holds the call's administration."""
    page = admin_client.get(f"/admin/pages/{call.pk}/edit/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="officers"' in html and officer.get_full_name() in html
    rules = html.index('id="tab-nosacijumi"')
    assert rules < html.index('name="officers"') < html.index('id="tab-veicinasana"')


def _queries_for_a_message(application, member):
    with CaptureQueriesContext(connection) as queries:
        _message(application, member)
    return len(queries)


def test_the_notification_costs_the_same_for_one_or_many_officers(
    call, submitted, member, officer, outbox
):
    call.officers.set([officer])
    call.save()
    one = _queries_for_a_message(submitted, member)
    assert len(outbox) == 1
    more = [user_with_role(Role.GRANT_OFFICERS, username=f"koord-{n}") for n in range(5)]
    call.officers.set([officer, *more])
    call.save()
    outbox.clear()
    many = _queries_for_a_message(submitted, member)
    assert len(outbox) == 6
    assert many == one


def test_the_conflict_mail_costs_the_same_for_one_or_many_officers(
    call, application, member, officer, reviewer, act, outbox
):
    second_reviewer = user_with_role(Role.REVIEWERS, username="vertetajs2-test")
    act(application, "submit", member)
    call.officers.set([officer])
    call.save()
    first = reviews.assign_reviewer(application, reviewer, by=officer)
    second = reviews.assign_reviewer(application, second_reviewer, by=officer)
    outbox.clear()
    with CaptureQueriesContext(connection) as one, _on_commit():
        reviews.declare_conflict(first, reviewer, has_conflict=True, reason="Esmu valdē.")
    more = [user_with_role(Role.GRANT_OFFICERS, username=f"koord-{n}") for n in range(5)]
    call.officers.set([officer, *more])
    call.save()
    with CaptureQueriesContext(connection) as many, _on_commit():
        reviews.declare_conflict(second, second_reviewer, has_conflict=True, reason="Radinieks.")
    assert len(outbox) == 1 + 6
    assert len(many) == len(one)
