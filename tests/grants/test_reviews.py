"""Reviews: officers assign reviewers, reviewers declare conflicts and score every
criterion; the application shows the weighted total and the reviewers' spread."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from kopiena.grants.models import Application, ApplicationStatus, Recommendation, ReviewAssignment
from kopiena.grants.reviews import assign_reviewer, complete_review, declare_conflict
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    ReviewAssignmentFactory,
    completed_review,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def in_review(call, organisation):
    return ApplicationFactory(call=call, organisation=organisation, status=S.IN_REVIEW)


def scores_for(app, *values):
    return dict(zip(app.call.criteria.all(), values, strict=True))


def test_only_officers_assign_reviewers(in_review, reviewer, finance, member):
    for user in (finance, reviewer, member):
        with pytest.raises(PermissionDenied):
            assign_reviewer(in_review, reviewer, user)
    assert not in_review.reviews.exists()


def test_assign_reviewer_checks_the_reviewer(in_review, officer, reviewer, finance):
    with pytest.raises(ValidationError) as info:
        assign_reviewer(in_review, finance, officer)
    assert "reviewer" in info.value.message_dict
    assignment = assign_reviewer(in_review, reviewer, officer)
    assert assignment.assigned_by == officer and assignment.reviewer == reviewer
    with pytest.raises(ValidationError) as info:
        assign_reviewer(in_review, reviewer, officer)
    assert "reviewer" in info.value.message_dict
    assert in_review.reviews.count() == 1


def test_reviewers_are_assigned_only_while_submitted_or_in_review(application, officer, reviewer):
    with pytest.raises(ValidationError) as info:
        assign_reviewer(application, reviewer, officer)
    assert "__all__" in info.value.message_dict


def test_a_reviewer_declares_then_scores(in_review, officer, reviewer):
    assignment = assign_reviewer(in_review, reviewer, officer)
    with pytest.raises(ValidationError) as info:
        complete_review(
            assignment, reviewer, scores=scores_for(in_review, 8, 5), recommendation="fund"
        )
    assert "declared_no_conflict" in info.value.message_dict

    declare_conflict(assignment, reviewer, has_conflict=False)
    done = complete_review(
        assignment,
        reviewer,
        scores=scores_for(in_review, (8, "Labi"), 5),
        recommendation=Recommendation.FUND_WITH_CHANGES,
        comment="Precizēt budžetu.",
    )
    assert done.is_completed and done.recommendation == "fund_with_changes"
    assert done.scores.count() == 2
    assert done.weighted_total == Decimal("68.00")  # 0.6 × 8/10 + 0.4 × 5/10


def test_a_declared_conflict_excludes_the_reviewer(in_review, officer, reviewer):
    assignment = assign_reviewer(in_review, reviewer, officer)
    declare_conflict(assignment, reviewer, has_conflict=True, reason="Radinieks valdē")
    assignment.refresh_from_db()
    assert assignment.has_conflict
    with pytest.raises(ValidationError) as info:
        complete_review(
            assignment, reviewer, scores=scores_for(in_review, 8, 5), recommendation="fund"
        )
    assert "declared_no_conflict" in info.value.message_dict
    assert not ReviewAssignment.objects.without_conflict().filter(pk=assignment.pk).exists()
    assert not Application.objects.awaiting(reviewer).exists()


def test_every_criterion_needs_a_score_in_range(in_review, officer, reviewer):
    assignment = assign_reviewer(in_review, reviewer, officer)
    declare_conflict(assignment, reviewer, has_conflict=False)
    first, second = in_review.call.criteria.all()
    with pytest.raises(ValidationError) as info:
        complete_review(assignment, reviewer, scores={first: 8}, recommendation="fund")
    assert f"score_{second.pk}" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        complete_review(assignment, reviewer, scores={first: 11, second: -1}, recommendation="fund")
    assert {f"score_{first.pk}", f"score_{second.pk}"} <= set(info.value.message_dict)
    with pytest.raises(ValidationError) as info:
        complete_review(assignment, reviewer, scores={first: 10, second: 0}, recommendation="?")
    assert "recommendation" in info.value.message_dict
    assignment.refresh_from_db()
    assert not assignment.is_completed and not assignment.scores.exists()
    complete_review(assignment, reviewer, scores={first: 10, second: 0}, recommendation="fund")


def test_only_the_assigned_reviewer_scores(in_review, officer, reviewer, reviewer2):
    assignment = assign_reviewer(in_review, reviewer, officer)
    with pytest.raises(PermissionDenied):
        declare_conflict(assignment, reviewer2, has_conflict=False)
    declare_conflict(assignment, reviewer, has_conflict=False)
    with pytest.raises(PermissionDenied):
        complete_review(
            assignment, reviewer2, scores=scores_for(in_review, 1, 1), recommendation="fund"
        )


def test_reviews_are_completed_only_in_review(call, organisation, officer, reviewer):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.SUBMITTED)
    assignment = assign_reviewer(app, reviewer, officer)
    declare_conflict(assignment, reviewer, has_conflict=False)
    with pytest.raises(ValidationError) as info:
        complete_review(assignment, reviewer, scores=scores_for(app, 5, 5), recommendation="fund")
    assert "__all__" in info.value.message_dict


def test_a_completed_review_cannot_be_changed(in_review, reviewer):
    assignment = completed_review(in_review, reviewer)
    with pytest.raises(ValidationError):
        declare_conflict(assignment, reviewer, has_conflict=True, reason="Radinieks valdē")
    with pytest.raises(ValidationError):
        complete_review(
            assignment, reviewer, scores=scores_for(in_review, 1, 1), recommendation="fund"
        )


def test_weighted_total_and_spread_over_completed_reviews(in_review):
    assert in_review.weighted_total is None and in_review.spread is None
    completed_review(in_review, scores={"Projekta nozīme kopienai": 8, "Budžeta pamatotība": 5})
    completed_review(in_review, scores={"Projekta nozīme kopienai": 10, "Budžeta pamatotība": 10})
    completed_review(in_review, scores={"Projekta nozīme kopienai": 7, "Budžeta pamatotība": 9})
    # 68.00, 100.00 and 78.00 (0.6 × 0.7 + 0.4 × 0.9)
    assert in_review.review_totals() == [
        Decimal("68.00"),
        Decimal("100.00"),
        Decimal("78.00"),
    ]
    assert in_review.weighted_total == Decimal("82.00")
    assert in_review.spread == Decimal("32.00")


def test_weighted_total_with_different_maximum_scores(db, organisation):
    call = GrantCallFactory(criteria=[("A", "0.5", 5), ("B", "0.3", 10), ("C", "0.2", 3)])
    app = ApplicationFactory(call=call, organisation=organisation, status=S.IN_REVIEW)
    review = completed_review(app, scores={"A": 4, "B": 7, "C": 1})
    # 0.5 × 4/5 + 0.3 × 7/10 + 0.2 × 1/3 = 0.4 + 0.21 + 0.0667 = 67.67 %
    assert review.weighted_total == Decimal("67.67")


def test_incomplete_and_conflicted_reviews_do_not_count(in_review, reviewer):
    completed_review(in_review, scores={"Projekta nozīme kopienai": 5, "Budžeta pamatotība": 5})
    ReviewAssignmentFactory(application=in_review)
    ReviewAssignmentFactory(
        application=in_review,
        reviewer=reviewer,
        declared_no_conflict=False,
        conflict_declared_at=timezone.now(),
    )
    assert in_review.weighted_total == Decimal("50.00")
    assert in_review.spread == Decimal("0.00")
