"""Small language leaks seen on screenshots: column headers frozen in the language that was
active when the module was imported, Latvian byte plurals, the editor's "Collapse all"."""

import pytest
from django.urls import reverse
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
