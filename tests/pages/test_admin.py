"""The editors' admin: every page type's edit form opens with its tabs, and the municipality
and target-group lists are theirs to keep."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from kopiena.casework.models import Municipality
from tests.factories.pages import NewsPageFactory, PilotStoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_editor(editor_client, editor):
    """The admin in English, so that the tab names below are the source strings."""
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "en"
    profile.save()
    return editor_client


def test_every_page_type_opens_in_the_editor(english_editor, home, news_index, story_index):
    pages = {
        news_index: ["Content"],
        NewsPageFactory(parent=news_index): ["Content", "Classification"],
        story_index: ["Content"],
        PilotStoryPageFactory(parent=story_index): [
            "Content",
            "Pilot",
            "Community research",
            "Intervention",
            "Results",
        ],
    }
    for page, tabs in pages.items():
        response = english_editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
        html = response.content.decode()
        for tab in tabs:
            assert tab in html, (page, tab)


def test_new_news_and_stories_can_be_started(editor_client, news_index, story_index):
    for model, parent in (("newspage", news_index), ("pilotstorypage", story_index)):
        url = reverse("wagtailadmin_pages:add", args=["kopiena_pages", model, parent.pk])
        assert editor_client.get(url).status_code == 200, model


def test_practice_approaches_are_checkboxes(editor_client, story_index):
    story = PilotStoryPageFactory(parent=story_index)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[story.pk])).content.decode()
    assert 'type="checkbox" name="practice_approaches" value="community_development"' in html


def test_editors_keep_the_municipality_list(editor_client, cesis):
    listing = editor_client.get(reverse("wagtailsnippets_kopiena_casework_municipality:list"))
    assert listing.status_code == 200
    assert "Cēsu novads" in listing.content.decode()
    assert (
        editor_client.get(reverse("wagtailsnippets_kopiena_casework_targetgroup:list")).status_code
        == 200
    )

    response = editor_client.post(
        reverse("wagtailsnippets_kopiena_casework_municipality:add"),
        {"name": "Ādažu novads", "slug": "adazu-novads"},
    )

    assert response.status_code == 302
    assert Municipality.objects.filter(slug="adazu-novads").exists()
