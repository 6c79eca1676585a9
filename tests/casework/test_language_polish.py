"""Small language leaks seen on screenshots: column headers frozen in the language that was
active when the module was imported, Latvian byte plurals, the editor's "Collapse all"."""

import json

import pytest
from django.template.defaultfilters import filesizeformat
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
    catalogue; every admin page loads the project's catalogue, which adds them."""
    admin_speaking(client, admin_user, lang)
    url = reverse("kopiena_admin_js_catalog")
    editor = client.get(reverse("communities:add")).content.decode()
    assert f'<script src="{url}"></script>' in editor
    # After Wagtail's own catalogue, so that its entries are added to the same catalogue.
    assert editor.index(reverse("wagtailadmin_javascript_catalog")) < editor.index(url)

    catalogue = client.get(url).content.decode()
    assert f'"Collapse all": {json.dumps(collapse)}' in catalogue
    assert f'"Expand all": {json.dumps(expand)}' in catalogue


def test_the_js_catalogue_keeps_wagtails_plural_rule_for_latvian(client, admin_user):
    admin_speaking(client, admin_user, "lv")
    ours = client.get(reverse("kopiena_admin_js_catalog")).content.decode()
    wagtails = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    rule = "const v = (n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"
    assert rule in wagtails and rule in ours


def test_the_js_catalogue_keeps_wagtails_russian_plurals_for_whole_numbers():
    """Each catalogue script sets ``django.pluralidx``; ours comes last, so its Russian rule
    (three forms, as every catalogue of the project) must pick Wagtail's form for any count."""
    import gettext
    from pathlib import Path

    import wagtail.admin

    import kopiena.casework

    def rule(path):
        with open(path, "rb") as fp:
            return gettext.GNUTranslations(fp).plural

    locale = "locale/ru/LC_MESSAGES/djangojs.mo"
    ours = rule(Path(kopiena.casework.__file__).parent / locale)
    wagtails = rule(Path(wagtail.admin.__file__).parent / locale)
    assert all(ours(n) == wagtails(n) for n in range(0, 1000))
