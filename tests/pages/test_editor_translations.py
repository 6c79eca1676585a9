"""The editors' group may use simple_translation's "Translate" (its own permission)."""

import pytest
from django.contrib.auth.models import Group

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
