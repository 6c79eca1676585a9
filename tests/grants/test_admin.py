"""The grants admin as staff use it: listings with filters and export, the inspect view
with exactly the actions the user may take, the transition forms (through the service),
reviewer assignment and the review form, and the dashboard panels."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kopiena.casework import audit
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.models import ReviewAssignment
from tests.factories.grants import ApplicationFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def inspect_url(application):
    return reverse("grants_applications:inspect", args=[application.pk])


def transition_url(application, action):
    return reverse("grants_applications:transition", args=[application.pk, action])


@pytest.fixture
def submitted(application, member, act):
    return act(application, "submit", member)


def test_listing_filters_by_status_and_call_and_searches(client, officer, application, submitted):
    other = ApplicationFactory(title="Senioru rīti")
    client.force_login(officer)
    index = reverse("grants_applications:index")

    response = client.get(index, {"status": S.SUBMITTED})
    assert response.status_code == 200
    assert application.title in response.text
    assert other.title not in response.text

    response = client.get(index, {"call": other.call_id})
    assert other.title in response.text
    assert application.title not in response.text

    response = client.get(index, {"q": "Senioru"})
    assert other.title in response.text


def test_listing_costs_the_same_queries_for_5_and_25_rows(
    client, officer, django_assert_max_num_queries
):
    ApplicationFactory.create_batch(5)
    client.force_login(officer)
    index = reverse("grants_applications:index")
    client.get(index)  # warm caches (content types, site)
    with django_assert_max_num_queries(30) as small:
        client.get(index)
    ApplicationFactory.create_batch(20)
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        response = client.get(index)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_export_of_the_filtered_list_in_csv_and_xlsx(client, officer, application, submitted):
    ApplicationFactory(title="Cits projekts")
    client.force_login(officer)
    index = reverse("grants_applications:index")

    response = client.get(index, {"status": S.SUBMITTED, "export": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert application.title in body
    assert "Cits projekts" not in body

    response = client.get(index, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )


def test_inspect_shows_budget_history_and_only_the_officers_actions(
    client, officer, application, submitted
):
    client.force_login(officer)
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    text = response.text
    for line in application.budget_lines.all():
        assert line.description in text
    assert 'data-case-action="request_changes"' in text
    assert 'data-case-action="reject"' in text
    assert 'data-case-action="approve_budget"' not in text
    assert 'data-case-action="submit"' not in text
    assert 'data-case-status="submitted"' in text


def test_finance_sees_no_officer_actions(client, finance, application, submitted):
    client.force_login(finance)
    response = client.get(inspect_url(application))
    assert response.status_code == 200
    assert "data-case-action=" not in response.text


def test_request_changes_form_needs_a_comment_and_changes_nothing_without_it(
    client, officer, application, submitted
):
    client.force_login(officer)
    response = client.post(transition_url(application, "request_changes"), {"comment": " "})
    assert response.status_code == 200
    assert "required" in response.text.lower() or "obligāt" in response.text.lower()
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_request_changes_through_the_admin_form_records_both_comments(
    client, officer, application, submitted, django_capture_on_commit_callbacks, outbox
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            transition_url(application, "request_changes"),
            {"comment": "Pievienojiet tāmi.", "internal_comment": "Pārbaudīt cenas."},
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.CHANGES_REQUESTED
    entry = audit.entries_for(application)[-1]
    assert entry.data["source"] == "admin"
    assert entry.data["comment"] == "Pievienojiet tāmi."
    assert entry.data["internal_comment"] == "Pārbaudīt cenas."
    assert entry.user == officer
    # The applicant's mail carries the comment but not the internal one.
    applicant_mail = [m for m in outbox if "biedriba-test" in m.to[0]]
    assert applicant_mail and "Pievienojiet tāmi." in applicant_mail[0].body
    assert "Pārbaudīt cenas." not in applicant_mail[0].body
    # The history shows on the inspect view.
    assert "Pievienojiet tāmi." in client.get(inspect_url(application)).text


def test_an_action_the_user_may_not_take_is_refused_with_a_message(
    client, finance, application, submitted
):
    client.force_login(finance)
    response = client.post(transition_url(application, "request_changes"), {"comment": "x"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.SUBMITTED


def test_an_unknown_action_is_404(client, officer, application, submitted):
    client.force_login(officer)
    assert client.get(transition_url(application, "explode")).status_code == 404


def test_approve_budget_form_refuses_an_amount_above_requested_on_the_amount_field(
    client, finance, application, submitted, officer, act, reviewer, reviewer2
):
    from kopiena.grants import reviews

    reviews.assign_reviewer(application, reviewer, by=officer)
    reviews.assign_reviewer(application, reviewer2, by=officer)
    act(application, "start_review", officer)
    criteria = list(application.call.criteria.all())
    for r in (reviewer, reviewer2):
        assignment = ReviewAssignment.objects.get(application=application, reviewer=r)
        reviews.declare_conflict(assignment, r, has_conflict=False)
        reviews.complete_review(
            assignment, r, scores={c.pk: c.max_score for c in criteria}, recommendation="fund"
        )
    act(application, "recommend", officer)
    application.refresh_from_db()

    client.force_login(finance)
    too_much = application.requested_amount + Decimal("0.01")
    response = client.post(transition_url(application, "approve_budget"), {"amount": str(too_much)})
    assert response.status_code == 200
    assert response.context["form"].errors["amount"]
    application.refresh_from_db()
    assert application.status == S.RECOMMENDED

    response = client.post(
        transition_url(application, "approve_budget"), {"amount": str(application.requested_amount)}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.APPROVED
    assert application.approved_amount == application.requested_amount


def test_officer_assigns_a_reviewer_who_then_scores_through_the_review_form(
    client, officer, reviewer, application, submitted
):
    client.force_login(officer)
    url = reverse("grants_applications:assign_reviewer", args=[application.pk])
    response = client.post(url, {"reviewer": reviewer.pk})
    assert response.status_code == 302
    assignment = ReviewAssignment.objects.get(application=application, reviewer=reviewer)

    # The reviewer sees it in "my reviews"...
    client.force_login(reviewer)
    response = client.get(reverse("grants_my_reviews"))
    assert application.title in response.text
    # ... but cannot score before the application is in review, nor without declaring.
    review_url = reverse("grants_review", args=[assignment.pk])
    criteria = list(application.call.criteria.all())
    scores = {f"score_{c.pk}": c.max_score for c in criteria}
    response = client.post(review_url, {**scores, "recommendation": "fund"})
    assert response.status_code == 200
    assert response.context["form"].errors

    from kopiena.casework.service import perform_transition

    perform_transition(application, "start_review", officer)
    response = client.post(review_url, {**scores, "recommendation": "fund"})
    assert response.context["form"].errors["declaration"]

    response = client.post(review_url, {**scores, "recommendation": "fund", "declaration": "none"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.is_completed and assignment.weighted_total == Decimal("100.00")


def test_a_reviewer_cannot_open_another_reviewers_assignment(
    client, officer, reviewer, reviewer2, application, submitted
):
    from kopiena.grants import reviews

    assignment = reviews.assign_reviewer(application, reviewer, by=officer)
    client.force_login(reviewer2)
    assert client.get(reverse("grants_review", args=[assignment.pk])).status_code == 404


def test_a_member_of_the_organisation_is_not_offered_as_reviewer(
    client, officer, application, submitted
):
    from kopiena.casework.roles import Role
    from tests.factories import user_with_role
    from tests.factories.grants import MembershipFactory

    conflicted = user_with_role(Role.REVIEWERS, username="conflicted-reviewer")
    MembershipFactory(user=conflicted, organisation=application.organisation)
    client.force_login(officer)
    response = client.get(reverse("grants_applications:assign_reviewer", args=[application.pk]))
    assert "conflicted-reviewer" not in response.text


def test_dashboard_shows_waiting_for_me_and_call_budgets(client, officer, application, submitted):
    client.force_login(officer)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert 'id="casework-waiting-section"' in response.text
    assert application.title in response.text
    assert 'id="grants-call-budgets-section"' in response.text
    assert application.call.title in response.text


def test_organisation_listing_and_inspect(client, officer):
    organisation = OrganisationFactory(name="Biedrība “Pīlādzis”")
    client.force_login(officer)
    response = client.get(reverse("grants_organisations:index"), {"q": "Pīlādzis"})
    assert organisation.name in response.text
    response = client.get(reverse("grants_organisations:inspect", args=[organisation.pk]))
    assert response.status_code == 200
    assert organisation.registration_number in response.text


def test_ngo_members_cannot_enter_the_admin(client, member, application):
    client.force_login(member)
    response = client.get(inspect_url(application))
    assert response.status_code in (302, 403)


def test_transitions_appear_in_the_admin_history_view(client, officer, application, submitted, act):
    act(application, "request_changes", officer, comment="Lūdzu precizēt budžetu.")
    client.force_login(officer)
    assert (
        client.get(reverse("grants_applications:history", args=[application.pk])).status_code == 200
    )
    # The history table itself is loaded from the results view.
    response = client.get(reverse("grants_applications:history_results", args=[application.pk]))
    assert response.status_code == 200
    assert "Lūdzu precizēt budžetu." in response.text
    # Who and from → to, through the registered log formatter.
    assert officer.get_full_name() in response.text or officer.username in response.text
    assert "→" in response.text


def test_the_application_page_shows_the_initiative_it_co_finances(
    client, officer, application, submitted
):
    from tests.factories.community_work import InitiativeFactory

    initiative = InitiativeFactory(grant_application=application, title="Križu pagalma svētki")
    client.force_login(officer)
    response = client.get(inspect_url(application))
    assert "Križu pagalma svētki" in response.text
    assert reverse("community_initiatives:inspect", args=[initiative.pk]) in response.text
