"""Who sees which applications, what is waiting for whom, and listing cost."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from kopiena.grants.models import Application, ApplicationStatus, Organisation
from tests.factories.grants import (
    ApplicationFactory,
    OrganisationFactory,
    ReviewAssignmentFactory,
    completed_review,
    full_report,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def apps_by_status(call, organisation):
    """One application of ``organisation`` per status."""
    result = {}
    for status in S.values:
        app = ApplicationFactory(call=call, organisation=organisation, status=status)
        if status in (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED):
            Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
        result[status] = app
    return result


def test_grant_staff_see_everything_members_their_own_and_others_nothing(
    apps_by_status, users, django_user_model
):
    foreign = ApplicationFactory(
        organisation=Organisation.objects.for_user(users["other_member"]).get()
    )
    ApplicationFactory(organisation=OrganisationFactory())  # nobody's here
    everything = set(Application.objects.values_list("pk", flat=True))
    own = {app.pk for app in apps_by_status.values()}
    visible = {
        role: set(Application.objects.visible_to(user).values_list("pk", flat=True))
        for role, user in users.items()
    }
    assert visible["officer"] == visible["finance"] == everything
    # A reviewer sees only what is assigned to them (nothing here: see test_reviewer_scope).
    assert visible["reviewer"] == set()
    assert visible["member"] == own
    assert foreign.pk in visible["other_member"] and not visible["other_member"] & own
    for role in ("editor", "social_worker", "service_head", "anonymous"):
        assert visible[role] == set(), role
    admin = django_user_model.objects.create_superuser("root", "root@example.lv", "x")
    assert set(Application.objects.visible_to(admin).values_list("pk", flat=True)) == everything


def test_organisations_for_user(organisation, member, other_member, officer):
    assert list(Organisation.objects.for_user(member)) == [organisation]
    assert organisation not in Organisation.objects.for_user(other_member)
    assert not Organisation.objects.for_user(officer).exists()
    assert not Organisation.objects.for_user(AnonymousUser()).exists()


def awaiting(user):
    return set(Application.objects.awaiting(user).values_list("status", flat=True))


def test_waiting_for_each_role(apps_by_status, users, reviewer):
    assert awaiting(users["officer"]) == {S.SUBMITTED, S.REPORT_SUBMITTED}
    assert awaiting(users["finance"]) == {S.RECOMMENDED}
    assert awaiting(users["member"]) == {S.CHANGES_REQUESTED, S.APPROVED}
    assert awaiting(users["other_member"]) == set()
    assert awaiting(users["editor"]) == set()
    assert awaiting(AnonymousUser()) == set()

    assert awaiting(reviewer) == set()
    in_review = apps_by_status[S.IN_REVIEW]
    assignment = ReviewAssignmentFactory(application=in_review, reviewer=reviewer)
    assert awaiting(reviewer) == {S.IN_REVIEW}
    assignment.completed_at = timezone.now()
    assignment.save()
    assert awaiting(reviewer) == set()


def test_an_approved_application_waits_for_its_report_until_submitted(apps_by_status, member):
    approved = apps_by_status[S.APPROVED]
    report = full_report(approved)
    assert S.APPROVED in awaiting(member)
    report.submitted_at = timezone.now()
    report.save()
    assert S.APPROVED not in awaiting(member)


def test_awaiting_has_no_duplicates(call, organisation, reviewer, officer, member):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.IN_REVIEW)
    ReviewAssignmentFactory(application=app, reviewer=reviewer)
    completed_review(app)
    completed_review(app)
    assert Application.objects.awaiting(reviewer).count() == 1


def test_listing_costs_the_same_for_5_and_50_rows(
    call, organisation, officer, django_assert_max_num_queries
):
    def render(limit):
        rows = Application.objects.visible_to(officer).for_listing()[:limit]
        return [
            (
                a.case_reference(),
                a.call.title,
                a.organisation.name,
                a.municipality.name,
                a.completed_review_count,
                a.get_state_display_label(),
            )
            for a in rows
        ]

    for _ in range(5):
        completed_review(ApplicationFactory(call=call, organisation=organisation))
    with django_assert_max_num_queries(2) as five:
        assert len(render(5)) == 5
    for _ in range(45):
        ApplicationFactory(call=call, organisation=organisation)
    with django_assert_max_num_queries(len(five.captured_queries)):
        assert len(render(50)) == 50
