"""Site chrome for ``base.html``: the main menu and the language switcher.

Both read the Wagtail site of the request, so they work on every page, on the 404 page and in
the editors' preview; neither needs a context processor.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Page, Site

from kopiena.pages.locales import (
    in_reader_language,
    localized_url,
    only_in_other_language,
    source_page,
)
from kopiena.pages.models.images import is_publishable

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return None
    return site.root_page.localized


@register.inclusion_tag("kopiena_pages/includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The home page and its live children marked “show in menus”, the current one marked
    with ``aria-current``."""
    request = context.get("request")
    root = _site_root(request)
    current = context.get("page")
    items = []
    if root is not None:
        # The original home page's sections, each in the reader's language where translated
        # (a section nobody translated yet is still in the menu, in Latvian).
        originals = list(
            source_page(root).get_children().live().public().in_menu().select_related("locale")
        )
        localized = in_reader_language(originals, Page.objects.live().select_related("locale"))
        for original, item in zip(originals, localized, strict=True):
            is_current = isinstance(current, Page) and (
                current.path.startswith(item.path) or current.path.startswith(original.path)
            )
            items.append({"page": item, "url": localized_url(item, request), "current": is_current})
    return {
        "home_url": localized_url(root, request) if root is not None else "/",
        "is_home": isinstance(current, Page) and root is not None and current.pk == root.pk,
        "items": items,
    }


@register.inclusion_tag("kopiena_pages/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """A link per site language: to the page's translation where there is one, otherwise to
    the same address under that language's prefix (``/en/…``, ``/ru/…``)."""
    request = context.get("request")
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        translations = {
            other.locale.language_code: other
            for other in page.get_translations(inclusive=True).live().select_related("locale")
        }
    current_language = translation.get_language()
    path = request.path if request is not None else "/"
    links = []
    for code, name in settings.LANGUAGES:
        if code in translations:
            url = translations[code].get_url(request)
        else:
            url = translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current_language})
    return {"links": links}


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """``{% localized_pageurl page %}``: like ``{% pageurl %}``, but for the reader's
    language (:func:`kopiena.pages.locales.localized_url`)."""
    return localized_url(page, context.get("request"))


@register.inclusion_tag("kopiena_pages/includes/language_notice.html", takes_context=True)
def language_notice(context):
    """A notice, in the reader's language, when the page is shown in its original language
    because it has no translation."""
    page = context.get("page")
    return {"show": isinstance(page, Page) and only_in_other_language(page), "page": page}


@register.filter
def lang_attr(page):
    """`` lang="lv"`` for a page shown to a reader of another language (a Latvian original
    in a Russian list or under ``/ru/``), nothing otherwise: WCAG 3.1.2, the language of
    parts, so a screen reader reads the Latvian title in Latvian."""
    if isinstance(page, Page) and only_in_other_language(page):
        return format_html(' lang="{}"', page.locale.language_code)
    return ""


@register.filter
def consent_publishable(image):
    """True when ``image`` may be shown (its consent is on file and not "No consent")."""
    return is_publishable(image)
