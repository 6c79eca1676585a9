"""Wagtail's page view, with the original tree behind each translated one.

Once the site's home page has a Russian translation, Wagtail routes ``/ru/…`` through the
Russian tree only, and a page nobody has translated yet (a news item under the translated
news index) would be a 404 under ``/ru/``. :func:`serve` routes such an address through the
original (default-language) tree instead: the reader gets the Latvian page under their own
prefix, with the notice that it is in Latvian only (``{% language_notice %}``), and every
link on it stays in their language. ``kopiena.pages.urls`` is Wagtail's ``wagtail.urls`` with
this view; a host includes it where it included Wagtail's (README, "Languages").
"""

from __future__ import annotations

import contextlib

from django.conf import settings
from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site

from .locales import source_page


def serve(request, path):
    if Page.route_for_request(request, path) is None and _reads_a_translation():
        site = Site.find_for_request(request)
        root = source_page(site.root_page) if site is not None else None
        translated_root = site.root_page.localized if site is not None else None
        if root is not None and root.pk != translated_root.pk:
            components = [component for component in path.split("/") if component]
            for original_path in _original_paths(root, translated_root, components):
                with contextlib.suppress(Http404):
                    request._wagtail_route_for_request = root.specific.route(request, original_path)
                    break
    return wagtail_views.serve(request, path)


def _original_paths(root, translated_root, components):
    """Where in the original tree ``components`` (a path under the translated root) may
    lead: the same path (``/ru/jaunumi/…``, how Kopiena writes links to untranslated pages),
    then the path with its longest translated part replaced by that page's original
    (``/ru/novosti/<untranslated news>/`` → ``jaunumi/<untranslated news>/``)."""
    yield components
    for cut in range(len(components) - 1, 0, -1):
        url_path = translated_root.url_path + "/".join(components[:cut]) + "/"
        translated = Page.objects.filter(url_path=url_path).first()
        if translated is None:
            continue
        original = source_page(translated)
        if original.pk == translated.pk or not original.url_path.startswith(root.url_path):
            return
        prefix = [part for part in original.url_path[len(root.url_path) :].split("/") if part]
        yield prefix + components[cut:]
        return


def _reads_a_translation() -> bool:
    return (
        getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        and (translation.get_language() or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE
    )
