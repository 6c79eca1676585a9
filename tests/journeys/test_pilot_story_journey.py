"""From an initiative to a pilot story, in a real Chromium and in Latvian: the community
social worker runs an initiative from the idea to its report, the head of the social
service approves the plan and accepts the report, the social worker prepares the pilot
story, and the editor finds the draft in "Waiting for me", opens it and saves an edit —
nobody meets a permission error. Each step asserts what the person reads, runs axe-core
and saves a screenshot; the editor's dashboard is also seen on a phone-sized screen."""

import pytest
from django.core import mail
from django.urls import reverse

from kopiena.casework.roles import Role
from kopiena.community_work.models import Initiative, InitiativeStatus
from kopiena.pages.models import PilotStoryPage
from tests.factories import user_with_role
from tests.factories.community_work import (
    AssessmentFactory,
    EvaluationFactory,
    InitiativeFactory,
    TaskFactory,
)
from tests.factories.pages import StoryIndexPageFactory, site_home

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kopiena-test"
S = InitiativeStatus


def _visit(page, screenshot, step):
    screenshot(page, step)
    assert_accessible(page)


def _editor_accessible(page):
    """axe-core on Wagtail's page editor, leaving out only the rich-text boxes: Wagtail's
    own Draftail editor gives its content box no accessible name (its label names the hidden
    input), which Kopiena's templates cannot reach. Everything else must pass."""
    from axe_playwright_python.sync_playwright import Axe

    # As ``assert_accessible``: a message still fading in reads as low contrast.
    page.evaluate(
        """() => Promise.race([
            Promise.all(document.getAnimations().map((a) => a.finished.catch(() => null))),
            new Promise((resolve) => setTimeout(resolve, 2000)),
        ])"""
    )
    results = Axe().run(page, context={"exclude": [[".public-DraftEditor-content"]]})
    bad = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not bad, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in bad]


