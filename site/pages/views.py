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
        if root is not None and root.pk != site.root_page.localized.pk:
            components = [component for component in path.split("/") if component]
            with contextlib.suppress(Http404):
                request._wagtail_route_for_request = root.specific.route(request, components)
    return wagtail_views.serve(request, path)


def _reads_a_translation() -> bool:
    return (
        getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        and (translation.get_language() or settings.LANGUAGE_CODE) != settings.LANGUAGE_CODE
    )
