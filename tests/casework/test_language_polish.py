"""Small language leaks seen on screenshots: column headers frozen in the language that was
active when the module was imported, Latvian byte plurals, the editor's "Collapse all"."""

import json
import re

import pytest
from django.template.defaultfilters import filesizeformat
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def admin_speaking(client, user, lang):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("lang", "expected", "foreign"),
    [
        ("ru", "Обновлено", "Atjaunots"),
        ("en", "Updated", "Atjaunots"),
        ("lv", "Atjaunots", "Обновлено"),
    ],
)
def test_initiative_listing_updated_column_speaks_the_readers_language(
    client, admin_user, lang, expected, foreign
):
    InitiativeFactory()
    admin_speaking(client, admin_user, lang)
    html = client.get(reverse("community_initiatives:index")).content.decode()
    assert expected in html
    assert foreign not in html


@pytest.mark.parametrize(
    ("lang", "size", "expected"),
    [
        ("lv", 1, "1\xa0baits"),
        ("lv", 2, "2\xa0baiti"),
        ("lv", 5, "5\xa0baiti"),
        ("lv", 21, "21\xa0baits"),
        ("lv", 329, "329\xa0baiti"),
        ("lv", 2048, "2,0\xa0KB"),
        ("lv", 5 * 1024 * 1024 + 300 * 1024, "5,3\xa0MB"),
        ("ru", 1, "1\xa0байт"),
        ("ru", 2, "2\xa0байта"),
        ("ru", 5, "5\xa0байт"),
        ("ru", 21, "21\xa0байт"),
        ("ru", 329, "329\xa0байт"),
        ("ru", 2048, "2,0\xa0КБ"),
        ("ru", 5 * 1024 * 1024 + 300 * 1024, "5,3\xa0МБ"),
    ],
)
def test_file_sizes_take_each_languages_plural(lang, size, expected):
    with translation.override(lang):
        assert filesizeformat(size) == expected


@pytest.mark.parametrize(
    ("lang", "collapse", "expand"),
    [("lv", "Sakļaut visu", "Izvērst visu"), ("ru", "Свернуть всё", "Развернуть всё")],
)
def test_the_editors_collapse_and_expand_all_are_translated(
    client, admin_user, lang, collapse, expand
):
    """The minimap's buttons are translated by Wagtail's scripts through Django's JavaScript
    catalogue; every admin page hands the project's translations to it, after Wagtail's
    catalogue and before the page is rendered."""
    admin_speaking(client, admin_user, lang)
    editor = client.get(reverse("communities:add")).content.decode()
    data = re.search(
        r'<script id="kopiena-admin-strings" type="application/json">(.*?)</script>', editor
    )
    assert data is not None
    assert json.loads(data.group(1)) == {"Collapse all": collapse, "Expand all": expand}
    script = static("kopiena/admin-strings.js")
    assert f'<script src="{script}"></script>' in editor
    catalogue = reverse("wagtailadmin_javascript_catalog")
    assert editor.index(catalogue) < data.start() < editor.index(script)


def test_english_admin_hands_over_no_strings(client, admin_user):
    admin_speaking(client, admin_user, "en")
    editor = client.get(reverse("communities:add")).content.decode()
    assert '<script id="kopiena-admin-strings" type="application/json">{}</script>' in editor


def test_the_login_page_gets_the_strings_without_an_admin_request(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "lv"
    login = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "kopiena-admin-strings" in login
