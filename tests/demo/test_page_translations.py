"""The demo's English and Russian pages (``demo.data.page_translations``): the home page,
the sections, the open call and the featured news and story exist in both languages with
their own text, loading again adds nothing, and every translation still matches the Latvian
text it was translated from (a page whose Latvian text changed is left untranslated, and
this test names it)."""

import io

import pytest
from wagtail.models import Locale, Page

from demo.data import accounts, grants, page_translations, pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_site(db):
    out = io.StringIO()
    accounts.load(out)
    pages.load(out)
    grants.load(out)
    return out


def load():
    out = io.StringIO()
    page_translations.load(out)
    return out.getvalue()


#: The entries the loaders above give a Latvian page (the social map and report indexes
#: come from the social map and monitoring parts of the demo).
LOADED = [
    "HOME",
    "NEWS_INDEX",
    "STORY_INDEX",
    "CALL_INDEX",
    "CIVIL_SOCIETY_CALL_2026",
    "LATGALE_PROGRAMME_NEWS",
    "PRIEKULI_NEWS",
    "TUKUMS_STORY",
]


def test_every_translation_matches_its_latvian_text(demo_site):
    stale = []
    for model, slug, variants in page_translations._pages():
        name = variants[0][0]
        source = page_translations.original(model, slug)
        if source is None:
            assert name not in LOADED, f"{name}: no Latvian page {slug!r} in the demo"
            continue
        for language, texts in page_translations.TEXTS.items():
            if page_translations.matching_texts(source, texts, variants) is None:
                found = page_translations.latvian_fingerprint(source, getattr(texts, name))
                stale.append(f"{name} ({language}): the Latvian text is now {found}")
    assert not stale, "translate these again:\n" + "\n".join(stale)


def test_the_demo_has_english_and_russian_pages(demo_site, client):
    output = load()
    assert "en: 8 new, ru: 8 new" in output, output
    for language in ("en", "ru"):
        locale = Locale.objects.get(language_code=language)
        texts = page_translations.TEXTS[language]
        for model, slug, variants in page_translations._pages():
            name = variants[0][0]
            if name not in LOADED:
                continue
            source = page_translations.original(model, slug)
            translation = source.get_translation(locale).specific
            assert translation.live, (name, language)
            fields = page_translations.matching_texts(source, texts, variants)
            expected = fields.get("title", source.title)
            assert translation.title == expected
            if name != "HOME":
                assert translation.title != source.title

    # Loading again adds nothing and keeps an editor's change.
    russian_home = Page.objects.get(locale__language_code="ru", depth=2).specific
    russian_home.title = "Копиена"
    russian_home.save_revision().publish()
    count = Page.objects.count()
    assert "en: 0 new, ru: 0 new" in load()
    assert Page.objects.count() == count
    assert Page.objects.get(pk=russian_home.pk).title == "Копиена"

    html = client.get("/ru/").content.decode()
    assert 'href="/ru/novosti/">Новости<' in html
    assert "Тукумский край: карта общин 21 волости" in html  # the featured story's card
    story = client.get("/ru/istorii/tukuma-novads-pagastu-kopienu-kartejums/").content.decode()
    assert "Кафе для бесед" in story and "Эта страница доступна только" not in story
    call = client.get(
        "/en/calls/liepaja-pilsoniskas-sabiedribas-organizaciju-konkurss-2026/"
    ).content.decode()
    assert "Civil society organisations project call 2026" in call
    assert "Justification of the budget" in call


def test_a_changed_latvian_text_leaves_the_page_untranslated(demo_site):
    news = page_translations.original(
        page_translations.NewsPage, "priekulu-kopiena-nujosana-un-rokdarbu-izstade"
    )
    news.intro = "Pārgājiens pārcelts uz 17. oktobri."
    news.save_revision().publish()
    output = load()
    assert "PRIEKULI_NEWS: its Latvian text changed" in output
    assert news.get_translation_or_none(Locale.objects.get(language_code="ru")) is None
