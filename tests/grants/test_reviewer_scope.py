"""Reviewers see only their assignments (admin listing, inspect view, downloads, case
API), never a draft, the other reviewers' scores only after their own, nothing after a
declared conflict; whoever scored an application takes no finance decision on it."""

import pytest
from django.urls import reverse

from kopiena.grants import reviews
from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from kopiena.grants.models.application_rules import budget_approver, rejecter
from tests.factories.grants import ApplicationFactory, completed_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def assigned(application, member, officer, reviewer, act):
    act(application, "submit", member)
    reviews.assign_reviewer(application, reviewer, by=officer)
    return act(application, "start_review", officer)


def test_a_reviewer_lists_and_opens_only_assigned_applications(client, assigned, reviewer, call):
    unassigned = ApplicationFactory(call=call, title="Zxq nepiešķirts")
    draft = ApplicationFactory(call=call, title="Zxq melnraksts")
    client.force_login(reviewer)
    text = client.get(reverse("grants_applications:index")).text
    assert assigned.title in text
    assert unassigned.title not in text, text[text.index(unassigned.title) - 300 :][:400]
    assert draft.title not in text
    inspect = "grants_applications:inspect"
    assert client.get(reverse(inspect, args=[assigned.pk])).status_code == 200
    assert client.get(reverse(inspect, args=[unassigned.pk])).status_code == 404
    assert client.get(reverse(inspect, args=[draft.pk])).status_code == 404


def test_an_assigned_draft_stays_hidden(application, officer, reviewer):
    from tests.factories.grants import ReviewAssignmentFactory

    ReviewAssignmentFactory(application=application, reviewer=reviewer)
    assert not Application.objects.visible_to(reviewer).exists()


def test_other_scores_only_after_the_reviewers_own(client, assigned, reviewer, reviewer2):
    completed_review(assigned, reviewer=reviewer2, scores={"Atbilstība mērķim": 3})
    client.force_login(reviewer)
    url = reverse("grants_applications:inspect", args=[assigned.pk])
    name = reviewer2.get_full_name() or reviewer2.username
    assert name not in client.get(url).text
    own = assigned.reviews.get(reviewer=reviewer)
    reviews.declare_conflict(own, reviewer, has_conflict=False)
    reviews.complete_review(
        own,
        reviewer,
        scores={c: c.max_score for c in assigned.call.criteria.all()},
        recommendation="fund",
    )
    assert name in client.get(url).text


def test_nothing_after_declaring_a_conflict(client, assigned, reviewer):
    own = assigned.reviews.get(reviewer=reviewer)
    reviews.declare_conflict(own, reviewer, has_conflict=True, reason="Radinieks")
    client.force_login(reviewer)
    url = reverse("grants_applications:inspect", args=[assigned.pk])
    assert client.get(url).status_code == 404
    assert not Application.objects.visible_to(reviewer).exists()


def test_internal_comments_are_not_shown_to_reviewers(client, assigned, officer, reviewer, act):
    act(assigned, "request_changes", officer, comment="Lūdzu tāmi.", internal_comment="Slepeni.")
    client.force_login(reviewer)
    text = client.get(reverse("grants_applications:inspect", args=[assigned.pk])).text
    assert "Slepeni." not in text
    client.force_login(officer)
    assert "Slepeni." in client.get(reverse("grants_applications:inspect", args=[assigned.pk])).text


def test_whoever_scored_neither_approves_nor_rejects(assigned, officer, finance):
    from kopiena.casework.roles import Role
    from kopiena.grants.roles import has_role

    both = finance
    both.groups.add(*officer.groups.all())
    assert has_role(both, Role.GRANT_OFFICERS)
    assert rejecter(assigned, both)
    completed_review(assigned, reviewer=both)
    Application.objects.filter(pk=assigned.pk).update(status=S.RECOMMENDED)
    assigned.refresh_from_db()
    assert not rejecter(assigned, both)
    assert not budget_approver(assigned, both)
