"""Transitions through the API: the caller's available actions, and taking one through
the one transition path, with each refusal's status code and field messages."""

from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from kopiena.grants.models import Application, ApplicationStatus
from tests.factories.grants import ApplicationFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def names(response):
    assert response.status_code == 200, response.data
    listed = [action["name"] for action in response.data]
    assert len(listed) == len(set(listed)), "each action once"
    return set(listed)


@pytest.fixture
def submitted(call, organisation, member):
    return ApplicationFactory(call=call, organisation=organisation, status=S.SUBMITTED)


@pytest.fixture
def recommended(call, organisation, member):
    return ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)


# --- what the caller may do ------------------------------------------------------------------


def test_applicant_actions_on_a_draft(api_as, member, application):
    response = api_as(member).get(f"/applications/{application.pk}/transitions")

    assert names(response) == {"submit", "withdraw"}
    submit = next(a for a in response.data if a["name"] == "submit")
    assert submit["target"] == "submitted"
    assert submit["inputs"] == ["comment"]
    assert submit["required"] == []


def test_officer_actions_on_a_submitted_application(api_as, officer, member, submitted):
    officer_actions = names(api_as(officer).get(f"/applications/{submitted.pk}/transitions"))
    member_actions = names(api_as(member).get(f"/applications/{submitted.pk}/transitions"))

    assert officer_actions == {"request_changes", "start_review", "reject"}
    assert member_actions == {"withdraw"}


def test_finance_actions_on_a_recommended_application(api_as, finance, recommended):
    response = api_as(finance).get(f"/applications/{recommended.pk}/transitions")

    assert names(response) == {"reject", "approve_budget"}
    approve = next(a for a in response.data if a["name"] == "approve_budget")
    assert approve["required"] == ["amount"]


def test_a_reviewer_has_no_actions(api_as, reviewer, officer, submitted):
    from kopiena.grants import reviews

    reviews.assign_reviewer(submitted, reviewer, by=officer)
    assert names(api_as(reviewer).get(f"/applications/{submitted.pk}/transitions")) == set()


# --- taking an action ------------------------------------------------------------------------


def test_member_submits(api_as, member, application, outbox):
    response = api_as(member).post(
        f"/applications/{application.pk}/transitions/submit", {"comment": "Lūdzu izskatīt."}
    )

    assert response.status_code == 200, response.data
    assert response.data["status"] == "submitted"
    assert response.data["editable"] is False
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    entry = ModelLogEntry.objects.get(action="kopiena.transition")
    assert entry.data["source"] == "api"
    assert entry.data["comment"] == "Lūdzu izskatīt."
    assert entry.user == member


def test_an_action_needs_no_body(api_as, member, application):
    response = api_as(member).post(f"/applications/{application.pk}/transitions/withdraw")

    assert response.status_code == 200
    assert response.data["status"] == "withdrawn"


def test_finance_approves_the_budget(api_as, finance, recommended):
    response = api_as(finance).post(
        f"/applications/{recommended.pk}/transitions/approve_budget",
        {
            "amount": "4000.00",
            "internal_comment": "Samazināts par materiāliem.",
            "decision_reference": "Domes lēmums Nr. 12",
            "decision_date": "2026-03-05",
        },
    )

    assert response.status_code == 200, response.data
    recommended.refresh_from_db()
    assert recommended.status == S.APPROVED
    assert recommended.approved_amount == Decimal("4000.00")
    assert recommended.decision_reference == "Domes lēmums Nr. 12"
    assert recommended.decision_date.isoformat() == "2026-03-05"
    assert Decimal(response.data["approved_amount"]) == Decimal("4000.00")


@pytest.mark.parametrize("action", ["fly", "delete", "save", "_meta", "SUBMIT", "sūtīt"])
def test_an_unknown_action_is_404(api_as, member, application, action):
    response = api_as(member).post(f"/applications/{application.pk}/transitions/{action}")

    assert response.status_code == 404
    assert set(response.data) == {"detail", "errors"}


def test_an_action_not_possible_in_the_present_status_is_409(api_as, finance, application):
    response = api_as(finance).post(
        f"/applications/{application.pk}/transitions/approve_budget", {"amount": "100.00"}
    )

    assert response.status_code == 409
    assert response.data["errors"] == {}
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_an_action_that_is_not_yours_is_403(api_as, officer, application):
    response = api_as(officer).post(f"/applications/{application.pk}/transitions/submit")

    assert response.status_code == 403
    assert response.data["detail"]


