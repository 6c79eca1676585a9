"""Addresses of the public pages of an entry: the municipality's map page (a Wagtail page,
in the active language's tree when it has one) and its routes."""

from __future__ import annotations

from django.utils import translation


def map_page_for(municipality):
    from .models import SocialMapPage

    pages = list(
        SocialMapPage.objects.live().filter(municipality=municipality).select_related("locale")
    )
    if not pages:
        return None
    language = (translation.get_language() or "lv")[:2]
    for page in pages:
        if page.locale.language_code == language:
            return page
    return pages[0]


def public_service_url(service, page=None) -> str | None:
    page = page or map_page_for(service.organization.municipality)
    if page is None:
        return None
    return localized_page_url(page) + page.reverse_subpage("service", args=[service.pk])


def localized_page_url(page) -> str:
    """The page's address in the active language: a page of the default language's tree
    served under ``/ru/`` keeps the ``/ru/`` prefix (``page.url`` alone would drop it)."""
    from django.conf import settings
    from django.urls import translate_url

    url = page.url
    language = translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(settings.LANGUAGE_CODE):
        return translate_url(url, language)
