"""The demo site's chrome around Kopiena's pages: its home page with featured news and
stories, the language attribute and switcher, the site menu, and its 404 and 500 pages."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from demo.home.models import HomeFeaturedPage, HomePage
from tests.factories.pages import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PilotStoryPageFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def assert_page_chrome(html, language="lv"):
    assert f'<html lang="{language}">' in html
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html
    assert 'rel="stylesheet" href="/static/kopiena/kopiena.css"' in html
    assert "https://" not in html.split("<body", 1)[0]  # nothing fetched from elsewhere


@pytest.fixture
def home(db):
    """The demo's home page in place of Wagtail's welcome page, as ``load_demo`` puts it."""
    from wagtail.models import Page, Site

    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Kopiena", slug="kopiena", intro="<p>Kopienu darbs.</p>")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def news_index(home):
    return NewsIndexPageFactory(parent=home)


@pytest.fixture
def story_index(home):
    return StoryIndexPageFactory(parent=home)


@pytest.fixture
def cesis(db):
    from tests.factories.pages import MunicipalityFactory

    return MunicipalityFactory(name="Cēsu novads", slug="cesu-novads")


def test_the_home_page_takes_the_four_sections_once_each(home):
    from kopiena.grants.models import CallIndexPage
    from kopiena.monitoring.models import AnnualReportIndexPage
    from kopiena.pages.models import NewsIndexPage, StoryIndexPage

    assert set(HomePage.allowed_subpage_models()) == {
        NewsIndexPage,
        StoryIndexPage,
        CallIndexPage,
        AnnualReportIndexPage,
    }
    assert not HomePage.can_create_at(home)


def test_home_page_shows_featured_and_latest(client, home, news_index, story_index, cesis):
    featured = NewsPageFactory(parent=news_index, title="Pagalma talka Priekuļos")
    latest = NewsPageFactory(parent=news_index, title="Jauna sarunu kafejnīca")
    story = PilotStoryPageFactory(parent=story_index, title="Viļānu pilotprojekts")
    home.featured_pages = [HomeFeaturedPage(page=featured)]
    home.save()

    html = html_of(client, "/")

    assert_page_chrome(html)
    assert "<h1>Kopiena</h1>" in html
    for page in (featured, latest, story):
        assert page.title in html
    assert html.count(featured.title) == 1  # featured, so not repeated under the latest
    assert 'href="/jaunumi/"' in html and 'href="/stasti/"' in html  # the menu


def test_the_language_attribute_follows_the_url(client, home):
    assert '<html lang="en">' in html_of(client, "/en/")
    assert '<html lang="ru">' in html_of(client, "/ru/")


def test_the_language_switcher_links_each_language(client, news_index):
    html = html_of(client, "/jaunumi/")
    assert 'href="/en/jaunumi/" lang="en" hreflang="en"' in html
    assert 'href="/ru/jaunumi/" lang="ru" hreflang="ru"' in html
    assert 'href="/jaunumi/" lang="lv" hreflang="lv" aria-current="true"' in html


def test_the_404_page_is_the_sites(client, home):
    html = html_of(client, "/nav-tadas-lapas/", status=404)
    assert_page_chrome(html)


def test_the_500_page_stands_alone():
    with translation.override("lv"):
        html = render_to_string("500.html")
    assert '<html lang="lv">' in html
    assert 'href="#main"' in html and '<main id="main"' in html
