"""Conflicts of interest as a decision on the record, reassignment and waivers that let a
case move, and reviews that belong to a version of the application."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kopiena.casework import audit
from kopiena.casework.workflow import GuardFailed
from kopiena.grants import reviews
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.models import BudgetLine
from tests.factories.grants import completed_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(application, member, officer, reviewer, act):
    act(application, "submit", member)
    reviews.assign_reviewer(application, reviewer, by=officer)
    return act(application, "start_review", officer)


def notes(application, event):
    return [e for e in audit.entries_for(application) if e.data.get("event") == event]


def review_url(application, reviewer):
    return reverse("grants_review", args=[application.reviews.get(reviewer=reviewer).pk])


def test_a_declared_conflict_and_its_reopening_are_in_the_history(
    client, in_review, reviewer, officer
):
    client.force_login(reviewer)
    response = client.post(review_url(in_review, reviewer), {"declaration": "conflict"})
    assert response.status_code == 200
    assert response.context["form"].errors["conflict_reason"]
    response = client.post(
        review_url(in_review, reviewer),
        {"declaration": "conflict", "conflict_reason": "Mana māsa vada biedrību."},
    )
    assert response.status_code == 302
    [declared] = notes(in_review, "conflict_declared")
    assert "Mana māsa vada biedrību." in declared.data["text"]
    # The declaration stays: reopening the form does not offer "no conflict".
    response = client.get(review_url(in_review, reviewer))
    assert response.status_code == 302
    assignment = in_review.reviews.get(reviewer=reviewer)
    with pytest.raises(ValidationError):
        reviews.declare_conflict(assignment, reviewer, has_conflict=False)
    # Only the officer withdraws it, with a reason.
    client.force_login(officer)
    step = reverse("grants_applications:review_step", args=[in_review.pk])
    client.post(step, {"step": "reopen", "assignment": assignment.pk, "reason": ""})
    assignment.refresh_from_db()
    assert assignment.has_conflict
    client.post(step, {"step": "reopen", "assignment": assignment.pk, "reason": "Kļūda."})
    assignment.refresh_from_db()
    assert not assignment.has_declared
    assert notes(in_review, "conflict_reopened")


def test_the_review_form_shows_the_declaration_that_was_made(client, in_review, reviewer):
    assignment = in_review.reviews.get(reviewer=reviewer)
    reviews.declare_conflict(assignment, reviewer, has_conflict=False)
    client.force_login(reviewer)
    form = client.get(review_url(in_review, reviewer)).context["form"]
    assert form.initial["declaration"] == "none"
    assert notes(in_review, "no_conflict_declared")


def test_the_picker_says_why_a_reviewer_is_not_offered_and_a_waiver_lets_the_case_move(
    client, in_review, reviewer, officer, act
):
    in_review.call.reviews_required = 2
    in_review.call.save()
    assignment = in_review.reviews.get(reviewer=reviewer)
    reviews.declare_conflict(assignment, reviewer, has_conflict=True, reason="Valdes loceklis")
    client.force_login(officer)
    text = client.get(reverse("grants_applications:assign_reviewer", args=[in_review.pk])).text
    assert "data-no-reviewer" in text
    assert "deklarējis interešu konfliktu" in text

    with pytest.raises(GuardFailed):
        act(in_review, "recommend", officer)
    from kopiena.casework.roles import Role
    from tests.factories import user_with_role

    second = user_with_role(Role.REVIEWERS, username="trešais-vertetajs")
    reviews.assign_reviewer(in_review, second, by=officer)
    completed_review(in_review, user_with_role(Role.REVIEWERS))
    with pytest.raises(GuardFailed):
        act(in_review, "recommend", officer)  # 1 of 2
    client.post(
        reverse("grants_applications:review_step", args=[in_review.pk]),
        {"step": "waive", "reason": "Nav brīvu vērtētāju."},
    )
    in_review.refresh_from_db()
    assert in_review.required_reviews == 1
    assert notes(in_review, "review_waived")
    assert act(in_review, "recommend", officer).status == S.RECOMMENDED


def test_a_changed_resubmission_needs_fresh_reviews_before_recommend_and_approval(
    in_review, member, officer, reviewer, finance, act
):
    done = completed_review(in_review, reviewer=None)
    in_review.reviews.exclude(pk=done.pk).delete()
    act(in_review, "request_changes", officer, comment="Precizējiet tāmi.")
    line = in_review.budget_lines.first()
    # The request rises from 4 500 € to 9 000 €.
    BudgetLine.objects.filter(pk=line.pk).update(
        unit_cost=Decimal("1000.00"), requested=Decimal("9000.00"), own=Decimal("1000.00")
    )
    in_review.recalculate_totals()
    in_review.refresh_from_db()
    act(in_review, "submit", member, comment="Pievienojām cenu piedāvājumu.")
    in_review.refresh_from_db()
    assert in_review.version == 2
    done.refresh_from_db()
    assert not done.is_completed and done.earlier_version == 1
    assert done.earlier_total == Decimal("100.00")
    [note] = notes(in_review, "new_version")
    assert "pieprasītā summa: 4\xa0500,00\xa0€ → 9\xa0000,00\xa0€" in note.data["text"]
    act(in_review, "start_review", officer)
    with pytest.raises(GuardFailed) as refused:
        act(in_review, "recommend", officer)
    assert "Iepriekšējās versijas vērtējumi" in str(refused.value.errors)
    # Even if the case reached finance, stale reviews do not carry the new amount.
    from kopiena.grants.models import Application

    Application.objects.filter(pk=in_review.pk).update(status=S.RECOMMENDED)
    with pytest.raises(GuardFailed) as refused:
        act(in_review, "approve_budget", finance, amount=Decimal("9000.00"))
    assert "reviews" in refused.value.errors


def test_an_unchanged_resubmission_keeps_the_reviews(in_review, member, officer, act):
    done = completed_review(in_review)
    act(in_review, "request_changes", officer, comment="Pievienojiet failu.")
    act(in_review, "submit", member)
    in_review.refresh_from_db()
    done.refresh_from_db()
    assert in_review.version == 1 and done.is_completed
