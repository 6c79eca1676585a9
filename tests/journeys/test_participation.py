"""The participatory budget's journey in a real Chromium, with axe-core on every page and a
screenshot per step: a resident on a 390 px phone, in Russian, proposes an idea; staff
return it for a change, the resident changes it and sends it again (the change form also
read in Latvian) and finds it on the page of the ideas they follow (in Russian and in
Latvian); staff find it feasible in the admin; when the vote opens the resident sees the
live counter go over the money, votes within it (with their personal code), and after the
results day reads the result."""

from decimal import Decimal

import pytest

from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.participation.models import Idea, Process
from kopiena.participation.roles import Role
from tests.factories import UserFactory, budget, feasible_idea, user_with_role
from tests.factories.participation import _dates
from tests.journeys.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Kopiena-budzets-2026"


def _visit(page, screenshot, step):
    screenshot(page, step)
    assert_accessible(page)


def _move_to(process, phase):
    Process.objects.filter(pk=process.pk).update(**_dates(phase))


def test_a_resident_proposes_staff_find_it_feasible_the_resident_votes_and_sees_the_result(
    browser, live_server, page, screenshot
):
    process = budget("ideas")
    other = feasible_idea(process, cost="45000.00", title="Skeitparks Karostā")
    resident = UserFactory(username="iedzivotaja-journey", email="iedz@example.lv")
    resident.set_password(PASSWORD)
    resident.save()
    staff = user_with_role(Role.PARTICIPATION_STAFF, username="lb-journey")
    staff.set_password(PASSWORD)
    staff.save()

    phone = browser.new_context(
        base_url=live_server.url, locale="ru-RU", viewport={"width": 390, "height": 844}
    )
    phone.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    mobile = phone.new_page()
    mobile.goto(f"/portal/participation/{process.slug}/")
    assert "Инфраструктура" in mobile.inner_text("body")
    _visit(mobile, screenshot, "process-ru")

    mobile.goto(f"/portal/participation/{process.slug}/propose/")
    mobile.wait_for_url("**/portal/login/**")
    mobile.fill("#id_username", resident.username)
    mobile.fill("#id_password", PASSWORD)
    mobile.click("form[novalidate] button[type=submit]")
    mobile.wait_for_url("**/propose/")
    mobile.fill("#id_title", "Скамейки в Приморском парке")
    mobile.fill("#id_description", "Десять скамеек вдоль дорожки.")
    mobile.select_option("#id_theme", index=1)
    mobile.select_option("#id_category", index=1)
    mobile.fill("#id_estimated_cost", "60000")
    mobile.click("form.pb-form button[type=submit]")
    assert "превышает средства категории" in mobile.inner_text("body")
    _visit(mobile, screenshot, "propose-refused")
    mobile.fill("#id_estimated_cost", "12000")
    mobile.click("form.pb-form button[type=submit]")
    mobile.wait_for_url("**/ideas/*/")
    assert "Ожидает проверки самоуправлением" in mobile.inner_text("body")
    _visit(mobile, screenshot, "idea-sent")
    idea = Idea.objects.get(title="Скамейки в Приморском парке")

    # Staff return it for a change; the resident changes it and sends it again.
    perform_transition(
        idea, "return_to_author", staff, TransitionInput(comment="Укажите точное место.")
    )
    mobile.goto(f"/portal/participation/{process.slug}/ideas/{idea.number}/")
    assert "Возвращена автору" in mobile.inner_text("body")
    phone.add_cookies([{"name": "django_language", "value": "lv", "url": live_server.url}])
    mobile.goto(f"/portal/participation/{process.slug}/ideas/{idea.number}/change/")
    assert "Pašvaldība lūdz mainīt" in mobile.inner_text("body")
    _visit(mobile, screenshot, "idea-change-lv")
    phone.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])
    mobile.goto(f"/portal/participation/{process.slug}/ideas/{idea.number}/")
    mobile.click("[data-change-idea]")
    mobile.wait_for_url("**/change/")
    assert "Укажите точное место." in mobile.inner_text("body")
    mobile.fill("#id_title", "Скамейки у фонтана в Приморском парке")
    mobile.fill("#id_latitude", "56.5046")
    mobile.fill("#id_longitude", "21.0108")
    mobile.fill("#id_note", "Добавила место у фонтана.")
    _visit(mobile, screenshot, "idea-change-ru")
    mobile.click("form.pb-change button[type=submit]")
    mobile.wait_for_url(f"**/ideas/{idea.number}/")
    assert "отправлена снова" in mobile.inner_text("body")
    idea.refresh_from_db()
    assert (idea.status, idea.title) == ("submitted", "Скамейки у фонтана в Приморском парке")

    # The ideas the resident follows: their own, with its status.
    mobile.goto("/portal/participation/following/")
    card = mobile.locator(f"[data-idea='{idea.number}']")
    assert "Скамейки у фонтана" in card.inner_text()
    assert "Ожидает проверки самоуправлением" in card.inner_text()
    _visit(mobile, screenshot, "following-ru")
    phone.add_cookies([{"name": "django_language", "value": "lv", "url": live_server.url}])
    mobile.goto("/portal/participation/following/")
    assert "Idejas, kurām sekojat" in mobile.inner_text("body")
    _visit(mobile, screenshot, "following-lv")
    phone.add_cookies([{"name": "django_language", "value": "ru", "url": live_server.url}])

    # Staff find it feasible in the admin, with the municipality's estimate.
    page.goto("/admin/login/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/kopiena_participation_idea/inspect/{idea.pk}/")
    page.locator("[data-case-action=find_feasible]").first.click()
    page.wait_for_url("**/transition/**")
    screenshot(page, "staff-feasible")
    page.fill("input[name=amount]", "13500")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/inspect/{idea.pk}/")
    assert "Īstenojama" in page.inner_text("body")
    _visit(page, screenshot, "staff-checked")
    idea.refresh_from_db()
    assert idea.cost_estimate == Decimal("13500.00")

    # The vote opens: the counter shows going over the money, the ballot stays within it.
    _move_to(process, "voting")
    mobile.goto(f"/portal/participation/{process.slug}/vote/")
    mobile.check(f"#idea-{other.pk}")
    mobile.check(f"#idea-{idea.pk}")
    counter = mobile.locator("[data-category=infrastructure] [data-counter-text]")
    assert "Превышение" in counter.inner_text()
    _visit(mobile, screenshot, "ballot-over")
    mobile.uncheck(f"#idea-{other.pk}")
    assert "Превышение" not in counter.inner_text()
    mobile.fill("#id_birth_year", "1988")
    mobile.check("#id_resident")
    mobile.fill("#id_person_code", "120388-10001")
    mobile.click("form.pb-ballot button[type=submit]")
    mobile.wait_for_selector("[data-ballot-saved]")
    assert "Ваш бюллетень сохранён" in mobile.inner_text("body")
    _visit(mobile, screenshot, "ballot-saved")

    # The results day.
    _move_to(process, "delivery")
    mobile.goto(f"/portal/participation/{process.slug}/results/")
    text = mobile.inner_text("body")
    assert "Скамейки у фонтана в Приморском парке" in text and "Победил" in text
    _visit(mobile, screenshot, "results")
    phone.close()


