"""Wagtail's front-end URLs (``wagtail.urls``) with Kopiena's page view, which serves the
original of a page that has no translation in the reader's language
(:mod:`kopiena.pages.views`). A host includes it where it included ``wagtail.urls``, inside
``i18n_patterns``::

    urlpatterns += i18n_patterns(
        path("", include("kopiena.pages.urls")), prefix_default_language=False
    )
"""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from .views import serve

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
