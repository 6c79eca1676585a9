"""Monitoring journeys, one per role's day, in a real browser with axe-core and a
screenshot per step: the head of a social service follows a figure to its cases and
publishes the annual report a resident then reads (and downloads as a PDF); a participant
answers a survey on a phone in Russian; a social worker builds a survey from the template
and puts its results in the evaluation; the regional coordinator compares municipalities."""

from decimal import Decimal

import pytest

from kopiena.grants.models import ApplicationStatus as S
from kopiena.monitoring.models import AnnualReport, Response, Survey
from kopiena.monitoring.roles import Role
from tests.factories import (
    EvaluationFactory,
    InitiativeFactory,
    grant_case,
    monitored_by,
    place,
    region,
    report_index,
    survey_with_answers,
    user_with_role,
)

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kopiena-test"


def sign_in(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


@pytest.fixture
def latgale(db):
    latgale = region()
    daugavpils = place("daugavpils", "Daugavpils", latgale)
    place("rezekne", "Rēzekne", latgale)
    grant_case(daugavpils, 2023, S.COMPLETED, approved=Decimal("4000.00"))
    grant_case(daugavpils, 2023, S.REJECTED)
    return latgale


def test_head_follows_a_figure_and_publishes_the_annual_report(
    page, live_server, screenshot, latgale
):
    report_index()
    daugavpils = place("daugavpils")
    head = user_with_role(Role.SERVICE_HEADS, username="vaditajs-j", password=PASSWORD)
    monitored_by(head, municipality=daugavpils)
    sign_in(page, "vaditajs-j")

    page.goto("/admin/monitoring/?year=2023")
    assert page.locator("caption", has_text="Ko darām?").count() == 1
    screenshot(page, "dashboard")
    assert_accessible(page)

    page.click('a[data-figure="grants.applications"][data-year="2023"]')
    page.wait_for_selector("[data-case-count='2']")
    screenshot(page, "cases")
    assert_accessible(page)

    page.goto("/admin/monitoring/reports/new/")
    page.select_option("select[name=scope]", "m:daugavpils")
    page.fill("input[name=year]", "2023")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/edit/**")
    editor = page.locator(".public-DraftEditor-content").first  # the summary comes first
    editor.click()
    page.keyboard.type("Gads, kurā kopienas sāka strādāt pašas.")
    screenshot(page, "edit")
    page.wait_for_timeout(800)  # Draftail writes its field a moment after the last key
    with page.expect_navigation():
        page.click("button[type=submit]:has-text('Saglabāt'), button.action-save")
    report = AnnualReport.objects.get()
    page.goto(f"/admin/monitoring/reports/inspect/{report.pk}/")
    screenshot(page, "draft")
    page.click("[data-case-action=submit_for_approval]")
    page.click("main form button[type=submit]")
    page.click("[data-case-action=approve]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-public-page]")
    screenshot(page, "published")
    report.refresh_from_db()
    assert report.status == "published"

    page.click("[data-public-page]")
    page.wait_for_selector("[data-taken-at]")
    assert "Gads, kurā kopienas sāka strādāt pašas." in page.content()
    screenshot(page, "public-report")
    assert_accessible(page)
    pdf = page.request.get(page.locator("[data-pdf]").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body()[:4] == b"%PDF"


def test_participant_answers_on_a_phone_in_russian(browser, live_server, screenshot, latgale):
    daugavpils = place("daugavpils")
    survey = survey_with_answers(daugavpils)
    token = survey.links.first().token
    context = browser.new_context(
        base_url=live_server.url,
        locale="ru-RU",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.goto(f"/aptauja/{token}/?lang=ru")
    assert page.get_by_role("heading", level=1).inner_text() == "Оценка перемен в сообществе"
    screenshot(page, "survey-ru")
    assert_accessible(page)
    for index, fieldset in enumerate(page.locator("fieldset[data-kind=scale]").all()):
        fieldset.locator("label").nth(8 - index % 3).click()
    for fieldset in page.locator("fieldset[data-kind=single]").all():
        fieldset.locator("label").first.click()
    page.click("button[type=submit]")
    page.wait_for_selector("[data-thanks]")
    assert "Спасибо" in page.content()
    screenshot(page, "thanks")
    assert Response.objects.filter(survey=survey, language="ru").count() == 1
    page.goto(f"/aptauja/{token}/?lang=ru")
    assert page.locator("[data-refusal=answered]").count() == 1
    screenshot(page, "already-answered")
    context.close()


def test_social_worker_builds_a_survey_and_uses_it_in_the_evaluation(
    page, live_server, screenshot, latgale
):
    daugavpils = place("daugavpils")
    worker = user_with_role(Role.SOCIAL_WORKERS, username="socdarbinieks-j", password=PASSWORD)
    initiative = InitiativeFactory(
        municipality=daugavpils, social_worker=worker, title="Ģimeņu kopiena"
    )
    EvaluationFactory(initiative=initiative, satisfaction=None, results="Nodibināta biedrība.")
    sign_in(page, "socdarbinieks-j")
    page.goto("/admin/monitoring/surveys/from-template/")
    page.select_option("select[name=municipality]", str(daugavpils.pk))
    page.select_option("select[name=initiative]", str(initiative.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/edit/**")
    survey = Survey.objects.get()
    page.goto(f"/admin/monitoring/surveys/inspect/{survey.pk}/")
    page.click("[data-case-action=open]")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-survey-link]")
    page.goto(page.url)  # without the fading "opened" message, which axe reads mid-animation
    screenshot(page, "survey-open-with-qr")
    assert_accessible(page)
    link = survey.links.first()
    for n, (a, b, c) in enumerate([(9, 6, 8), (10, 7, 9)]):
        response = Response.objects.create(
            survey=survey, link=link, language="lv", device_hash=str(n)
        )
        for question, number in zip(survey.questions.all()[:3], (a, b, c), strict=True):
            response.answers.create(question=question, number=number)
    page.reload()
    page.click("text=Izmantot iniciatīvas izvērtējumā")
    page.wait_for_selector(".messages")
    screenshot(page, "results-in-evaluation")
    initiative.evaluation.refresh_from_db()
    assert initiative.evaluation.satisfaction == 8  # change achieved: (8 + 9) / 2, rounded


def test_regional_coordinator_compares_municipalities(page, live_server, screenshot, latgale):
    coordinator = user_with_role(
        Role.REGIONAL_COORDINATORS, username="regkoord-j", password=PASSWORD
    )
    monitored_by(coordinator, region_=latgale)
    sign_in(page, "regkoord-j")
    page.goto("/admin/monitoring/?scope=r:latgale&year=2023")
    page.select_option("select[name=compare]", "grants.applications")
    page.click("main form button[type=submit]")
    page.wait_for_selector("[data-municipality=rezekne]")
    assert "nav reģistrētu lietu" in page.locator("[data-municipality=rezekne]").inner_text()
    screenshot(page, "region")
    assert_accessible(page)
    page.click('a[data-figure="grants.approved"][data-year="2023"]')
    page.wait_for_selector("[data-case-count='1']")
    assert page.locator("[data-case] a").count() == 0  # read-only: no case opens for editing
    screenshot(page, "region-cases")
