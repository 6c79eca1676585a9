"""Every transition of DESIGN.md's table: allowed for the role whose job it is, refused
(NotAllowed) for every other role, refused (NotPossible) from every other state; each one
writes its audit entry and mails the people concerned."""

from decimal import Decimal

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from kopiena.casework import audit
from kopiena.casework.service import available_actions, perform_transition
from kopiena.casework.workflow import NotAllowed, NotPossible, TransitionInput
from kopiena.grants.models import Application, ApplicationStatus
from tests.factories.grants import ApplicationFactory, completed_review, full_report

pytestmark = pytest.mark.django_db

S = ApplicationStatus
ROLES = [
    "member",
    "other_member",
    "officer",
    "reviewer",
    "finance",
    "editor",
    "social_worker",
    "service_head",
    "anonymous",
]

#: (action, from, to, roles allowed)
TABLE = [
    ("submit", S.DRAFT, S.SUBMITTED, {"member"}),
    ("submit", S.CHANGES_REQUESTED, S.SUBMITTED, {"member"}),
    ("request_changes", S.SUBMITTED, S.CHANGES_REQUESTED, {"officer"}),
    ("request_changes", S.IN_REVIEW, S.CHANGES_REQUESTED, {"officer"}),
    ("start_review", S.SUBMITTED, S.IN_REVIEW, {"officer"}),
    ("recommend", S.IN_REVIEW, S.RECOMMENDED, {"officer"}),
    ("reject", S.SUBMITTED, S.REJECTED, {"officer"}),
    ("reject", S.IN_REVIEW, S.REJECTED, {"officer"}),
    ("reject", S.RECOMMENDED, S.REJECTED, {"officer", "finance"}),
    ("approve_budget", S.RECOMMENDED, S.APPROVED, {"finance"}),
    ("allow_early_report", S.APPROVED, S.APPROVED, {"officer"}),
    ("submit_report", S.APPROVED, S.REPORT_SUBMITTED, {"member"}),
    ("return_report", S.REPORT_SUBMITTED, S.APPROVED, {"officer", "finance"}),
    ("accept_report", S.REPORT_SUBMITTED, S.COMPLETED, {"officer"}),
    ("withdraw", S.DRAFT, S.WITHDRAWN, {"member"}),
    ("withdraw", S.SUBMITTED, S.WITHDRAWN, {"member"}),
    ("withdraw", S.CHANGES_REQUESTED, S.WITHDRAWN, {"member"}),
    ("withdraw", S.IN_REVIEW, S.WITHDRAWN, {"member"}),
    ("withdraw", S.RECOMMENDED, S.WITHDRAWN, {"member"}),
]
SOURCES = {}
for _action, _source, _target, _allowed in TABLE:
    SOURCES.setdefault(_action, set()).add(_source)


def _id(case):
    return f"{case[0]}-from-{case[1]}"


@pytest.fixture
def prepare(call, organisation, member, reviewer2, db):
    """An application in ``state``, ready for ``action`` (reviewers assigned, reviews
    done, report written, as the action needs)."""

    def make(action, state):
        # A project past its planned end, whose final report is open; a running one for
        # the step that lets the report in early.
        ended = state in (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED)
        app = ApplicationFactory(
            call=call,
            organisation=organisation,
            status=state,
            created_by=member,
            ended=ended and action != "allow_early_report",
        )
        if state in (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED):
            Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
        if action == "start_review":
            completed_review(app, reviewer2)
        if action == "recommend":
            completed_review(app, reviewer2)
            completed_review(app)
        if action in ("submit_report", "return_report", "accept_report"):
            report = full_report(app)
            if state == S.REPORT_SUBMITTED:
                report.submitted_at = timezone.now()
                report.save()
        app.refresh_from_db()
        return app

    return make


def inputs_for(action, app):
    return TransitionInput(
        comment="Lūdzu precizējiet budžetu.",
        internal_comment="Tikai darbiniekiem.",
        amount=app.requested_amount if action == "approve_budget" else None,
    )


@pytest.mark.parametrize("case", TABLE, ids=_id)
def test_each_role_may_take_exactly_its_actions(case, users, prepare):
    """Every other role is refused (nothing written); each allowed role succeeds."""
    action, source, target, allowed = case
    app = prepare(action, source)
    for role in ROLES:
        if role in allowed:
            continue
        with pytest.raises(NotAllowed):
            perform_transition(app, action, users[role], inputs_for(action, app))
        app.refresh_from_db()
        assert app.status == source, role
    assert not audit.entries_for(app)
    for role in sorted(allowed):
        app = prepare(action, source)
        result = perform_transition(app, action, users[role], inputs_for(action, app))
        assert result.status == target, role
        app.refresh_from_db()
        assert app.status == target, role


@pytest.mark.parametrize("action", sorted(SOURCES))
def test_actions_are_not_possible_from_other_states(action, users, prepare):
    allowed = next(case[3] for case in TABLE if case[0] == action)
    user = users[sorted(allowed)[0]]
    wrong = [state for state in S.values if state not in SOURCES[action]]
    assert wrong
    for state in wrong:
        app = prepare(action, state)
        with pytest.raises(NotPossible):
            perform_transition(app, action, user, inputs_for(action, app))
        app.refresh_from_db()
        assert app.status == state
        assert not audit.entries_for(app), state


