"""The import in a real browser: a grant officer uploads a LibreOffice XLSX, reads the
preview and confirms. It lives beside the other browser tests so that one Playwright session
per worker serves them all (a second one in the same thread fails). Screenshots go to
test-artifacts/screenshots/."""

import pytest
from django.urls import reverse

from kopiena.casework.roles import Role
from kopiena.grants.models import Application
from tests.factories import user_with_role
from tests.imports.conftest import FILES, call, liepaja, organisations  # noqa: F401

from .conftest import assert_accessible

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def sign_in(tab):
    user_with_role(Role.GRANT_OFFICERS, username="koordinators-imp", password="kopiena-test")
    tab.goto("/admin/login/")
    tab.fill("input[name=username]", "koordinators-imp")
    tab.fill("input[name=password]", "kopiena-test")
    tab.click("button[type=submit]")
    tab.wait_for_url("**/admin/")


def test_officer_uploads_previews_and_confirms(page, screenshot, call, organisations):  # noqa: F811
    sign_in(page)
    page.goto("/admin/import/")
    page.set_input_files("input[name=file]", str(FILES / "applications_libreoffice.xlsx"))
    screenshot(page, "upload")
    page.click("#w-editor-form button[type=submit]")

    page.wait_for_selector("[data-import-preview]")
    assert page.locator('[data-status="new"]').count() == 4
    assert_accessible(page)
    screenshot(page, "preview")
    assert Application.objects.count() == 0

    page.click("[data-confirm-import]")
    page.wait_for_url(f"**{reverse('grants_applications:index')}")
    assert page.locator(".messages .success").count() == 1
    screenshot(page, "imported")
    assert Application.objects.count() == 3


def test_officer_sees_row_errors_and_no_confirm_button(page, screenshot, call, organisations):  # noqa: F811
    sign_in(page)
    page.goto("/admin/import/")
    page.set_input_files("input[name=file]", str(FILES / "applications_errors.csv"))
    page.click("#w-editor-form button[type=submit]")

    page.wait_for_selector("[data-import-preview]")
    assert page.locator('[data-status="error"]').count() == 5
    assert page.locator("[data-confirm-import]").count() == 0
    assert_accessible(page)
    screenshot(page, "errors")