def test_an_applicant_cannot_approve_their_own_budget(api_as, member, recommended):
    response = api_as(member).post(
        f"/applications/{recommended.pk}/transitions/approve_budget", {"amount": "100.00"}
    )

    assert response.status_code == 403


def test_a_guard_refusal_is_422_with_field_messages(api_as, member, call, organisation):
    empty = ApplicationFactory(call=call, organisation=organisation, budget=[], planned_end=None)

    response = api_as(member).post(f"/applications/{empty.pk}/transitions/submit")

    assert response.status_code == 422
    assert {"budget_lines", "planned_end"} <= set(response.data["errors"])
    assert all(response.data["errors"]["budget_lines"])
    empty.refresh_from_db()
    assert empty.status == S.DRAFT


def test_a_required_comment(api_as, officer, submitted):
    response = api_as(officer).post(f"/applications/{submitted.pk}/transitions/request_changes")

    assert response.status_code == 422
    assert list(response.data["errors"]) == ["comment"]


def test_approved_amount_over_the_request_is_refused(api_as, finance, recommended):
    response = api_as(finance).post(
        f"/applications/{recommended.pk}/transitions/approve_budget", {"amount": "99999.00"}
    )

    assert response.status_code == 422
    assert list(response.data["errors"]) == ["amount"]


def test_approving_needs_an_amount(api_as, finance, recommended):
    response = api_as(finance).post(f"/applications/{recommended.pk}/transitions/approve_budget")

    assert response.status_code == 422
    assert list(response.data["errors"]) == ["amount"]


@pytest.mark.parametrize("amount", ["abc", "NaN", "-Infinity", "12.345", "0", "-5", [1], {}])
def test_malformed_amounts_are_422(api_as, finance, recommended, amount):
    response = api_as(finance).post(
        f"/applications/{recommended.pk}/transitions/approve_budget", {"amount": amount}
    )

    assert response.status_code == 422, response.data
    assert "amount" in response.data["errors"]
    recommended.refresh_from_db()
    assert recommended.status == S.RECOMMENDED


@pytest.mark.parametrize(
    "body, field",
    [
        ({"internal_comment": "Tikai darbiniekiem"}, "internal_comment"),
        ({"amount": "10.00"}, "amount"),
        ({"decision_reference": "Nr. 1"}, "decision_reference"),
    ],
)
def test_inputs_the_action_does_not_take_are_refused(api_as, member, application, body, field):
    response = api_as(member).post(f"/applications/{application.pk}/transitions/submit", body)

    assert response.status_code == 422
    assert field in response.data["errors"]
    application.refresh_from_db()
    assert application.status == S.DRAFT
    assert not ModelLogEntry.objects.filter(action="kopiena.transition").exists()


def test_undeclared_input_from_someone_not_allowed_is_still_403(api_as, officer, application):
    response = api_as(officer).post(
        f"/applications/{application.pk}/transitions/submit", {"amount": "1.00"}
    )

    assert response.status_code == 403


def test_a_comment_with_a_nul_character_is_422(api_as, member, application):
    response = api_as(member).post(
        f"/applications/{application.pk}/transitions/submit", {"comment": "a\x00b"}
    )

    assert response.status_code == 422
    assert "comment" in response.data["errors"]


# --- another organisation's application ------------------------------------------------------


@pytest.mark.parametrize(
    "method, suffix",
    [
        ("get", "/transitions"),
        ("post", "/transitions/submit"),
        ("post", "/transitions/fly"),
        ("get", "/history"),
        ("get", ""),
        ("patch", ""),
    ],
)
def test_every_id_endpoint_answers_404_for_another_organisation(
    api_as, other_member, application, method, suffix
):
    api = api_as(other_member)

    args = ({"title": "Cits"},) if method == "patch" else ()
    foreign = getattr(api, method)(f"/applications/{application.pk}{suffix}", *args)
    missing = getattr(api, method)(f"/applications/987654{suffix}", *args)

    assert foreign.status_code == missing.status_code == 404
    assert foreign.data == missing.data
    assert Application.objects.get(pk=application.pk).status == S.DRAFT
