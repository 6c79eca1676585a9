"""History through the API: applicants read the applicant's side of the audit trail
(no internal comments, no staff names); grant staff read everything."""

import pytest

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(application, member, officer):
    """Submitted by the member, returned for changes by the officer with both comments."""
    perform_transition(
        application, "submit", member, TransitionInput(comment="Lūdzu."), source="portal"
    )
    perform_transition(
        application,
        "request_changes",
        officer,
        TransitionInput(comment="Precizējiet tāmi.", internal_comment="Budžets šķiet uzpūsts."),
    )
    return application


def test_applicant_history_has_no_internal_comments_nor_staff_names(api_as, member, returned):
    response = api_as(member).get(f"/applications/{returned.pk}/history")

    assert response.status_code == 200
    submit, request_changes = response.data
    assert submit["action"] == "submit"
    assert submit["to_status"] == "submitted"
    assert submit["source"] == "portal"
    assert submit["by"] == (member.get_full_name() or member.username)
    assert request_changes["action"] == "request_changes"
    assert request_changes["from_status"] == "submitted"
    assert request_changes["to_status"] == ApplicationStatus.CHANGES_REQUESTED
    assert request_changes["comment"] == "Precizējiet tāmi."
    assert request_changes["by"] is None
    assert all("internal_comment" not in entry for entry in response.data)
    assert "uzpūsts" not in response.content.decode()


@pytest.mark.parametrize("role", ["officer", "finance"])
def test_staff_history_has_everything(request, api_as, role, returned, officer):
    response = api_as(request.getfixturevalue(role)).get(f"/applications/{returned.pk}/history")

    assert response.status_code == 200
    request_changes = response.data[1]
    assert request_changes["internal_comment"] == "Budžets šķiet uzpūsts."
    assert request_changes["by"] == (officer.get_full_name() or officer.username)
    assert response.data[0]["internal_comment"] == ""


def test_an_assigned_reviewer_reads_the_history_without_internal_comments(
    api_as, returned, officer, reviewer, member
):
    from kopiena.casework.service import perform_transition
    from kopiena.grants import reviews

    perform_transition(returned, "submit", member)
    reviews.assign_reviewer(returned, reviewer, by=officer)
    response = api_as(reviewer).get(f"/applications/{returned.pk}/history")

    assert response.status_code == 200
    assert "uzpūsts" not in response.content.decode()
    assert all("internal_comment" not in entry for entry in response.data)


def test_a_new_application_has_no_history(api_as, member, application):
    response = api_as(member).get(f"/applications/{application.pk}/history")

    assert response.status_code == 200
    assert response.data == []


def test_api_transitions_appear_in_the_history(api_as, member, application):
    api = api_as(member)
    api.post(f"/applications/{application.pk}/transitions/submit", {"comment": "Gatavs."})

    [entry] = api.get(f"/applications/{application.pk}/history").data

    assert entry["source"] == "api"
    assert entry["comment"] == "Gatavs."
