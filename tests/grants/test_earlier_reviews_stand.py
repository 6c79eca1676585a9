"""After a changed resubmission the earlier reviews no longer count, unless the grant
officer confirms, with a reason on the record, that they still stand."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kopiena.casework import audit
from kopiena.casework.workflow import GuardFailed
from kopiena.grants import reviews
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.models import BudgetLine
from tests.factories.grants import completed_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def resubmitted(application, member, officer, reviewer, reviewer2, act):
    """In review as version 2: two reviews of version 1 no longer count."""
    act(application, "submit", member)
    completed_review(application, reviewer)
    completed_review(application, reviewer2)
    act(application, "request_changes", officer, comment="Precizējiet tāmi.")
    line = application.budget_lines.first()
    BudgetLine.objects.filter(pk=line.pk).update(
        unit_cost=Decimal("520.00"), requested=Decimal("4680.00"), own=Decimal("520.00")
    )
    application.recalculate_totals()
    act(application, "submit", member, comment="Precizēta tāme.")
    app = act(application, "start_review", officer)
    assert app.version == 2 and app.reviews.completed().count() == 0
    return app


def test_recommend_counts_the_earlier_reviews_once_the_officer_confirms_them(
    resubmitted, officer, finance, act
):
    with pytest.raises(GuardFailed):
        act(resubmitted, "recommend", officer)
    count = reviews.confirm_earlier_reviews(
        resubmitted, officer, reason="Mainīta tikai vienības cena; vērtējums nemainās."
    )
    assert count == 2
    [note] = [
        e
        for e in audit.entries_for(resubmitted)
        if e.data.get("event") == "earlier_reviews_confirmed"
    ]
    assert "vērtējums nemainās" in note.data["text"] and note.user == officer
    for review in resubmitted.reviews.all():
        assert review.is_completed and review.confirmed_for_version == 2
    assert act(resubmitted, "recommend", officer).status == S.RECOMMENDED
    # Confirmed reviews carry the new amount to finance.
    approved = act(resubmitted, "approve_budget", finance, amount=Decimal("4680.00"))
    assert approved.status == S.APPROVED


def test_only_an_officer_confirms_and_only_with_a_reason(resubmitted, officer, reviewer, finance):
    for user in (reviewer, finance):
        with pytest.raises(PermissionDenied):
            reviews.confirm_earlier_reviews(resubmitted, user, reason="Tā ir.")
    with pytest.raises(ValidationError) as refused:
        reviews.confirm_earlier_reviews(resubmitted, officer, reason="  ")
    assert "reason" in refused.value.message_dict
    assert resubmitted.reviews.completed().count() == 0
    assert not [
        e
        for e in audit.entries_for(resubmitted)
        if e.data.get("event") == "earlier_reviews_confirmed"
    ]


def test_nothing_to_confirm_is_refused(application, member, officer, act):
    act(application, "submit", member)
    with pytest.raises(ValidationError):
        reviews.confirm_earlier_reviews(application, officer, reason="Nav ko apstiprināt.")


def test_the_admin_offers_the_confirmation_and_marks_the_reviews(client, resubmitted, officer):
    client.force_login(officer)
    page_url = reverse("grants_applications:assign_reviewer", args=[resubmitted.pk])
    assert "data-earlier-reviews" in client.get(page_url).content.decode()
    step = reverse("grants_applications:review_step", args=[resubmitted.pk])
    client.post(step, {"step": "confirm", "reason": ""})
    assert resubmitted.reviews.completed().count() == 0
    response = client.post(step, {"step": "confirm", "reason": "Izmaiņa nebūtiska."}, follow=True)
    assert response.status_code == 200
    assert resubmitted.reviews.completed().count() == 2
    assert "data-earlier-reviews" not in client.get(page_url).content.decode()
    inspect = client.get(
        reverse("grants_applications:inspect", args=[resubmitted.pk])
    ).content.decode()
    assert inspect.count("data-confirmed-review") == 2


def test_a_later_change_makes_confirmed_reviews_stale_again(resubmitted, member, officer, act):
    reviews.confirm_earlier_reviews(resubmitted, officer, reason="Izmaiņa nebūtiska.")
    act(resubmitted, "request_changes", officer, comment="Vēl viena izmaiņa.")
    BudgetLine.objects.filter(application=resubmitted).update(description="Jauns apraksts")
    act(resubmitted, "submit", member)
    resubmitted.refresh_from_db()
    assert resubmitted.version == 3
    for review in resubmitted.reviews.all():
        assert not review.is_completed and review.confirmed_for_version is None
