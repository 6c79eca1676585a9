"""What a reader gets: the filtered and paginated lists, a news page and a pilot story, in
semantic HTML, inside the site's base template (the demo's chrome is tested in
tests/demo/test_site_chrome.py)."""

import pytest

from kopiena.pages.models import ConsentStatus
from tests.factories.pages import ConsentImageFactory, NewsPageFactory, PilotStoryPageFactory

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def assert_page_chrome(html):
    """Kopiena's page inside whatever base template the site has: its own stylesheet, and
    nothing fetched from elsewhere."""
    assert 'rel="stylesheet" href="/static/kopiena/kopiena.css"' in html
    assert "https://cdn" not in html


def test_the_news_list_filters_by_municipality_and_target_group(
    client, news_index, cesis, tukums, seniors, youth
):
    NewsPageFactory(
        parent=news_index, title="Cēsu senioru klubs", municipality=cesis, target_groups=[seniors]
    )
    NewsPageFactory(
        parent=news_index, title="Cēsu jauniešu telpa", municipality=cesis, target_groups=[youth]
    )
    NewsPageFactory(
        parent=news_index,
        title="Tukuma senioru kafejnīca",
        municipality=tukums,
        target_groups=[seniors],
    )

    html = html_of(client, "/jaunumi/?municipality=cesu-novads")
    assert "Cēsu senioru klubs" in html and "Cēsu jauniešu telpa" in html
    assert "Tukuma senioru kafejnīca" not in html

    html = html_of(client, "/jaunumi/?municipality=cesu-novads&target_group=seniori")
    assert "Cēsu senioru klubs" in html
    assert "Cēsu jauniešu telpa" not in html and "Tukuma senioru kafejnīca" not in html
    assert '<option value="cesu-novads" selected>' in html


def test_an_unknown_filter_value_shows_an_error_and_the_whole_list(client, news_index, cesis):
    NewsPageFactory(parent=news_index, title="Cēsu senioru klubs", municipality=cesis)

    html = html_of(client, "/jaunumi/?municipality=atlantida&page=x")

    assert 'class="field-error"' in html
    assert "Cēsu senioru klubs" in html


def test_the_news_list_is_paginated_newest_first(client, news_index):
    pages = [NewsPageFactory(parent=news_index, title=f"Ziņa numur {n:02d}") for n in range(12)]

    first = html_of(client, "/jaunumi/")
    second = html_of(client, "/jaunumi/?page=2")

    assert pages[-1].title in first and pages[0].title not in first
    assert pages[0].title in second and pages[-1].title not in second
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert pages[0].title in html_of(client, "/jaunumi/?page=99")


def test_a_news_page_reads_well(client, news_index, cesis, seniors):
    hero = ConsentImageFactory(title="Talka", description="Kaimiņi stāda kokus pagalmā")
    photo = ConsentImageFactory(
        title="Soliņš", description="Jauns soliņš", consent=ConsentStatus.ADULT
    )
    page = NewsPageFactory(
        parent=news_index,
        title="Pagalma talka",
        municipality=cesis,
        target_groups=[seniors],
        tags=["talka"],
        hero_image=hero,
        body=[
            {"type": "heading", "value": "Ko paveicām"},
            {"type": "paragraph", "value": "<p>Iestādījām <b>divpadsmit</b> kokus.</p>"},
            {"type": "image", "value": {"image": photo.pk, "caption": "Soliņš pie mājas"}},
            {"type": "quote", "value": {"quote": "Tagad ir kur apsēsties.", "attribution": "Anna"}},
        ],
    )

    html = html_of(client, page.url)

    assert_page_chrome(html)
    assert "<article" in html and "<h1>Pagalma talka</h1>" in html
    assert '<figure class="hero">' in html and 'alt="Kaimiņi stāda kokus pagalmā"' in html
    assert "<h2>Ko paveicām</h2>" in html
    assert "<b>divpadsmit</b>" in html
    assert 'alt="Jauns soliņš"' in html and "<figcaption>Soliņš pie mājas</figcaption>" in html
    assert "<blockquote><p>Tagad ir kur apsēsties.</p></blockquote>" in html
    assert '<time datetime="' in html
    assert "Cēsu novads" in html and "Seniori" in html and "talka" in html


def test_a_pilot_story_has_its_sections_as_headed_sections(client, story_index, tukums):
    story = PilotStoryPageFactory(
        parent=story_index, title="Tukuma pagastu kartējums", municipality=tukums
    )

    html = html_of(client, story.url)

    assert_page_chrome(html)
    assert "<h1>Tukuma pagastu kartējums</h1>" in html
    for section in (
        "current_situation",
        "community_research",
        "intervention",
        "action_plan",
        "partners",
        "community_participation",
        "change_evaluation",
        "recommendations",
    ):
        assert f'<section id="{section}" aria-labelledby="{section}-heading">' in html
    for part in ("initial_study", "in_depth_study", "field_definition"):
        assert f'<h3 id="{part}-heading">' in html
    assert "Sākotnējā izpētē aptaujājām iedzīvotājus." in html
    assert "Tukuma novads" in html and "Apkaimes seniori" in html
    assert 'data-start="2022-09-01"' in html
    assert "no 2022. gada 1. septembra līdz" in html  # the period as one Latvian phrase


def test_empty_story_sections_are_left_out(client, story_index):
    story = PilotStoryPageFactory(parent=story_index, partners="", initial_study="")

    html = html_of(client, story.url)

    assert 'id="partners"' not in html and 'id="initial_study"' not in html
    assert 'id="in_depth_study"' in html
