"""Keeping a visitor in their language on the public site.

The demo (and any host) serves Latvian pages at the root and English and Russian ones
under ``/en/`` and ``/ru/`` (``i18n_patterns``). A page without a translation is still
served under the visitor's prefix (Wagtail routes ``/ru/jaunumi/`` through the Latvian
tree when no Russian one exists), with a notice that it is in Latvian only; links are
written the same way (:func:`localized_url`: the translation where one is live, else the
original under the visitor's prefix), so the menu, the cards, the logo and the "All news"
links never send a Russian visitor back to Latvian.

Kopiena's own views outside the page tree (the portal, ``/parskati/``, the social map)
take their language from the language cookie; :class:`LanguageFromPrefixMiddleware`
stores the prefix's language there when a visitor reads a page under ``/en/`` or
``/ru/``, so those follow too.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language_from_path


def localized_url(page, request=None) -> str:
    """The URL of ``page`` for a reader of the active language."""
    if page is None:
        return ""
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
