"""The demo pages of ``make run``: loaded from a fixture file, published, with the Welcome
page replaced by the home page, and loaded again without duplicating anything."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Page, Site

from demo.data import pages as demo
from demo.home.models import DemoImage, HomePage
from kopiena.casework.models import Municipality, TargetGroup
from kopiena.pages.models import (
    ConsentStatus,
    ImageConsent,
    NewsIndexPage,
    NewsPage,
    PilotStoryPage,
    StoryIndexPage,
)
from kopiena.pages.publishing import images_without_consent

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).with_name("demo_pages.json")


def load(path=FIXTURE):
    out = io.StringIO()
    demo.load(out, fixture_path=path)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Page,
            HomePage,
            NewsIndexPage,
            StoryIndexPage,
            NewsPage,
            PilotStoryPage,
            Municipality,
            TargetGroup,
            DemoImage,
        )
    }


def test_the_demo_builds_the_site(client):
    output = load()

    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.title == "Kopiena" and home.live
    assert (site.hostname, site.port) == ("testserver", 80)  # WAGTAILADMIN_BASE_URL
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()  # Welcome is gone
    assert NewsIndexPage.objects.child_of(home).get().slug == "jaunumi"
    assert StoryIndexPage.objects.child_of(home).get().title == "Pilotprojektu stāsti"
    assert NewsPage.objects.live().count() == 3
    assert PilotStoryPage.objects.live().count() == 2
    assert "3 news (3 new), 2 pilot stories (2 new)" in output

    news = NewsPage.objects.get(slug="lidzdalibas-budzets")
    assert news.municipality.slug == "liepaja"
    assert [group.slug for group in news.target_groups.all()] == ["seniori"]
    assert sorted(tag.name for tag in news.tags.all()) == ["līdzdalības budžets", "pilsētvide"]
    assert [block.block_type for block in news.body] == ["paragraph", "heading", "quote"]
    assert news.revisions.exists() and news.first_published_at.date().isoformat() == "2025-09-08"
    national = NewsPage.objects.get(slug="valsts-merogs")
    assert national.municipality is None
    assert [block.value["quote"] for block in national.body] == ["Citāts kā teksts."]

    story = PilotStoryPage.objects.get(slug="liepajas-apkaimes")
    assert story.main_approach == ""  # not among its approaches in the fixture
    assert story.get_sections()[0]["heading"]

    for url in ("/", "/jaunumi/", news.url, "/stasti/", story.url):
        assert client.get(url).status_code == 200, url


def test_the_demo_images_have_varied_consent_and_none_without_it_is_shown():
    load()

    consents = set(ImageConsent.objects.values_list("status", flat=True))
    assert {ConsentStatus.NOT_NEEDED, ConsentStatus.ADULT, ConsentStatus.PARENTAL} <= consents
    assert ImageConsent.objects.count() == DemoImage.objects.count()
    hidden = DemoImage.objects.get(kopiena_consent__status=ConsentStatus.NONE)
    assert hidden.width == 1200 and hidden.description
    for page in Page.objects.live().specific():
        assert images_without_consent(page) == [], page
    assert NewsPage.objects.exclude(hero_image=None).exists()


def test_loading_twice_duplicates_nothing():
    load()
    first = counts()

    output = load()

    assert counts() == first
    assert "(0 new)" in output


def test_without_a_fixture_the_home_page_and_indexes_are_still_made(tmp_path):
    output = load(tmp_path / "missing.json")

    assert "not found" in output
    assert HomePage.objects.count() == 1
    assert NewsIndexPage.objects.live().count() == 1 and NewsPage.objects.count() == 0


def test_the_projects_demo_fixture_loads():
    """``fixtures/pages.json`` (written from the seeds) fits the loader."""
    path = Path(settings.BASE_DIR) / "demo" / "fixtures" / "pages.json"
    if not path.exists():
        pytest.skip("fixtures/pages.json is not there")

    load(path)

    assert NewsPage.objects.live().count() >= 10
    assert PilotStoryPage.objects.live().count() == 9
    assert Municipality.objects.filter(slug__in=["cesu-novads", "liepaja", "riga"]).count() == 3
