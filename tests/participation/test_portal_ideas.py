"""The resident's side of an idea after it is sent: changing an idea the municipality
returned (on the portal, sent again through the transition service, on the record, staff
told) and the page of the ideas they follow."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kopiena.casework.audit import entries_for
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.participation import services
from kopiena.participation.models import Follow, Idea, IdeaStatus
from tests.factories import UserFactory, budget, feasible_idea

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(pb_staff, resident):
    process = budget("ideas")
    idea = services.submit_idea(
        process,
        {
            "title": "Soliņi parkā",
            "description": "Soliņi.",
            "theme": process.themes.first(),
            "category": process.categories.get(code="infrastructure"),
            "estimated_cost": Decimal("12000.00"),
        },
        author=resident,
    )
    return perform_transition(
        idea, "return_to_author", pb_staff, TransitionInput(comment="Norādiet precīzu vietu.")
    )


def change_url(idea):
    return reverse("participation:change", args=[idea.process.slug, idea.number])


def form_of(idea, **overrides):
    return {
        "title": "Soliņi Jūrmalas parkā pie strūklakas",
        "description": "Desmit soliņi gar celiņu pie strūklakas.",
        "theme": idea.theme_id,
        "category": idea.category_id,
        "estimated_cost": "11000",
        "latitude": "56.5046",
        "longitude": "21.0108",
        "note": "Pievienoju vietu.",
        **overrides,
    }


def test_the_author_changes_a_returned_idea_and_staff_are_told(
    client, returned, resident, pb_staff, outbox, committed
):
    client.force_login(resident)
    detail = reverse("participation:idea", args=[returned.process.slug, returned.number])
    assert change_url(returned) in client.get(detail).content.decode()
    page = client.get(change_url(returned)).content.decode()
    assert "Norādiet precīzu vietu." in page and 'value="Soliņi parkā"' in page
    with committed():
        response = client.post(change_url(returned), form_of(returned))
    assert response.status_code == 302
    idea = Idea.objects.get(pk=returned.pk)
    assert idea.status == IdeaStatus.SUBMITTED
    assert idea.title == "Soliņi Jūrmalas parkā pie strūklakas"
    assert idea.estimated_cost == Decimal("11000.00") and idea.latitude == Decimal("56.504600")
    last = entries_for(idea)[-1]
    assert (last.data["action"], last.data["comment"], last.user) == (
        "resubmit",
        "Pievienoju vietu.",
        resident,
    )
    assert last.data["source"] == "portal"
    assert [m.to for m in outbox] == [[pb_staff.email]]
    # Sent again: no longer changeable.
    assert client.get(change_url(idea)).status_code == 404


def test_a_change_above_the_categorys_money_is_refused_and_nothing_written(
    client, returned, resident
):
    client.force_login(resident)
    client.cookies["django_language"] = "en"
    response = client.post(change_url(returned), form_of(returned, estimated_cost="50000.01"))
    assert response.status_code == 200
    assert "above the money" in response.content.decode()
    idea = Idea.objects.get(pk=returned.pk)
    assert (idea.status, idea.title) == (IdeaStatus.RETURNED, "Soliņi parkā")
    assert entries_for(idea)[-1].data["action"] == "return_to_author"


def test_only_the_author_of_a_returned_idea_may_change_it(client, returned, pb_staff):
    other = UserFactory(username="sveša-iedzivotaja")
    client.force_login(other)
    assert client.get(change_url(returned)).status_code == 404
    assert client.post(change_url(returned), form_of(returned)).status_code == 404
    client.logout()
    assert client.get(change_url(returned)).status_code == 302  # to the sign-in
    assert Idea.objects.get(pk=returned.pk).status == IdeaStatus.RETURNED


def test_an_idea_not_returned_cannot_be_changed(client, resident):
    process = budget("voting")
    idea = feasible_idea(process, author=resident)
    client.force_login(resident)
    assert client.get(change_url(idea)).status_code == 404


def test_the_followed_page_lists_the_followed_ideas_with_their_status(
    client, resident, returned, django_assert_max_num_queries
):
    voting = budget("voting")
    followed = [feasible_idea(voting, title=f"Projekts {n}") for n in range(5)]
    for idea in followed:
        Follow.objects.create(idea=idea, user=resident)
    not_followed = feasible_idea(voting, title="Nesekots projekts")
    client.force_login(resident)
    url = reverse("participation:following")
    with django_assert_max_num_queries(12):
        text = client.get(url).content.decode()
    for idea in followed:
        assert idea.title in text
    assert not_followed.title not in text
    assert "Soliņi parkā" in text and 'data-idea-status="returned"' in text
    assert change_url(returned) in text
    assert text.count('data-idea-status="feasible"') == 5
    # the number of queries does not grow with the ideas
    for n in range(5, 15):
        Follow.objects.create(idea=feasible_idea(voting, title=f"Projekts {n}"), user=resident)
    with django_assert_max_num_queries(12):
        assert client.get(url).content.decode().count('data-idea-status="feasible"') == 15


def test_the_followed_page_needs_a_sign_in_and_shows_only_ones_own(client, resident, returned):
    assert client.get(reverse("participation:following")).status_code == 302
    client.force_login(UserFactory(username="cits-lietotajs"))
    assert "Soliņi parkā" not in client.get(reverse("participation:following")).content.decode()
