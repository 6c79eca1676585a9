"""The social map's journeys in a real Chromium, with axe-core on every page and a screenshot
per step:

* a resident on a 390 px phone, in Russian, finds free food help open today in Liepāja, opens
  it, and suggests a correction;
* an NGO member proposes a change to their organisation's entry in the portal;
* a social map editor reads the proposal's diff in the admin and publishes it — and the public
  page shows it.
"""

import datetime as dt

import pytest

from kopiena.social_map import entries, proposals
from kopiena.social_map.models import Proposal, ProposalStatus, Service, SocialMapPage
from kopiena.social_map.roles import Role
from tests.factories import (
    DirectoryOrganizationFactory,
    MembershipFactory,
    MunicipalityFactory,
    OrganisationFactory,
    UserFactory,
    entry,
    user_with_role,
)
from tests.factories.pages import site_home
from tests.journeys.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kopiena-karte-2026"


@pytest.fixture(autouse=True)
def _no_tiles(settings):
    """No request leaves the machine: the map shows its markers on a plain background."""
    settings.KOPIENA = {**getattr(settings, "KOPIENA", {}), "SOCIAL_MAP_TILES": None}


@pytest.fixture
def liepaja_map(db):
    liepaja = MunicipalityFactory(name="Liepāja", slug="liepaja")
    page = SocialMapPage(
        title="Liepājas sociālā karte", slug="socialas-karte", municipality=liepaja
    )
    site_home().add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _visit(page, screenshot, step):
    screenshot(page, step)
    assert_accessible(page)


def _user(username, **kwargs):
    user = UserFactory(username=username, email=f"{username}@example.lv", **kwargs)
    user.set_password(PASSWORD)
    user.save()
    return user


def _portal_login(page, username):
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[novalidate] button[type=submit]")


def test_a_resident_in_russian_on_a_phone_finds_free_food_open_today(
    browser, live_server, liepaja_map, screenshot
):
    all_day = {"opens": dt.time(0, 1), "closes": dt.time(23, 59)}
    entry(
        name="Zupas virtuve",
        name_ru="Бесплатный обед",
        areas=("food-and-goods",),
        days="MO,TU,WE,TH,FR,SA,SU",
        **all_day,
    )
    entry(name="Maksas kafejnīca", free_of_charge=False, fees_description="3 €", **all_day)
    entry(name="Juristu konsultācija", areas=("legal-aid",), **all_day)
    _user("iedzivotajs-journey")

    context = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    context.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    page = context.new_page()
    page.goto("/ru" + liepaja_map.url)
    assert page.locator("html").get_attribute("lang") == "ru"
    _visit(page, screenshot, "map-ru")

    page.get_by_label("Продукты и вещи").check()
    page.get_by_label("Только бесплатно").check()
    page.get_by_label("Открыто сегодня").check()
    page.get_by_role("button", name="Показать").click()
    page.wait_for_load_state()
    cards = page.locator(".sm-card")
    assert cards.count() == 1
    assert "Бесплатный обед" in cards.first.inner_text()
    assert "Бесплатно" in cards.first.inner_text()
    assert "Открыто" in cards.first.inner_text()
    page.wait_for_selector(".leaflet-marker-icon")
    _visit(page, screenshot, "free-food-open-today")

    cards.first.get_by_role("link", name="Бесплатный обед").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Бесплатный обед"
    assert "+371 20000001" in page.content()
    _visit(page, screenshot, "service-ru")

    page.get_by_role("link", name="Предложить исправление").click()
    page.wait_for_url("**/portal/login/**")
    _visit(page, screenshot, "portal-login")
    _portal_login(page, "iedzivotajs-journey")
    page.wait_for_url("**/propose/")
    page.fill("#id_note", "По воскресеньям обед с 13:00.")
    _visit(page, screenshot, "correction-form")
    page.get_by_role("button", name="Отправить предложение").click()
    page.wait_for_url("**/portal/social-map/proposals/**")
    assert "Ждёт редактора" in page.inner_text("body")
    _visit(page, screenshot, "correction-sent")
    assert Proposal.objects.get().proposed_as == "resident"
    context.close()


@pytest.fixture
def ngo_entry(liepaja_map):
    grants_org = OrganisationFactory(
        name="Biedrība “Ostmalas kaimiņi”", municipality=liepaja_map.municipality
    )
    member = _user("kaimini-journey")
    MembershipFactory(user=member, organisation=grants_org)
    organization = DirectoryOrganizationFactory(
        grants_organisation=grants_org, name=grants_org.name, municipality=liepaja_map.municipality
    )
    service = entry(
        organization=organization,
        name="Kaimiņu palīdzība senioriem",
        areas=("seniors",),
        days="TU,TH",
        opens=dt.time(10),
        closes=dt.time(13),
    )
    return member, service


def test_an_ngo_member_proposes_a_change_in_the_portal(page, ngo_entry, screenshot):
    member, service = ngo_entry
    page.goto("/portal/login/")
    _portal_login(page, member.username)
    page.goto("/portal/social-map/")
    assert "Kaimiņu palīdzība senioriem" in page.inner_text("body")
    _visit(page, screenshot, "portal-overview")

    page.get_by_role("link", name="Ierosināt izmaiņas").first.click()
    page.wait_for_url("**/propose/")
    page.fill("#id_loc-0-TH_closes", "15:00")
    page.fill("#id_name", "Kaimiņu palīdzība senioriem un ģimenēm")
    page.fill("#id_note", "Ceturtdienās strādājam līdz 15:00.")
    _visit(page, screenshot, "portal-correction")
    page.get_by_role("button", name="Nosūtīt priekšlikumu").click()
    page.wait_for_url("**/portal/social-map/proposals/**")
    text = page.inner_text("body")
    assert "Gaida redaktoru" in text and "15:00" in text
    _visit(page, screenshot, "portal-proposal-sent")
    proposal = Proposal.objects.get()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert Service.objects.get(pk=service.pk).name == "Kaimiņu palīdzība senioriem"


def test_a_social_map_editor_reads_the_diff_and_publishes(page, ngo_entry, liepaja_map, screenshot):
    member, service = ngo_entry
    base = entries.snapshot(service)
    document = {
        **base,
        "service": {**base["service"], "name": "Kaimiņu palīdzība senioriem un ģimenēm"},
    }
    proposal = proposals.propose(
        user=member,
        organization=service.organization,
        document=document,
        service=service,
        base_data=base,
        base_digest=entries.digest(base),
        note="Palīdzam arī ģimenēm.",
    )
    editor = user_with_role(Role.SOCIAL_MAP_EDITORS, username="kartes-redaktors-journey")
    editor.set_password(PASSWORD)
    editor.save()

    page.goto("/admin/login/")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/kopiena_social_map_proposal/inspect/{proposal.pk}/")
    text = page.inner_text("body")
    assert "Kaimiņu palīdzība senioriem un ģimenēm" in text and "Palīdzam arī ģimenēm." in text
    _visit(page, screenshot, "editor-diff")

    page.locator("[data-case-action=publish]").first.click()
    page.wait_for_url("**/transition/**")
    _visit(page, screenshot, "editor-publish")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/inspect/{proposal.pk}/")
    assert "Publicēts" in page.inner_text("body")
    _visit(page, screenshot, "editor-published")

    page.goto(liepaja_map.url)
    assert "Kaimiņu palīdzība senioriem un ģimenēm" in page.inner_text("body")
    _visit(page, screenshot, "public-after-publishing")
