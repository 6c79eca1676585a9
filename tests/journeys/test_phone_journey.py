"""The portal on a 390 px phone, in Russian: the dashboard, the list of calls, the apply form
with its budget lines, the application and the report fit the screen (no sideways
scrolling: ``document.scrollWidth`` stays within the viewport), and every page is Russian."""

import datetime as dt

import pytest
from django.utils import timezone

from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from tests.factories import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    TargetGroupFactory,
    completed_review,
    member_of,
    user_with_role,
)
from tests.journeys.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Kopiena-ceļš-2026"
WIDTH = 390


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": WIDTH, "height": 844}
    )
    context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    context.set_default_timeout(30_000)
    page = context.new_page()
    yield page
    context.close()


WIDEST = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.')
         + ' ' + Math.round(e.getBoundingClientRect().right))
    .slice(0, 8)"""


def fits(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, (
        f"{page.url} is {width} px wide on a {WIDTH} px screen: {page.evaluate(WIDEST)}"
    )


def test_a_russian_ngo_member_on_a_phone(phone, screenshot):
    TargetGroupFactory(name="Seniori")
    call = GrantCallFactory(
        title="Kopienu iniciatīvu konkurss 2026", closes_at=timezone.now() + dt.timedelta(days=30)
    )
    organisation = OrganisationFactory(name="Biedrība “Tālrunis”")
    member = member_of(
        organisation, username="talrunis@example.lv", email="talrunis@example.lv", password=PASSWORD
    )
    draft = ApplicationFactory(call=call, organisation=organisation, created_by=member)
    funded = ApplicationFactory(
        call=call, organisation=organisation, created_by=member, title="Senioru rīti"
    )
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinators-telefons")
    finance = user_with_role(Role.FINANCE, username="finanses-telefons")
    for name, user, inputs in [("submit", member, {})]:
        perform_transition(funded, name, user, TransitionInput(**inputs))
    completed_review(funded)
    completed_review(funded)
    perform_transition(funded, "start_review", officer, TransitionInput())
    perform_transition(funded, "recommend", officer, TransitionInput())
    perform_transition(funded, "approve_budget", finance, TransitionInput(amount="4000.00"))

    page = phone
    page.goto("/portal/login/")
    assert page.locator("html").get_attribute("lang") == "ru"
    fits(page)
    page.fill("#id_username", "talrunis@example.lv")
    page.fill("#id_password", PASSWORD)
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")

    for step, url in [
        ("dashboard", "/portal/"),
        ("calls", "/portal/calls/"),
        ("applications", "/portal/applications/"),
        ("apply", f"/portal/calls/{call.pk}/apply/"),
        ("draft", f"/portal/applications/{draft.pk}/edit/"),
        ("application", f"/portal/applications/{funded.pk}/"),
        ("report", f"/portal/applications/{funded.pk}/report/"),
    ]:
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "ru", url
        screenshot(page, step)
        fits(page)
        assert_accessible(page)
