import pytest

from kopiena.casework.roles import Role
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


def test_grant_officer_signs_in_to_the_latvian_admin_and_sees_the_waiting_panel(
    page, live_server, screenshot
):
    user_with_role(Role.GRANT_OFFICERS, username="koordinators-b", password="kopiena-test")

    page.goto("/admin/login/")
    page.fill("input[name=username]", "koordinators-b")
    page.fill("input[name=password]", "kopiena-test")
    screenshot(page, "login")
    page.click("button[type=submit]")

    page.wait_for_selector("#casework-waiting-section")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert (
        page.get_by_text("Nothing is waiting for you", exact=False).count()
        + page.get_by_text("Nekas negaida", exact=False).count()
        >= 1
    )
    screenshot(page, "dashboard")
