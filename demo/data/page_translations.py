"""English and Russian pages of the demo (``manage.py load_demo``, after the Latvian ones):
the home page, the section indexes, the open call and the featured news and story, each
translated the way an editor does it with ``wagtail.contrib.simple_translation`` (a copy of
the page in the locale's tree, :meth:`Page.copy_for_translation`), then given its English or
Russian text (``page_translations_en``, ``page_translations_ru``) and published. Every other
page stays Latvian and is served under ``/en/`` and ``/ru/`` with the notice that it is in
Latvian only (``kopiena.pages.views``).

A translation says what its Latvian page says: each entry of ``PAGES`` carries the
fingerprint of the Latvian text it was translated from (a page may have entries for more
than one version of its Latvian text; the one that matches is used), and a page whose
Latvian text matches none is left untranslated (and named in the output) rather than given
a translation that no longer matches it. ``tests/demo/test_page_translations.py`` fails
then.

Idempotent: a page that already has a translation in a locale is left as it is (an editor
may have changed it). Loaded last, after the sections other parts of the demo create.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Locale, Site

from demo.data import page_translations_en, page_translations_ru
from kopiena.grants.models import CallIndexPage, GrantCall
from kopiena.monitoring.models import AnnualReportIndexPage
from kopiena.pages.models import NewsIndexPage, NewsPage, PilotStoryPage, StoryIndexPage
from kopiena.social_map.models import SocialMapIndexPage

#: Who translates: the site's administrator, as for the Latvian sections (``demo.data.pages``).
TRANSLATOR = "admin"

TEXTS = {"en": page_translations_en, "ru": page_translations_ru}

#: (name of the texts in ``page_translations_<language>``, page type, Latvian slug (``None``:
#: the site's home page), fingerprint of the Latvian text translated), parents first.
PAGES = [
    ("HOME", None, None, "c0e0cfd5ed59"),
    ("NEWS_INDEX", NewsIndexPage, "jaunumi", "8a0a261f8494"),
    ("STORY_INDEX", StoryIndexPage, "stasti", "b9b237e63db2"),
    ("CALL_INDEX", CallIndexPage, "konkursi", "70f2e8023b19"),
    ("SOCIAL_MAP_INDEX", SocialMapIndexPage, "socialas-karte", "e713f49e6d37"),
    ("REPORT_INDEX", AnnualReportIndexPage, "parskati", "606fdddf74e4"),
    (
        "CIVIL_SOCIETY_CALL_2026",
        GrantCall,
        "liepaja-pilsoniskas-sabiedribas-organizaciju-konkurss-2026",
        "f8f92d5e9a9b",
    ),
    (
        "CIVIL_SOCIETY_CALL_2026_WITH_NOTICE",
        GrantCall,
        "liepaja-pilsoniskas-sabiedribas-organizaciju-konkurss-2026",
        "c30b1c21bcb8",
    ),
    (
        "LATGALE_PROGRAMME_NEWS",
        NewsPage,
        "latgales-socialo-pakalpojumu-programma-otras-kartas-pieredze",
        "b5a7acf73215",
    ),
    ("PRIEKULI_NEWS", NewsPage, "priekulu-kopiena-nujosana-un-rokdarbu-izstade", "fec5c6595519"),
    ("TUKUMS_STORY", PilotStoryPage, "tukuma-novads-pagastu-kopienu-kartejums", "11fe92e93529"),
]

#: Fields that say where a page is, not what it says: not part of the fingerprint.
ADDRESS_FIELDS = {"slug"}


def load(stdout):
    translator = get_user_model().objects.filter(username=TRANSLATOR).first()
    made, stale = {}, []
    for language, texts in TEXTS.items():
        locale, _created = Locale.objects.get_or_create(language_code=language)
        made[language] = 0
        for model, slug, variants in _pages():
            source = original(model, slug)
            if source is None or source.get_translation_or_none(locale) is not None:
                continue
            fields = matching_texts(source, texts, variants)
            if fields is None:
                if variants[0][0] not in stale:
                    stale.append(variants[0][0])
                continue
            if _translate(source, locale, fields, translator) is not None:
                made[language] += 1
    summary = ", ".join(f"{language}: {count} new" for language, count in made.items())
    stdout.write(f"  translated pages ({summary})")
    for name in stale:
        stdout.write(
            f"  {name}: its Latvian text changed since it was translated; left untranslated "
            "(update demo/data/page_translations_en.py, _ru.py and the fingerprint)"
        )


def _pages():
    """``PAGES`` by page, in order: (page type, slug, [(name, fingerprint), ...])."""
    pages = {}
    for name, model, slug, fingerprint in PAGES:
        pages.setdefault((model, slug), []).append((name, fingerprint))
    return [(model, slug, variants) for (model, slug), variants in pages.items()]


def matching_texts(source, texts, variants):
    """The texts of the variant whose fingerprint the Latvian page has now, or ``None``."""
    for name, fingerprint in variants:
        fields = getattr(texts, name)
        if latvian_fingerprint(source, fields) == fingerprint:
            return fields
    return None


def original(model, slug):
    """The Latvian page an entry translates, or ``None`` when the demo has none."""
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if model is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site is not None else None
        return home if home is not None and home.locale_id == getattr(default, "pk", None) else None
    return model.objects.filter(locale=default, slug=slug).first()


def latvian_fingerprint(page, fields) -> str:
    """A short hash of the Latvian values of the fields an entry translates."""
    values = {}
    for name in sorted(fields):
        if name in ADDRESS_FIELDS:
            continue
        if name == "body" and not isinstance(page.body, str):  # a StreamField
            values[name] = [[block.block_type, _raw(block.value)] for block in page.body]
        elif name == "criteria":
            values[name] = [criterion.name for criterion in page.criteria.all()]
        else:
            values[name] = getattr(page, name)
    text = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _raw(value):
    if hasattr(value, "source"):  # RichText
        return value.source
    if isinstance(value, dict) or hasattr(value, "items"):
        return {key: _raw(item) for key, item in value.items()}
    return str(value)


def _translate(source, locale, fields, translator):
    parent = source.get_parent()
    if not parent.is_root() and parent.get_translation_or_none(locale) is None:
        return None  # its section is not translated (its Latvian text changed): stays Latvian
    page = source.copy_for_translation(locale).specific
    for name, value in fields.items():
        if name == "body" and isinstance(value, list):  # a StreamField's blocks
            page.body = [{"type": kind, "value": content} for kind, content in value]
        elif name == "criteria":
            criteria = list(page.criteria.all())
            for criterion, text in zip(criteria, value, strict=False):
                criterion.name = text
            page.criteria = criteria
        else:
            setattr(page, name, value)
    page.save_revision(user=translator, log_action=True).publish(user=translator)
    return page