def _sign_in(browser, live_server, username, *, width=1280):
    context = browser.new_context(
        base_url=live_server.url, locale="lv-LV", viewport={"width": width, "height": 900}
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def _take(page, initiative, action, state_label):
    """Click the case's action button, confirm on the transition form, land on the case."""
    page.goto(reverse("community_initiatives:inspect", args=[initiative.pk]))
    page.locator(f"[data-case-action={action}]").first.click()
    page.wait_for_url(f"**/transition/{initiative.pk}/{action}/")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(f"**/inspect/{initiative.pk}/")
    status = page.locator("[data-case-status]")
    assert status.text_content().strip() == state_label  # shown in capitals by the admin's CSS


@pytest.fixture
def people(db):
    social_worker = user_with_role(
        Role.SOCIAL_WORKERS, username="socdarbiniece", first_name="Inese", last_name="Bērziņa"
    )
    head = user_with_role(
        Role.SERVICE_HEADS, username="vaditaja", first_name="Dace", last_name="Kļaviņa"
    )
    editor = user_with_role(
        Role.EDITORS,
        username="redaktors",
        first_name="Jānis",
        last_name="Ozols",
        email="janis.ozols@novads.example.lv",
    )
    return social_worker, head, editor


@pytest.fixture
def initiative(people):
    social_worker, head, _editor = people
    StoryIndexPageFactory(parent=site_home())
    initiative = InitiativeFactory(
        status=S.IDEA,
        social_worker=social_worker,
        head=head,
        title="Radošās darbnīcas Križos",
        goal="Iesaistīt bērnu ar invaliditāti vecākus kopīgās darbnīcās.",
    )
    AssessmentFactory(initiative=initiative, initial_study_findings="Vecāki jūtas vientuļi.")
    TaskFactory(initiative=initiative, title="Sarīkot 8 darbnīcas")
    EvaluationFactory(initiative=initiative, results="Notika 8 darbnīcas.", participants=31)
    return initiative


def test_social_worker_head_and_editor_take_an_initiative_to_a_pilot_story(
    browser, live_server, screenshot, people, initiative
):
    # The social worker: from the idea to the plan waiting for approval.
    worker = _sign_in(browser, live_server, "socdarbiniece")
    assert "Radošās darbnīcas Križos" in worker.locator("#casework-waiting-content").inner_text()
    _visit(worker, screenshot, "social-worker-dashboard")
    _take(worker, initiative, "start_planning", "Plānošana")
    _take(worker, initiative, "submit_for_approval", "Gaida apstiprinājumu")
    _visit(worker, screenshot, "plan-sent-for-approval")

    # The head approves the plan from "Waiting for me".
    head = _sign_in(browser, live_server, "vaditaja")
    head.get_by_role("link", name="Radošās darbnīcas Križos").first.click()
    head.wait_for_url(f"**/inspect/{initiative.pk}/")
    _visit(head, screenshot, "head-opens-the-plan")
    _take(head, initiative, "approve", "Apstiprināts")

    # The social worker runs it and reports.
    _take(worker, initiative, "start", "Īstenošanā")
    _take(worker, initiative, "finish", "Izvērtēšanā")
    _take(worker, initiative, "submit_report", "Atskaite iesniegta")

    # The head accepts the report; the initiative is closed.
    _take(head, initiative, "accept_report", "Slēgts")
    _visit(head, screenshot, "head-closed-the-initiative")

    # The social worker prepares the story: told that the editors finish it, never refused.
    mail.outbox.clear()
    worker.goto(reverse("community_initiatives:inspect", args=[initiative.pk]))
    worker.locator("[data-case-action=prepare_story]").first.click()
    _visit(worker, screenshot, "prepare-story-confirm")
    worker.locator("form button[type=submit]").last.click()
    worker.wait_for_url(f"**/inspect/{initiative.pk}/")
    told = worker.get_by_text("Pilotprojekta stāsta melnraksts ir sagatavots. Redaktoriem")
    assert told.is_visible()
    body = worker.locator("body").inner_text()
    assert "nav piekļuves" not in body and "Jums nav atļaujas" not in body
    _visit(worker, screenshot, "story-prepared")
    story = PilotStoryPage.objects.get()
    assert Initiative.objects.get(pk=initiative.pk).story_id == story.pk
    [to_editor] = [m for m in mail.outbox if m.to == ["janis.ozols@novads.example.lv"]]
    assert f"/admin/pages/{story.pk}/edit/" in to_editor.body

    # The editor finds the draft in "Waiting for me" (on a phone first), opens and edits it.
    editor = _sign_in(browser, live_server, "redaktors", width=390)
    waiting = editor.locator("#casework-waiting-content")
    assert "Pilotprojektu stāsti, kas jāpabeidz" in waiting.inner_text()
    assert "Pilotprojekta stāsts: Radošās darbnīcas Križos" in waiting.inner_text()
    _visit(editor, screenshot, "editor-waiting-for-me-phone")
    editor.set_viewport_size({"width": 1280, "height": 900})
    waiting.get_by_role("link", name="Pilotprojekta stāsts: Radošās darbnīcas Križos").click()
    editor.wait_for_url(f"**/admin/pages/{story.pk}/edit/")
    assert editor.locator("#id_title").input_value() == "Radošās darbnīcas Križos"
    screenshot(editor, "editor-opens-the-draft")
    _editor_accessible(editor)
    editor.fill("#id_title", "Radošās darbnīcas Križos: vecāki kopā")
    with editor.expect_navigation():
        editor.get_by_role("button", name="Saglabāt melnrakstu").first.click()
    editor.get_by_text("Lapa 'Radošās darbnīcas Križos: vecāki kopā' ir atjaunota.").wait_for()
    story.refresh_from_db()
    assert story.get_latest_revision_as_object().title == "Radošās darbnīcas Križos: vecāki kopā"
    assert story.live is False
    screenshot(editor, "editor-saved-the-draft")
    _editor_accessible(editor)
