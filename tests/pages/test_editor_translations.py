"""The editors' group may use simple_translation's "Translate" (its own permission)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale

from kopiena.pages.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_editors_group_holds_submit_translation():
    group = Group.objects.get(name=str(Role.EDITORS))
    assert group.permissions.filter(
        content_type__app_label="simple_translation", codename="submit_translation"
    ).exists()


def test_an_editor_may_submit_translations_and_others_may_not(editor, officer):
    assert editor.has_perm("simple_translation.submit_translation")
    assert not officer.has_perm("simple_translation.submit_translation")
    assert not UserFactory().has_perm("simple_translation.submit_translation")


def test_an_editor_reaches_translate_for_a_section_page(editor_client, news_index):
    Locale.objects.get_or_create(language_code="ru")
    url = reverse("simple_translation:submit_page_translation", args=[news_index.pk])
    response = editor_client.get(url)
    assert response.status_code == 200


def test_a_grant_officer_may_not_translate_pages(client, officer, news_index):
    Locale.objects.get_or_create(language_code="ru")
    client.force_login(officer)
    url = reverse("simple_translation:submit_page_translation", args=[news_index.pk])
    assert client.get(url).status_code in (302, 403)