def _admin_login(page, user):
    page.goto("/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def test_staff_enter_a_paper_ballot_and_finance_decide_a_reserve_draw(
    browser, live_server, page, screenshot
):
    from kopiena.participation.models import DrawStatus, ReserveDraw

    process = budget("voting", reserve=Decimal("10000.00"))
    idea = feasible_idea(process, cost="30000.00", title="Skeitparks Karostā")
    staff = user_with_role(Role.PARTICIPATION_STAFF, username="lb-journey2")
    finance = user_with_role(Role.FINANCE, username="finanses-journey")
    for user in (staff, finance):
        user.set_password(PASSWORD)
        user.save()

    _admin_login(page, staff)
    page.goto(f"/admin/kopiena_participation_process/inspect/{process.pk}/")
    _visit(page, screenshot, "process-inspect")
    page.goto(f"/admin/kopiena_participation_process/paper-ballot/{process.pk}/")
    page.fill("input[name=person_code]", "120385-11111")
    page.check(f"input[name=ideas][value='{idea.pk}']")
    page.fill("input[name=birth_year]", "1985")
    page.check("input[name=resident]")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    _visit(page, screenshot, "paper-ballot-entered")
    assert process.ballots.filter(paper=True).count() == 1

    # The vote closes; the results are published from the count page.
    Process.objects.filter(pk=process.pk).update(**_dates("delivery"))
    page.goto(f"/admin/kopiena_participation_process/count/{process.pk}/")
    assert "Skeitparks Karostā" in page.inner_text("body")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    _visit(page, screenshot, "results-published")
    idea.refresh_from_db()
    assert idea.status == "selected"

    page.goto(f"/admin/kopiena_participation_idea/inspect/{idea.pk}/")
    page.locator("[data-reserve-draw]").first.click()
    page.wait_for_url("**/reserve/**")
    page.fill("input[name=amount]", "2500")
    page.fill("textarea[name=reason]", "Betona cena pieauga par 12 %.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/kopiena_participation_draw/inspect/**")
    _visit(page, screenshot, "draw-requested")
    draw = ReserveDraw.objects.get()

    finance_context = browser.new_context(base_url=live_server.url, locale="lv-LV")
    finance_page = finance_context.new_page()
    _admin_login(finance_page, finance)
    finance_page.goto(f"/admin/kopiena_participation_draw/inspect/{draw.pk}/")
    finance_page.locator("[data-case-action=approve]").first.click()
    finance_page.wait_for_url("**/transition/**")
    screenshot(finance_page, "finance-approve")
    finance_page.fill("textarea[name=comment]", "Pamatots ar tāmi.")
    finance_page.locator("form button[type=submit]").last.click()
    finance_page.wait_for_url(f"**/inspect/{draw.pk}/")
    _visit(finance_page, screenshot, "finance-approved")
    draw.refresh_from_db()
    assert draw.status == DrawStatus.APPROVED
    finance_context.close()

    page.goto(f"/portal/participation/{process.slug}/")
    assert "7\u00a0500,00\u00a0€" in page.inner_text("[data-figure=reserve-left]")
    _visit(page, screenshot, "reserve-left-public")
