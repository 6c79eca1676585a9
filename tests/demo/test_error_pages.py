"""The designed 404 and 500 pages as production serves them (``DEBUG = False``): the site's
own page in the reader's language (Latvian at the root, Russian under ``/ru/``, English under
``/en/``), with a way back to the home page of that language; the 500 page needs neither the
database nor a request, and every static file it names exists (``ManifestStaticFilesStorage``
in production refuses a missing one, and the error page would fail in turn)."""

import re

import pytest
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.test import Client
from django.urls import path

from demo import urls as demo_urls

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug")


# This module is also the URL configuration of the 500 tests: the demo's, with a view that
# fails under each language's prefix.
urlpatterns = [
    *i18n_patterns(path("kluda/", boom), prefix_default_language=False),
    *demo_urls.urlpatterns,
]

PAGES = {
    "lv": ("Lapa nav atrasta", "Uz sākumlapu", "/"),
    "ru": ("Страница не найдена", "На главную страницу", "/ru/"),
    "en": ("Page not found", "Go to the home page", "/en/"),
}
ERRORS = {
    "lv": "Radās kļūda",
    "ru": "Что-то пошло не так",
    "en": "Something went wrong",
}


def prefix(language):
    return "" if language == "lv" else f"/{language}"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    return settings


@pytest.mark.parametrize("language", PAGES)
def test_the_404_page_is_designed_and_in_the_readers_language(client, production, language):
    heading, home_link, home = PAGES[language]
    response = client.get(f"{prefix(language)}/nav-tadas-lapas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{heading}</h1>" in html
    assert f'<a href="{home}">{home_link}</a>' in html
    assert 'class="site-header' in html and 'href="#main"' in html  # the site's chrome


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("language", ERRORS)
def test_the_500_page_is_designed_and_in_the_readers_language(production, language):
    client = Client(raise_request_exception=False)
    response = client.get(f"{prefix(language)}/kluda/")
    assert response.status_code == 500
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{ERRORS[language]}</h1>" in html
    assert f'href="{PAGES[language][2]}"' in html
    assert "RuntimeError" not in html and "a bug" not in html


def test_the_error_pages_name_only_static_files_that_exist():
    for name in ("404.html", "500.html", "base.html"):
        source = get_template(name).template.source
        for asset in re.findall(r"{% static '([^']+)' %}", source):
            assert finders.find(asset), f"{name} links {asset}, which no app provides"
