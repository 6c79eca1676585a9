"""Which page goes under which: one news index and one story index under any page of the
host, news only in the news index, stories only in the story index."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Page

from kopiena.pages.models import (
    NewsIndexPage,
    NewsPage,
    PilotStoryPage,
    PracticeApproach,
    StoryIndexPage,
)
from tests.factories.pages import NewsIndexPageFactory, NewsPageFactory, PilotStoryPageFactory

pytestmark = pytest.mark.django_db


def test_section_pages_go_under_any_page_of_the_host_once_each(home):
    """Kopiena has no home page of its own: its sections live under the host's pages (here
    the site's root page, whatever its type), one of each kind per parent."""
    assert NewsIndexPage.parent_page_types is None
    assert StoryIndexPage.parent_page_types is None
    assert NewsIndexPage.can_create_at(home)
    assert StoryIndexPage.can_create_at(home)
    NewsIndexPageFactory(parent=home)
    assert not NewsIndexPage.can_create_at(home)
    assert StoryIndexPage.can_create_at(home)


def test_section_pages_go_under_a_plain_wagtail_page():
    root = Page.get_first_root_node()
    host_page = root.add_child(instance=Page(title="Sociālais dienests", slug="dienests"))
    assert NewsIndexPage.can_create_at(host_page)
    assert StoryIndexPage.can_create_at(host_page)


def test_the_editors_may_work_only_in_kopienas_sections(home, news_index, story_index):
    """The editors' group gets page rights on each section page when it is made, never on
    the host's root or home page."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission

    from kopiena.casework.roles import Role

    editors = Group.objects.get(name=Role.EDITORS)
    granted = set(
        GroupPagePermission.objects.filter(group=editors).values_list(
            "page_id", "permission__codename"
        )
    )
    for section in (news_index, story_index):
        assert {
            (section.pk, "add_page"),
            (section.pk, "change_page"),
            (section.pk, "publish_page"),
        } <= granted
    assert {page_id for page_id, _ in granted} == {news_index.pk, story_index.pk}


def test_news_go_only_in_the_news_index(home, news_index, story_index):
    assert NewsPage.can_create_at(news_index)
    assert not NewsPage.can_create_at(home)
    assert not NewsPage.can_create_at(story_index)
    assert NewsPage.allowed_subpage_models() == []


def test_stories_go_only_in_the_story_index(home, news_index, story_index):
    assert PilotStoryPage.can_create_at(story_index)
    assert not PilotStoryPage.can_create_at(home)
    assert not PilotStoryPage.can_create_at(news_index)
    assert PilotStoryPage.allowed_subpage_models() == []


def test_the_admin_offers_only_allowed_page_types(editor_client, home, news_index, story_index):
    add_subpage = reverse("wagtailadmin_pages:add_subpage", args=[news_index.pk])
    response = editor_client.get(add_subpage, follow=True)
    # The news index takes one type only, so Wagtail goes straight to its form.
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse(
        "wagtailadmin_pages:add", args=["kopiena_pages", "newspage", news_index.pk]
    )

    refused = editor_client.get(
        reverse("wagtailadmin_pages:add", args=["kopiena_pages", "newspage", home.pk])
    )
    assert refused.status_code in (302, 403)
    assert not NewsPage.objects.child_of(home).exists()


def test_a_pilot_cannot_end_before_it_starts(story_index):
    story = PilotStoryPageFactory.build(
        pilot_start=dt.date(2023, 6, 1), pilot_end=dt.date(2023, 1, 1)
    )
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "pilot_end" in error.value.message_dict


def test_the_main_approach_is_one_of_the_ticked_approaches(story_index):
    story = PilotStoryPageFactory.build(
        practice_approaches=[PracticeApproach.ADVOCACY],
        main_approach=PracticeApproach.SOCIAL_MARKETING,
    )
    with pytest.raises(ValidationError) as error:
        story.clean()
    assert "main_approach" in error.value.message_dict


def test_practice_approaches_are_a_choice_from_the_list(story_index):
    story = PilotStoryPageFactory(parent=story_index)
    story.practice_approaches = ["community_development", "knitting"]
    with pytest.raises(ValidationError) as error:
        story.full_clean()
    assert "practice_approaches" in error.value.message_dict


def test_news_and_stories_are_found_by_search(news_index, story_index, cesis):
    news = NewsPageFactory(parent=news_index, title="Rokdarbu izstāde Priekuļos")
    story = PilotStoryPageFactory(
        parent=story_index, municipality=cesis, community="Viļānu jaunās māmiņas"
    )

    assert news in NewsPage.objects.live().search("rokdarbu")
    assert story in PilotStoryPage.objects.live().search("māmiņas")