def _mails_by_address(outbox):
    return {message.to[0]: message for message in outbox}


@pytest.mark.parametrize("case", TABLE, ids=_id)
def test_each_transition_is_audited_and_mailed(
    case, users, prepare, outbox, django_capture_on_commit_callbacks
):
    action, source, target, allowed = case
    app = prepare(action, source)
    user = users[sorted(allowed)[0]]
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(
            app,
            action,
            user,
            TransitionInput(
                comment="  Komentārs pieteicējam.  ",
                internal_comment="SLEPENA piezīme.",
                amount=app.requested_amount if action == "approve_budget" else None,
            ),
            source="portal",
        )

    (entry,) = audit.entries_for(app)
    assert entry.action == audit.TRANSITION
    assert entry.user == user
    assert entry.data["action"] == action
    assert entry.data["from"] == source
    assert entry.data["to"] == target
    assert entry.data["comment"] == "Komentārs pieteicējam."
    # The applicant's own actions take no internal comment: one sent along is dropped.
    expected_internal = "" if allowed == {"member"} else "SLEPENA piezīme."
    assert entry.data["internal_comment"] == expected_internal
    assert entry.data["source"] == "portal"
    (applicant_view,) = audit.entries_for(app, audience="applicant")
    assert "internal_comment" not in applicant_view.data
    assert ModelLogEntry.objects.filter(object_id=str(app.pk)).count() == 1

    mails = _mails_by_address(outbox)
    expected = {users["member"].email}
    if action in ("submit", "submit_report"):
        expected.add(users["officer"].email)
    if target == S.RECOMMENDED:
        expected.add(users["finance"].email)
    assert set(mails) == expected
    applicant_mail = mails[users["member"].email]
    assert app.case_reference() in applicant_mail.subject
    assert "Komentārs pieteicējam." in applicant_mail.body
    assert "SLEPENA" not in applicant_mail.body
    for address in expected - {users["member"].email}:
        assert ("SLEPENA piezīme." in mails[address].body) == bool(expected_internal)


def test_no_mail_before_commit_and_none_for_a_refusal(
    application, member, officer, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        perform_transition(application, "submit", member)
    assert len(callbacks) == 1 and outbox == []
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(NotAllowed):
        perform_transition(application, "start_review", member)
    assert outbox == []


def test_submit_records_when_and_approve_records_the_decision(
    application, member, officer, finance, reviewer2, act
):
    app = act(application, "submit", member)
    assert app.submitted_at is not None
    completed_review(app, reviewer2)
    completed_review(app)
    act(app, "start_review", officer)
    act(app, "recommend", officer)
    app = act(
        app,
        "approve_budget",
        finance,
        amount=Decimal("4000.00"),
        extra={"decision_reference": "Nr. 12/2026", "decision_date": "2026-05-04"},
    )
    assert app.approved_amount == Decimal("4000.00")
    assert app.decision_reference == "Nr. 12/2026"
    assert str(app.decision_date) == "2026-05-04"
    entry = audit.entries_for(app)[-1]
    assert entry.data["amount"] == "4000.00"
    assert entry.data["decision_reference"] == "Nr. 12/2026"


def test_report_transitions_stamp_the_report(prepare, users, act):
    app = prepare("submit_report", S.APPROVED)
    app = act(app, "submit_report", users["member"])
    assert app.report.submitted_at is not None
    app = act(app, "return_report", users["finance"], comment="Pievienojiet čekus.")
    app.report.refresh_from_db()
    assert app.status == S.APPROVED and app.report.submitted_at is None
    app = act(app, "submit_report", users["member"])
    app = act(app, "accept_report", users["officer"])
    app.report.refresh_from_db()
    assert app.status == S.COMPLETED and app.report.accepted_at is not None


def test_the_admin_offers_each_user_only_their_actions(application, users, act):
    names = lambda user: {a.name for a in available_actions(application, user)}  # noqa: E731
    assert names(users["member"]) == {"submit", "withdraw"}
    assert names(users["officer"]) == set()
    act(application, "submit", users["member"])  # refreshes ``application``
    assert names(users["officer"]) == {"request_changes", "start_review", "reject"}
    assert names(users["member"]) == {"withdraw"}
    assert names(users["finance"]) == set()
    assert names(users["other_member"]) == set()


def test_action_labels_and_inputs_for_the_forms(application):
    from kopiena.casework.service import describe_action

    info = describe_action(application, "submit")
    assert info.inputs == ("comment",)
    app = ApplicationFactory(status=S.RECOMMENDED)
    approve = describe_action(app, "approve_budget")
    assert approve.required == ("amount",)
    assert "internal_comment" in approve.inputs
    reject = describe_action(app, "reject")
    assert reject.required == ("comment",) and reject.style == "warning"


def test_case_reference_is_year_and_number(application):
    year = timezone.localtime(application.created_at).year
    assert application.case_reference() == f"PIE-{year}-{application.pk:04d}"


def test_mails_link_applicants_to_the_portal_and_staff_to_the_admin(
    application, member, officer, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        perform_transition(application, "submit", member)
    mails = _mails_by_address(outbox)
    assert f"/portal/applications/{application.pk}/" in mails[member.email].body
    staff_url = application.notification_url("staff")
    assert "/admin/" in staff_url and str(application.pk) in staff_url
    assert staff_url in mails[officer.email].body
    assert "/portal/" not in mails[officer.email].body
