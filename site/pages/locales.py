"""Keeping a visitor in their language on the public site.

The demo (and any host) serves Latvian pages at the root and English and Russian ones
under ``/en/`` and ``/ru/`` (``i18n_patterns``). Pages are translated per locale (Wagtail's
``wagtail.contrib.simple_translation``: the translation is a copy of the page in the
locale's own tree, whose root is the translation of the site's home page). A page without a
translation is still served under the visitor's prefix, with a notice that it is in Latvian
only: :func:`kopiena.pages.views.serve` routes ``/ru/jaunumi/…`` through the original tree
when the Russian tree has no such page. Links are written the same way
(:func:`localized_url`: the translation where one is live, else the original under the
visitor's prefix), so the menu, the cards, the logo and the "All news" links never send a
Russian visitor back to Latvian.

Lists (the menu, a section's pages, the home page's latest news) read the original tree,
where every page is, and show each page's translation in the reader's language where one is
live (:func:`source_page`, :func:`in_reader_language`): a Russian section lists its
untranslated pages too, in Latvian with the notice, instead of hiding them.

Kopiena's own views outside the page tree (the portal, ``/parskati/``, the social map)
take their language from the language cookie; :class:`LanguageFromPrefixMiddleware`
stores the prefix's language there when a visitor reads a page under ``/en/`` or
``/ru/``, so those follow too.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_from_path
from wagtail.models import Locale


def localized_url(page, request=None, *, localized=None) -> str:
    """The URL of ``page`` for a reader of the active language. ``localized``: the page's
    translation in that language, or ``page`` itself, when a list already found it
    (:func:`in_reader_language`), which saves ``page.localized``'s query per row."""
    if page is None:
        return ""
    if localized is None:
        localized = page.localized
    url = localized.get_url(request) or ""
    language = translation.get_language() or settings.LANGUAGE_CODE
    if localized.locale.language_code == language:
        return url
    if language == settings.LANGUAGE_CODE or not url.startswith("/"):
        return url
    if get_language_from_path(url) is not None:
        # The original's own prefix (e.g. an English page shown to a Russian reader).
        url = "/" + url.lstrip("/").split("/", 1)[1] if url.count("/") > 1 else "/"
    return f"/{language}{url}"


def _default_locale():
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return None


def source_page(page):
    """The original of ``page``: its translation in the site's default language (the tree
    lists read), or ``page`` itself when it is the original or has none."""
    if page is None or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return page
    if page.locale.language_code == settings.LANGUAGE_CODE:  # the locale stays cached
        return page
    default = _default_locale()
    if default is None:
        return page
    original = page.get_translation_or_none(default)
    return original.specific if original is not None else page


def _loaded_language(page):
    """The language of ``page`` if its locale is already loaded (``select_related``)."""
    field = type(page)._meta.get_field("locale")
    return page.locale.language_code if field.is_cached(page) else None


def reader_locale():
    """The ``Locale`` of the active language, or ``None`` when it has none."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return Locale.objects.filter(language_code=language).first()


def in_reader_language(pages, queryset=None) -> list:
    """``pages`` (an iterable of pages of one type) with each replaced by its live
    translation in the reader's language where there is one, in the same order, in one
    query. ``queryset`` (default: the first page's model's live pages) is where the
    translations are read from, so a listing keeps its ``select_related``/prefetches."""
    pages = list(pages)
    if not pages or not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return pages
    language = translation.get_language() or settings.LANGUAGE_CODE
    if all(_loaded_language(page) == language for page in pages):
        return pages  # a list already in the reader's language costs no query
    locale = reader_locale()
    if locale is None:
        return pages
    keys = {page.translation_key for page in pages if page.locale_id != locale.pk}
    if not keys:
        return pages
    if queryset is None:
        queryset = type(pages[0])._default_manager.live()
    found = {
        page.translation_key: page
        for page in queryset.filter(translation_key__in=keys, locale=locale)
    }
    return [found.get(page.translation_key, page) for page in pages]


def only_in_other_language(page) -> bool:
    """True when ``page`` is shown to a reader of another language (no translation)."""
    locale = getattr(page, "locale", None)
    if locale is None:
        return False
    return locale.language_code != (translation.get_language() or settings.LANGUAGE_CODE)


class LanguageFromPrefixMiddleware:
    """Store the language of a ``/en/…`` or ``/ru/…`` address in the language cookie (see
    the module docstring). Place it after ``LocaleMiddleware``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = get_language_from_path(request.path_info)
        if (
            language
            and request.method == "GET"
            and response.status_code == 200
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
