"""A visitor who starts in Russian or English stays in it: every link the site gives them
(menu, logo, cards, "all news", the portal) leads to a page in their language, and a page
that exists only in Latvian says so in theirs. The language switcher is the one way out.

With pages translated (``wagtail.contrib.simple_translation``): the translated pages are
served under ``/ru/`` with their Russian titles, every link to a page stays under ``/ru/``,
an untranslated page is still reached (the Latvian original, with the notice), a call's
translation sends applications to the call itself, and the page API serves each locale."""

import datetime as dt
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import resolve
from wagtail.models import Locale, Page, Site

from demo.home.models import HomeFeaturedPage, HomePage
from kopiena.grants.models import Application, GrantCall, original_calls
from kopiena.pages.models import NewsIndexPage
from kopiena.portal.access import open_calls
from tests.factories.grants import GrantCallFactory, call_index
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


# --- translated pages ----------------------------------------------------------------------

RUSSIAN = {
    "home": "Копиена",
    "news": "Новости",
    "stories": "Истории пилотных проектов",
    "featured": "Толока во дворе в Приекули",
    "call": "Конкурс общинных проектов",
}


def translate(page, locale, **fields):
    """What an editor does with simple_translation's "Translate", then edits and publishes."""
    copy = page.specific.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    return copy


@pytest.fixture
def translated_site(site_content):
    """``site_content`` with the home page, the news index, one news item and the open call
    in Russian; the story index, the other news, the story and the past call only in
    Latvian."""
    home = site_content
    russian = Locale.objects.create(language_code="ru")
    call = GrantCallFactory(title="Kopienu projektu konkurss", slug="kopienu-konkurss")
    GrantCallFactory(
        title="Pagājušais konkurss",
        slug="pagajusais",
        opens_at=call.opens_at - dt.timedelta(days=800),
        closes_at=call.closes_at - dt.timedelta(days=800),
    )
    translate(home, russian, title=RUSSIAN["home"])
    news_index = NewsIndexPage.objects.child_of(home).get()
    translate(news_index, russian, title=RUSSIAN["news"], slug="novosti")
    featured = Page.objects.get(title="Pagalma talka Priekuļos")
    translate(featured, russian, title=RUSSIAN["featured"])
    translate(call_index(), russian, title="Конкурсы", slug="konkursy")
    translate(call, russian, title=RUSSIAN["call"])
    return home


def test_a_russian_visitor_stays_under_ru_and_reads_russian_titles(client, translated_site):
    pages = crawl(client, "/ru/")
    assert "/ru/novosti/" in pages and "/ru/konkursy/kopienu-konkurss/" in pages, sorted(pages)
    for path, html in pages.items():
        assert re.search(r'<html lang="ru"', html), path
        parser = Links()
        parser.feed(html)
        for href in parser.links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            if parts.path.startswith(SKIP):
                continue
            if resolve(parts.path).url_name == "wagtail_serve":
                # A page: under the reader's prefix. (The portal and Kopiena's other views
                # outside the page tree follow the language cookie instead.)
                assert parts.path.startswith("/ru/"), f"{path} links {href}"

    home = pages["/ru/"]
    for title in (RUSSIAN["news"], RUSSIAN["featured"]):
        assert title in home  # the menu, and the featured card
    translated = pages[next(p for p in pages if p.endswith("/novosti/"))]
    assert RUSSIAN["featured"] in translated and "Pagalma talka Priekuļos" not in translated
    # The untranslated news item is listed too, marked as Latvian, and reached under /ru/.
    assert re.search(r'lang="lv">Jauna sarunu kafejnīca<', translated)
    notice = "Эта страница доступна только на латышском языке."
    featured_path = next(p for p in pages if RUSSIAN["featured"] in _h1(pages[p]))
    assert notice not in pages[featured_path]
    untranslated = [p for p in pages if "Jauna sarunu kafejnīca" in _h1(pages[p])]
    assert untranslated and untranslated[0].startswith("/ru/")
    assert notice in pages[untranslated[0]]
    assert 'lang="lv"' in pages[untranslated[0]].split('<main id="main"')[1][:40]


