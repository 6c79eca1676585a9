"""Editors preview every page type before publishing: the draft view of each page, and the
live preview of the edit form with unsaved changes."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.factories.pages import ConsentImageFactory, NewsPageFactory, PilotStoryPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page_type(news_index, story_index, cesis):
    return {
        "news index": news_index,
        "news": NewsPageFactory(parent=news_index, title="Talka Priekuļos", live=False),
        "story index": story_index,
        "story": PilotStoryPageFactory(parent=story_index, title="Viļānu stāsts", live=False),
    }


def test_each_page_type_can_be_previewed_as_a_draft(editor_client, every_page_type):
    for name, page in every_page_type.items():
        page.title = f"{page.title} (melnraksts)"
        page.save_revision()
        response = editor_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, name
        assert f"{page.title}" in response.content.decode(), name


def preview(client, page, data):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    state = client.post(url, data).json()
    assert state["is_valid"], state
    return client.get(url)


def test_unsaved_news_changes_can_be_previewed(editor_client, every_page_type):
    page = every_page_type["news"]
    photo = ConsentImageFactory(description="Kaimiņi pie galda")
    data = nested_form_data(
        {
            "title": "Talka Priekuļos – labots",
            "slug": page.slug,
            "date": "2024-05-02",
            "intro": "Ievads",
            "hero_image": "",
            "municipality": "",
            "tags": "talka",
            "body": streamfield(
                [
                    ("heading", "Kas notika"),
                    ("paragraph", rich_text("<p>Daudz cilvēku.</p>")),
                    ("image", {"image": photo.pk, "caption": "Pie galda"}),
                ]
            ),
            "comments": inline_formset([]),
        }
    )

    response = preview(editor_client, page, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Talka Priekuļos – labots" in html
    assert "<h2>Kas notika</h2>" in html and "Daudz cilvēku." in html
    assert 'alt="Kaimiņi pie galda"' in html and "<figcaption>Pie galda</figcaption>" in html


def test_unsaved_story_changes_can_be_previewed(editor_client, every_page_type, cesis, seniors):
    page = every_page_type["story"]
    sections = {
        name: rich_text(f"<p>{name} teksts</p>")
        for name in (
            "current_situation",
            "initial_study",
            "in_depth_study",
            "field_definition",
            "intervention",
            "action_plan",
            "partners",
            "community_participation",
            "change_evaluation",
            "recommendations",
        )
    }
    data = nested_form_data(
        {
            "title": "Viļānu stāsts – labots",
            "slug": page.slug,
            "intro": "Ievads",
            "hero_image": "",
            "municipality": cesis.pk,
            "community": "Viļānu jaunās māmiņas",
            "centre": "",
            "pilot_start": "2022-09-01",
            "pilot_end": "2023-05-31",
            "main_approach": "advocacy",
            "other_approach": "",
            "comments": inline_formset([]),
            **sections,
        }
    )
    data["practice_approaches"] = ["community_education", "advocacy"]
    data["target_groups"] = [str(seniors.pk)]

    response = preview(editor_client, page, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Viļānu stāsts – labots" in html and "Viļānu jaunās māmiņas" in html
    assert "recommendations teksts" in html
