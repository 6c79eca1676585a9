"""In the browser, Wagtail's scripts translate "Collapse all" / "Expand all" (the editor's
minimap) in Latvian and Russian: the project's strings reach Django's JavaScript catalogue."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("lang", "collapse", "expand"),
    [("lv", "Sakļaut visu", "Izvērst visu"), ("ru", "Свернуть всё", "Развернуть всё")],
)
def test_wagtails_scripts_read_the_projects_translations(page, lang, collapse, expand):
    user = UserFactory(username=f"admin-{lang}", is_superuser=True, is_staff=True)
    user.set_password("kopiena-test")
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = lang
    profile.save()

    page.goto("/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "kopiena-test")
    page.click("button[type=submit]")
    page.wait_for_selector("main")
    page.goto(reverse("communities:add"))
    page.wait_for_load_state("load")

    assert page.evaluate("django.gettext('Collapse all')") == collapse
    assert page.evaluate("django.gettext('Expand all')") == expand
    # Wagtail's own strings are still there.
    assert page.evaluate("django.gettext('Close')") != "Close"
