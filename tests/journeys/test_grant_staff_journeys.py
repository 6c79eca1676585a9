"""A day of each grant staff role in a real browser: the officer screens a case with its
documents and lets it move after a reviewer's conflict, the reviewer declares and scores,
finance approves with the facts on the form (in Russian, on a phone-sized screen) and is
refused over the remaining budget. Each step asserts what the person reads, runs axe-core
and saves a screenshot."""

from decimal import Decimal

import pytest

from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.grants import reviews
from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from kopiena.portal.models import AttachmentKind
from tests.factories import user_with_role
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    completed_review,
    member_of,
)
from tests.factories.portal import AttachmentFactory

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
def case(db):
    """A submitted application of an NGO with a price quote, to a call needing 2 reviews
    and requiring a price quote."""
    call = GrantCallFactory(
        title="Kopienu iniciatīvas 2026",
        reviews_required=2,
        required_document_kinds=[AttachmentKind.PRICE_QUOTE],
    )
    organisation = OrganisationFactory(name="Biedrība “Saulrīti”")
    member = member_of(organisation, username="saulriti-biedrs")
    application = ApplicationFactory(
        call=call, organisation=organisation, created_by=member, title="Senioru dārzs"
    )
    AttachmentFactory(
        application=application,
        kind=AttachmentKind.PRICE_QUOTE,
        original_name="cenu-piedavajums.pdf",
        uploaded_by=member,
    )
    perform_transition(application, "submit", member, TransitionInput())
    application.refresh_from_db()
    return application


def test_officer_screens_a_case_with_its_documents_and_lets_it_move_after_a_conflict(
    page, live_server, screenshot, case
):
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinatore", password=PASSWORD)
    conflicted = user_with_role(
        Role.REVIEWERS, username="vertetajs-a", first_name="Anna", last_name="Ozola"
    )
    reviews.assign_reviewer(case, conflicted, by=officer)
    perform_transition(case, "start_review", officer, TransitionInput())
    reviews.declare_conflict(
        case.reviews.get(), conflicted, has_conflict=True, reason="Esmu biedrības valdē."
    )

    sign_in(page, "koordinatore")
    page.goto("/admin/grants_applications/")
    page.get_by_role("link", name="Senioru dārzs").first.click()
    page.wait_for_url("**/inspect/**")
    assert page.get_by_role("heading", name="Dokumenti").is_visible()
    assert page.get_by_role("link", name="cenu-piedavajums.pdf").is_visible()
    assert page.get_by_text("Esmu biedrības valdē.").first.is_visible()
    # Screening: the checklist ticks the required price quote and the call's rules.
    assert page.get_by_role("heading", name="Atbilstības pārbaudes saraksts").is_visible()
    checklist = page.locator("[data-eligibility]")
    assert checklist.locator('[data-check="document_price_quote"][data-check-ok="yes"]').count()
    assert checklist.locator('[data-check-ok="no"]').count() == 0
    screenshot(page, "case-with-documents")
    assert_accessible(page)

    page.get_by_role("link", name="Vērtētāji: norīkot, atjaunot, atcelt").click()
    page.wait_for_url("**/assign-reviewer/**")
    assert page.get_by_text("Anna Ozola — deklarējis interešu konfliktu").is_visible()
    assert page.locator("[data-no-reviewer]").is_visible()
    screenshot(page, "why-nobody-is-offered")
    assert_accessible(page)
    page.fill("#waive-reason", "Citu brīvu vērtētāju nav.")
    page.get_by_role("button", name="Atcelt vienu vērtējumu").click()
    page.get_by_text("tagad nepieciešams 1 vērtējums").first.wait_for()
    # After the last waiver the notice no longer offers one.
    assert page.get_by_text("vienīgo vēl nepieciešamo vērtējumu atcelt nevar").is_visible()
    screenshot(page, "review-waived")
    case.refresh_from_db()
    assert case.required_reviews == 1


def test_reviewer_declares_sees_the_documents_and_scores(page, live_server, screenshot, case):
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinatore")
    reviewer = user_with_role(Role.REVIEWERS, username="vertetajs-b", password=PASSWORD)
    assignment = reviews.assign_reviewer(case, reviewer, by=officer)
    perform_transition(case, "start_review", officer, TransitionInput())

    sign_in(page, "vertetajs-b")
    page.goto("/admin/grants/reviews/")
    page.get_by_role("link", name="Senioru dārzs").first.click()
    page.wait_for_url(f"**/grants/reviews/{assignment.pk}/")
    assert page.get_by_role("link", name="cenu-piedavajums.pdf").is_visible()
    screenshot(page, "review-form")
    assert_accessible(page)
    page.get_by_label("Apliecinu, ka man nav interešu konflikta", exact=False).check()
    for criterion in case.call.criteria.all():
        page.fill(f"#id_score_{criterion.pk}", str(criterion.max_score - 1))
    page.select_option("#id_recommendation", "fund")
    page.get_by_role("button", name="Saglabāt vērtējumu").click()
    page.wait_for_url("**/grants/reviews/")
    screenshot(page, "review-done")
    assignment.refresh_from_db()
    assert assignment.is_completed and assignment.application_version == 1


def test_finance_approves_with_the_facts_in_russian_on_a_phone(
    browser, live_server, screenshot, case
):
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinatore")
    finance = user_with_role(Role.FINANCE, username="finanses", password=PASSWORD)
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(finance)
    profile.preferred_language = "ru"
    profile.save()
    Application.objects.filter(pk=case.pk).update(status=S.IN_REVIEW)
    completed_review(case)
    completed_review(case)
    perform_transition(
        case, "recommend", officer, TransitionInput(internal_comment="Labs partneris.")
    )
    call = case.call
    call.total_budget, call.reserve = Decimal("5000.00"), Decimal("1000.00")
    call.max_grant = Decimal("5000.00")
    call.save()

    context = browser.new_context(
        base_url=live_server.url,
        locale="ru-RU",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    sign_in(page, "finanses")
    page.goto(f"/admin/grants_applications/transition/{case.pk}/approve_budget/")
    facts = page.locator("[data-decision-facts]")
    assert facts.get_by_role("heading").inner_text() == "На чём основано решение"
    text = facts.inner_text()
    assert "4\u00a0500,00\u00a0€" in text  # requested
    assert "Labs partneris." in text  # the officer's recommendation
    assert "4\u00a0000,00\u00a0€" in text  # what the call has left
    screenshot(page, "approve-with-facts")
    assert_accessible(page)
    page.fill("input[name=amount]", "4500,00")
    page.locator("#w-editor-form footer button[type=submit]").click()
    page.wait_for_url("**/approve_budget/")
    page.get_by_text("В конкурсе осталось").first.wait_for()
    assert "В конкурсе осталось 4\u00a0000,00\u00a0€" in page.locator("main").inner_text()
    screenshot(page, "refused-over-the-remaining-budget")
    case.refresh_from_db()
    assert case.status == S.RECOMMENDED
    context.close()
