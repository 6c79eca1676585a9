"""A visitor who starts in Russian or English stays in it: every link the site gives them
(menu, logo, cards, "all news", the portal) leads to a page in their language, and a page
that exists only in Latvian says so in theirs. The language switcher is the one way out."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from wagtail.models import Page, Site

from demo.home.models import HomeFeaturedPage, HomePage
from tests.factories.pages import (
    NewsIndexPageFactory,
    NewsPageFactory,
    PilotStoryPageFactory,
    StoryIndexPageFactory,
)

pytestmark = pytest.mark.django_db

#: Not pages a visitor reads in a language: files, the admin, APIs, the language switch.
SKIP = ("/admin/", "/static/", "/media/", "/documents/", "/api/", "/i18n/", "/favicon.ico")


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # The language switcher's links (hreflang) lead to another language on purpose.
        if tag == "a" and attrs.get("href") and "hreflang" not in attrs:
            self.links.append(attrs["href"])


@pytest.fixture
def site_content(db):
    root = Page.get_first_root_node()
    home = root.add_child(
        instance=HomePage(title="Kopiena", slug="kopiena", intro="<p>Kopienu darbs.</p>")
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    news = NewsIndexPageFactory(parent=home)
    stories = StoryIndexPageFactory(parent=home)
    featured = NewsPageFactory(parent=news, title="Pagalma talka Priekuļos")
    NewsPageFactory(parent=news, title="Jauna sarunu kafejnīca")
    PilotStoryPageFactory(parent=stories, title="Viļānu pilotprojekts")
    home.featured_pages = [HomeFeaturedPage(page=featured)]
    home.save()
    return home


def crawl(client, start, limit=60):
    """Every page reachable from ``start`` by the site's own links: ``{path: html}``."""
    seen, queue, pages = set(), [start], {}
    while queue and len(pages) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        response = client.get(path, follow=True)
        assert response.status_code == 200, (path, response.status_code)
        html = response.content.decode()
        pages[path] = html
        parser = Links()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP) or parts.path in seen:
                continue
            queue.append(parts.path)
    return pages


@pytest.mark.parametrize("language", ["ru", "en"])
def test_a_visitor_stays_in_their_language(client, site_content, language):
    pages = crawl(client, f"/{language}/")
    assert len(pages) >= 6, sorted(pages)  # home, two sections, three articles at least
    for path, html in pages.items():
        lang = re.search(r'<html lang="([a-z-]+)"', html).group(1)
        assert lang == language, f"{path} is in {lang}"


@pytest.mark.parametrize(
    ("language", "notice"),
    [
        ("ru", "Эта страница доступна только на латышском языке."),
        ("en", "This page is available only in Latvian."),
    ],
)
def test_a_page_only_in_latvian_says_so(client, site_content, language, notice):
    html = client.get(f"/{language}/jaunumi/").content.decode()
    assert notice in html
    assert notice not in client.get("/jaunumi/").content.decode()


def test_the_portal_follows_the_language_of_the_site(client, site_content):
    client.get("/ru/")
    html = client.get("/portal/login/").content.decode()
    assert '<html lang="ru">' in html
