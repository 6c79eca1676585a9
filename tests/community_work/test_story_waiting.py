"""A pilot story draft waits in the editors' "Waiting for me" panel until it is published:
each row opens the page editor the editor may use; people who are not editors do not get
the group, and the panel's cost does not grow with the number of drafts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kopiena.community_work.models import InitiativeStatus
from kopiena.community_work.stories import prepare_pilot_story
from tests.factories import InitiativeFactory, StoryIndexPageFactory, site_home
from tests.factories.pages import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def story_index(db):
    return StoryIndexPageFactory(parent=site_home())


def _prepared(social_worker, title):
    initiative = InitiativeFactory(
        status=InitiativeStatus.CLOSED, social_worker=social_worker, title=title
    )
    return prepare_pilot_story(initiative, user=social_worker)


def test_the_editor_finds_the_draft_and_opens_it(client, story_index, social_worker, editor):
    page = _prepared(social_worker, "Darbnīcas Križos")
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert "Pilotprojektu stāsti, kas jāpabeidz" in dashboard
    assert f'href="{edit_url}"' in dashboard
    assert client.get(edit_url).status_code == 200


def test_a_published_story_no_longer_waits(client, story_index, social_worker, editor):
    page = _prepared(social_worker, "Darbnīcas Križos")
    publish(page.specific, user=editor)
    client.force_login(editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pilotprojektu stāsti, kas jāpabeidz" not in dashboard


@pytest.mark.parametrize("who", ["social_worker", "service_head", "officer"])
def test_only_editors_get_the_story_group(who, client, story_index, social_worker, request):
    _prepared(social_worker, "Darbnīcas Križos")
    client.force_login(request.getfixturevalue(who))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Pilotprojektu stāsti, kas jāpabeidz" not in dashboard


def test_the_panel_costs_the_same_with_one_draft_or_five(
    client, story_index, social_worker, editor
):
    _prepared(social_worker, "Stāsts 0")
    client.force_login(editor)
    url = reverse("wagtailadmin_home")
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 5):
        _prepared(social_worker, f"Stāsts {n}")
    with CaptureQueriesContext(connection) as five:
        text = client.get(url).content.decode()
    assert text.count("Pilotprojekta stāsts: Stāsts") == 5
    assert len(five.captured_queries) == len(one.captured_queries)
