"""The public site and a social worker's admin screens on a 390 px phone, in Russian, on the
demo's own content: each public page type (home, news index, a story, a call, the social
map's list, an annual report, a participatory budget and its results) and the screens a
social worker uses on the road (the initiatives, an initiative, the weekly log form) fit
the screen: ``document.documentElement.scrollWidth`` stays within 390 px, and nothing —
least of all a table — runs past the screen's edge where the admin's layout would clip it
unseen. Tables become stacked rows. A screenshot per page."""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Collection, Page
from wagtail.users.models import UserProfile

from kopiena.community_work.models import Initiative
from kopiena.grants.models import GrantCall, original_calls
from kopiena.monitoring.models import AnnualReportPage
from kopiena.pages.models import NewsIndexPage, PilotStoryPage
from kopiena.participation.models import Process
from kopiena.social_map.models import SocialMapPage

# A journey over the whole demo's content: a host without the demo project has none to walk.
if not apps.is_installed("demo.home"):
    pytest.skip("walks the demo's content (the demo project)", allow_module_level=True)
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

WIDTH = 390
SOCIAL_WORKER = "socdarbinieks"
DEMO_PASSWORD = "kopiena-demo"

#: Elements past the right edge of the screen that no sideways scroller of their own holds
#: (Wagtail's breadcrumbs and tabs scroll by design; its closed side panel waits off screen).
PAST_THE_EDGE = """() => [...document.querySelectorAll('body *')]
    .filter(e => {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.right <= window.innerWidth + 1) return false;
        if (e.closest('aside.form-side, [hidden], thead')) return false;
        for (let p = e.parentElement; p; p = p.parentElement) {
            const overflow = getComputedStyle(p).overflowX;
            if (overflow === 'auto' || overflow === 'scroll') return false;
        }
        return getComputedStyle(e).visibility !== 'hidden';
    })
    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' '
         + Math.round(e.getBoundingClientRect().right))
    .slice(0, 8)"""

#: Tables wider than the screen, in a scroller or not: a table on a phone is stacked rows.
WIDE_TABLES = """() => [...document.querySelectorAll('table')]
    .filter(t => t.getBoundingClientRect().width > window.innerWidth)
    .map(t => t.className + ' ' + Math.round(t.getBoundingClientRect().width))"""


@pytest.fixture
def demo(settings):
    # After an earlier live-server test's flush the root rows are the test suite's own: a
    # collection for the demo's images, and the stand-in home page renamed as Wagtail's
    # welcome page, which the demo replaces with its home page.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    for stand_in in Page.objects.filter(depth=2, slug="kopiena"):
        if stand_in.specific_class is Page:
            Page.objects.filter(pk=stand_in.pk).update(slug="home", url_path="/home/")
    settings.DEBUG = True  # load_demo refuses production settings
    call_command("load_demo", stdout=io.StringIO())
    settings.DEBUG = False
    worker = get_user_model().objects.get(username=SOCIAL_WORKER)
    profile = UserProfile.get_for_user(worker)
    profile.preferred_language = "ru"
    profile.save()
    return worker


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


def fits(page, screenshot, step):
    assert page.locator("html").get_attribute("lang") == "ru", page.url
    screenshot(page, step)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url} is {width} px wide on a {WIDTH} px screen"
    assert not page.evaluate(PAST_THE_EDGE), f"{page.url}: {page.evaluate(PAST_THE_EDGE)}"
    assert not page.evaluate(WIDE_TABLES), f"{page.url}: {page.evaluate(WIDE_TABLES)}"


def public_pages():
    """(step, address) of each public page type, read from the demo's content."""
    story = PilotStoryPage.objects.live().filter(locale__language_code="lv").first()
    call = original_calls(GrantCall.objects.live()).order_by("-closes_at").first()
    social_map = SocialMapPage.objects.live().first()
    report = AnnualReportPage.objects.live().first()
    pages = [
        ("home", "/ru/"),
        ("news", "/ru" + NewsIndexPage.objects.get(locale__language_code="lv").url),
        ("story", "/ru" + story.url),
        ("call", "/ru" + call.url),
        ("social-map-list", "/ru" + social_map.url),
        ("annual-report", "/ru" + report.url),
    ]
    with_results = [p for p in Process.objects.all() if p.phase() == "delivery"]
    assert with_results, "the demo has a participatory budget with results"
    for process in Process.objects.order_by("slug"):
        pages.append((f"budget-{process.slug}", f"/portal/participation/{process.slug}/"))
    for process in with_results:
        pages.append((f"results-{process.slug}", f"/portal/participation/{process.slug}/results/"))
    return pages


def test_the_site_and_a_social_workers_screens_on_a_phone_in_russian(demo, phone, screenshot):
    """One load of the demo (a minute) for both: the public pages, then the admin."""
    public_site(phone, screenshot)
    social_worker_on_the_road(phone, screenshot, demo)


def public_site(phone, screenshot):
    for step, address in public_pages():
        response = phone.goto(address)
        assert response.status == 200, address
        fits(phone, screenshot, step)
    # The results stack: each project is a card with its votes and cost named.
    phone.goto(public_pages()[-1][1])
    first = phone.locator(".pb-table tbody tr").first
    assert first.locator("td").nth(1).evaluate("e => getComputedStyle(e).display") == "block"
    assert "Голоса" in phone.evaluate(
        "() => getComputedStyle(document.querySelector('.pb-table tbody td:nth-child(2)'),"
        " '::before').content"
    )


def social_worker_on_the_road(phone, screenshot, worker):
    page = phone
    page.goto("/admin/login/")
    page.fill("#id_username", SOCIAL_WORKER)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    initiative = Initiative.objects.filter(social_worker=worker).order_by("-pk").first()
    for step, address in [
        ("initiatives", "/admin/community-work/initiatives/"),
        ("initiative", f"/admin/community-work/initiatives/inspect/{initiative.pk}/"),
        ("weekly-log-form", "/admin/community-work/weekly-logs/new/"),
    ]:
        response = page.goto(address)
        assert response.status == 200, address
        page.wait_for_load_state("networkidle")
        fits(page, screenshot, step)
    # Every column of the list is on the screen, each value under its column's name.
    page.goto("/admin/community-work/initiatives/")
    page.wait_for_selector("table.listing.kopiena-stacked")
    cell = page.locator("table.listing tbody tr").first.locator("td").nth(2)
    assert cell.get_attribute("data-label") == "Статус"
    assert cell.is_visible()
    # The initiative's transitions are all reachable: none hides past the header's edge.
    page.goto(f"/admin/community-work/initiatives/inspect/{initiative.pk}/")
    for button in page.locator(".w-header-button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] + box["width"] <= WIDTH + 1, button.inner_text()
