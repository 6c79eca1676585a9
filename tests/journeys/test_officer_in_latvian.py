"""A grant officer's listing day in the Latvian admin: the applications listing, its export
menu and an application's inspect view read Latvian (no "Inspect", "Download XLSX", "True"),
and the export for import comes as Latvian Excel's CSV."""

import re

import pytest

from kopiena.casework.roles import Role
from tests.factories import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    user_with_role,
)
from tests.journeys.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

ENGLISH = ("Inspect", "Download XLSX", "Download CSV", "Filter by", "True", "False", " ago")


def visible_text(page):
    return page.evaluate("document.body.innerText")


def test_an_officer_reads_the_applications_in_latvian(page, screenshot):
    user_with_role(Role.GRANT_OFFICERS, username="koordinators-lv", password="kopiena-test")
    call = GrantCallFactory(title="Kopienu iniciatīvu konkurss 2026")
    organisation = OrganisationFactory(name="Biedrība “Latviski”", public_benefit=True)
    application = ApplicationFactory(call=call, organisation=organisation, title="Senioru rīti")

    page.goto("/admin/login/")
    page.fill("input[name=username]", "koordinators-lv")
    page.fill("input[name=password]", "kopiena-test")
    page.click("button[type=submit]")
    page.wait_for_selector("#casework-waiting-section")

    page.goto("/admin/grants_applications/")
    assert page.locator("html").get_attribute("lang") == "lv"
    screenshot(page, "listing")
    text = visible_text(page)
    assert "Senioru rīti" in text
    # The export menu's items, as the server sends them (Wagtail's dropdown takes them out of
    # the page until it is opened).
    html = page.request.get("/admin/grants_applications/").text()
    assert "Lejupielādēt CSV ar budžeta pozīcijām (importam)" in html
    assert "Lejupielādēt XLSX failu" in html
    assert "Download XLSX" not in html
    href = re.search(r'href="([^"]*export=budget[^"]*)"', html).group(1)
    for english in ENGLISH:
        assert english not in text, english
    assert_accessible(page)

    response = page.request.get(href.replace("&amp;", "&"))
    content = response.body()
    assert content.startswith(b"\xef\xbb\xbf")
    assert b"Lietas numurs;" in content

    page.goto(f"/admin/grants_applications/inspect/{application.pk}/")
    screenshot(page, "inspect")
    text = visible_text(page)
    for english in ENGLISH:
        assert english not in text, english
    assert_accessible(page)