def test_an_untranslated_page_is_found_under_its_translated_section(client, translated_site):
    # Typed or shared from the Russian section's address: the Latvian original, with notice.
    news = Page.objects.get(title="Jauna sarunu kafejnīca")
    response = client.get(f"/ru/novosti/{news.slug}/")
    assert response.status_code == 200
    assert "Эта страница доступна только на латышском языке." in response.content.decode()
    assert client.get("/ru/novosti/nav-tadas-lapas/").status_code == 404


def _h1(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return match.group(1) if match else ""


def test_the_english_visitor_still_reads_latvian_originals_under_en(client, translated_site):
    # No English page exists: /en/ serves the Latvian tree, with the notice, and stays there.
    html = client.get("/en/jaunumi/").content.decode()
    assert "This page is available only in Latvian." in html
    assert 'href="/en/jaunumi/' in html


def test_a_translated_call_sends_applications_to_the_call(client, translated_site):
    call = GrantCall.objects.get(slug="kopienu-konkurss", locale__language_code="lv")
    russian = call.get_translation(Locale.objects.get(language_code="ru"))
    html = client.get("/ru/konkursy/kopienu-konkurss/").content.decode()
    assert RUSSIAN["call"] in html
    assert f"/portal/calls/{call.pk}/apply/" in html
    assert f"/portal/calls/{russian.pk}/" not in html
    # One call, however many languages its page has.
    assert list(original_calls().filter(slug="kopienu-konkurss")) == [call]
    assert call.pk in {c.pk for c in open_calls()} and russian.pk not in {
        c.pk for c in open_calls()
    }
    assert not Application.objects.filter(call=russian).exists()
    # The past call is listed on the Russian index, in Latvian, reached under /ru/.
    index = client.get("/ru/konkursy/").content.decode()
    assert re.search(r'href="/ru/konkursi/pagajusais/" lang="lv">Pagājušais konkurss<', index)
    assert client.get("/ru/konkursi/pagajusais/").status_code == 200


def test_a_translated_call_shows_the_rules_of_the_call(client, translated_site):
    call = GrantCall.objects.get(slug="kopienu-konkurss", locale__language_code="lv")
    call.max_grant = 7777
    call.save_revision().publish()
    html = client.get("/ru/konkursy/kopienu-konkurss/").content.decode()
    assert "7777" in html.replace("\xa0", "").replace(" ", "")


@pytest.mark.parametrize(
    ("language", "titles", "absent"),
    [
        ("ru", {RUSSIAN["home"], RUSSIAN["news"], RUSSIAN["featured"]}, "Pagalma talka Priekuļos"),
        ("lv", {"Kopiena", "Pagalma talka Priekuļos"}, RUSSIAN["featured"]),
    ],
)
def test_the_page_api_serves_each_locale(client, translated_site, language, titles, absent):
    response = client.get(f"/api/v2/pages/?locale={language}&limit=50")
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["meta"]["locale"] for item in items} == {language}
    found = {item["title"] for item in items}
    assert titles <= found and absent not in found
    if language == "ru":
        featured = next(item for item in items if item["title"] == RUSSIAN["featured"])
        assert "/ru/novosti/" in featured["meta"]["html_url"]


def test_the_page_api_finds_a_pages_translations(client, translated_site):
    featured = Page.objects.get(title="Pagalma talka Priekuļos")
    items = client.get(f"/api/v2/pages/?translation_of={featured.pk}").json()["items"]
    assert [(item["meta"]["locale"], item["title"]) for item in items] == [
        ("ru", RUSSIAN["featured"])
    ]
    assert client.get("/api/v2/pages/?locale=xx").status_code == 404  # no such locale
