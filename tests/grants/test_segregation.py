"""Segregation of duties: nobody decides on or reviews an application of an organisation
they are a member of, and the reviewer who scored cannot approve the money."""

import pytest
from django.core.exceptions import ValidationError

from kopiena.casework.roles import Role
from kopiena.casework.service import available_actions, perform_transition
from kopiena.casework.workflow import NotAllowed, TransitionInput
from kopiena.grants.models import Application, ApplicationStatus, Membership
from kopiena.grants.reviews import assign_reviewer
from tests.factories import user_with_role
from tests.factories.grants import ApplicationFactory, completed_review, full_report

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def join(user, organisation):
    Membership.objects.create(user=user, organisation=organisation)
    return user


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("request_changes", S.SUBMITTED),
        ("start_review", S.SUBMITTED),
        ("recommend", S.IN_REVIEW),
        ("reject", S.SUBMITTED),
        ("accept_report", S.REPORT_SUBMITTED),
        ("return_report", S.REPORT_SUBMITTED),
    ],
)
def test_an_officer_who_is_a_member_cannot_decide(call, organisation, officer, action, state):
    app = ApplicationFactory(call=call, organisation=organisation, status=state)
    if state == S.REPORT_SUBMITTED:
        Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
        full_report(app)
    if action == "start_review":
        completed_review(app)
    if action == "recommend":
        completed_review(app)
        completed_review(app)
    join(officer, organisation)
    with pytest.raises(NotAllowed):
        perform_transition(app, action, officer, TransitionInput(comment="x"))
    assert available_actions(app, officer) == [] or all(
        a.name in ("submit", "withdraw", "submit_report") for a in available_actions(app, officer)
    )


def test_finance_who_is_a_member_cannot_approve_or_reject(call, organisation, finance):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)
    join(finance, organisation)
    for action in ("approve_budget", "reject"):
        with pytest.raises(NotAllowed):
            perform_transition(
                app, action, finance, TransitionInput(comment="x", amount=app.requested_amount)
            )


def test_the_reviewer_who_scored_cannot_approve_the_budget(call, organisation):
    both = user_with_role(Role.FINANCE, Role.REVIEWERS, username="divas-lomas")
    other_finance = user_with_role(Role.FINANCE, username="finanses-2")
    app = ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)
    completed_review(app, both)
    completed_review(app)
    with pytest.raises(NotAllowed):
        perform_transition(
            app, "approve_budget", both, TransitionInput(amount=app.requested_amount)
        )
    assert "approve_budget" not in {a.name for a in available_actions(app, both)}
    perform_transition(
        app, "approve_budget", other_finance, TransitionInput(amount=app.requested_amount)
    )
    app.refresh_from_db()
    assert app.status == S.APPROVED


def test_a_reviewer_who_is_a_member_cannot_be_assigned(call, organisation, officer, reviewer):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.SUBMITTED)
    join(reviewer, organisation)
    with pytest.raises(ValidationError) as info:
        assign_reviewer(app, reviewer, officer)
    assert "reviewer" in info.value.message_dict
    assert not app.reviews.exists()


def test_an_officer_of_another_organisation_still_decides(call, organisation, officer):
    from tests.factories.grants import OrganisationFactory

    join(officer, OrganisationFactory())
    app = ApplicationFactory(call=call, organisation=organisation, status=S.SUBMITTED)
    perform_transition(app, "request_changes", officer, TransitionInput(comment="Precizējiet."))
    app.refresh_from_db()
    assert app.status == S.CHANGES_REQUESTED


def test_an_inactive_member_cannot_act(application, member):
    member.is_active = False
    member.save()
    with pytest.raises(NotAllowed):
        perform_transition(application, "submit", member)
