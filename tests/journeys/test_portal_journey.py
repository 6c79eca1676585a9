"""The NGO portal's whole journey in a real Chromium: sign up, confirm, log in, register the
organisation, draft an application with budget lines (live totals), submit, answer a change
request, and report after approval. Staff steps run through the transition service, as the
admin would run them. Every portal page visited is checked with axe-core."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from kopiena.casework.roles import Role
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import TransitionInput
from kopiena.grants.models import Application, ApplicationStatus
from kopiena.grants.validators import lv_iban
from tests.factories import GrantCallFactory, TargetGroupFactory, completed_review, user_with_role
from tests.journeys.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "Kopiena-ceļš-2026"


def _visit(page, screenshot, step):
    screenshot(page, step)
    assert_accessible(page)


def _fill_line(page, index, *, category, description, quantity, unit_cost, requested):
    prefix = f"#id_lines-{index}-"
    page.select_option(prefix + "category", category)
    page.fill(prefix + "description", description)
    page.fill(prefix + "quantity", quantity)
    page.fill(prefix + "unit_cost", unit_cost)
    page.fill(prefix + "requested", requested)


def _total(page, name):
    return page.locator(f"[data-total='{name}']").get_attribute("data-value")


def _sign_up_and_log_in(page, screenshot, email):
    page.goto("/portal/signup/")
    assert page.locator("html").get_attribute("lang") == "lv"
    _visit(page, screenshot, "signup")
    page.fill("#id_first_name", "Ilze")
    page.fill("#id_last_name", "Kalniņa")
    page.fill("#id_email", email)
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/signup/sent/")
    _visit(page, screenshot, "signup-sent")

    # The account is inactive until the link in the e-mail is opened.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/portal/signup/confirm/\S+/", mail.outbox[0].body).group(0)
    page.goto(link)
    # Whoever opens the link chooses the password (sign-up cannot be claimed by a stranger).
    assert page.input_value("#id_first_name") == "Ilze"
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    _visit(page, screenshot, "choose-password")
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")
    _visit(page, screenshot, "confirmed")

    # Log out and in again, as a person coming back would.
    page.click(".portal-account form button[type=submit]")
    page.wait_for_url("**/portal/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    _visit(page, screenshot, "login")
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")


def _register_organisation(page, screenshot):
    page.goto("/portal/organisations/new/")
    _visit(page, screenshot, "organisation-form")
    page.fill("#id_name", "Biedrība “Kopā Liepājā”")
    page.select_option("#id_legal_form", "biedriba")
    page.fill("#id_registration_number", "40008123456")
    page.select_option("#id_municipality", label="Liepāja")
    page.check("#id_public_benefit")
    page.fill("#id_iban", lv_iban("HABA", "0551012345678"))
    page.fill("#id_contact_name", "Ilze Kalniņa")
    page.fill("#id_contact_email", "ilze@example.lv")
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url(re.compile(r".*/portal/organisations/\d+/$"))
    _visit(page, screenshot, "organisation")


@pytest.fixture
def open_call(transactional_db):
    # Wagtail's site and the role groups come back from tests/conftest.py:ensure_migrated_rows.
    TargetGroupFactory(name="Seniori")
    return GrantCallFactory(
        title="Kopienu iniciatīvu konkurss 2026",
        closes_at=timezone.now() + dt.timedelta(days=30),
    )


def test_an_ngo_signs_up_applies_answers_a_change_request_and_reports(
    page, live_server, screenshot, open_call
):
    officer = user_with_role(Role.GRANT_OFFICERS, username="koordinators-p")
    finance = user_with_role(Role.FINANCE, username="finanses-p")
    mail.outbox.clear()

    _sign_up_and_log_in(page, screenshot, "ilze@example.lv")
    _visit(page, screenshot, "dashboard")
    _register_organisation(page, screenshot)

    # The open calls with their rules in plain words.
    page.goto("/portal/calls/")
    _visit(page, screenshot, "calls")
    call_card = page.locator(".call", has_text=open_call.title)
    assert "10 %" in call_card.inner_text().replace("\xa0", " ")  # co-financing = 1 − 90 %
    call_card.get_by_role("link", name=re.compile(".+")).first.click()
    page.wait_for_url(f"**/portal/calls/{open_call.pk}/apply/")
    _visit(page, screenshot, "application-new")

    start = timezone.localdate() + dt.timedelta(days=40)
    page.fill("#id_title", "Kopienas dārzs pie bibliotēkas")
    page.fill("#id_summary", "Apkaimes iedzīvotāji kopā ierīko dārzu.")
    page.select_option("#id_municipality", label="Liepāja")
    page.check("text=Seniori")
    page.fill("#id_planned_start", start.isoformat())
    page.fill("#id_planned_end", (start + dt.timedelta(days=150)).isoformat())
    _fill_line(
        page,
        0,
        category="staff",
        description="Koordinatora darbs",
        quantity="10",
        unit_cost="500",
        requested="4500",
    )
    # The own contribution follows from quantity × unit cost − requested.
    assert page.input_value("#id_lines-0-own") in ("500,00", "500.00")

    page.click("[data-add-line]")
    _fill_line(
        page,
        1,
        category="materials",
        description="Stādi un zeme",
        quantity="1",
        unit_cost="1000",
        requested="900",
    )
    page.click("[data-add-line]")
    _fill_line(
        page,
        2,
        category="infrastructure",
        description="Siltumnīca",
        quantity="1",
        unit_cost="9000",
        requested="9000",
    )
    assert _total(page, "requested") == "14400.00"
    page.locator("#line-lines-2 [data-remove-line]").click()
    assert _total(page, "requested") == "5400.00"
    assert _total(page, "own") == "600.00"
    assert _total(page, "total") == "6000.00"
    assert _total(page, "infrastructure") == "0.00"
    assert _total(page, "own-share") == "0.1000"
    screenshot(page, "application-lines")
    page.click("button[name=save]")
    page.wait_for_url(re.compile(r".*/portal/applications/\d+/edit/$"))
    _visit(page, screenshot, "draft-saved")

    application = Application.objects.get(title="Kopienas dārzs pie bibliotēkas")
    assert application.status == ApplicationStatus.DRAFT
    assert application.budget_lines.count() == 2
    assert application.requested_amount == Decimal("5400.00")

    page.click("button[name=submit]")
    page.wait_for_url(f"**/portal/applications/{application.pk}/")
    _visit(page, screenshot, "submitted")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    # The officer asks for changes (the admin's path: the service).
    perform_transition(
        application,
        "request_changes",
        officer,
        TransitionInput(comment="Lūdzu, precizējiet stādu izmaksas.", internal_comment="iekšēji"),
    )
    page.reload()
    assert "Lūdzu, precizējiet stādu izmaksas." in page.locator("#change-request").inner_text()
    assert "iekšēji" not in page.content()
    _visit(page, screenshot, "changes-requested")

    page.goto(f"/portal/applications/{application.pk}/edit/")
    page.fill("#id_lines-1-description", "Stādi, zeme un instrumenti")
    page.fill("#id_submit_comment", "Precizējām stādu izmaksas.")
    _visit(page, screenshot, "answer")
    page.click("button[name=submit]")
    page.wait_for_url(f"**/portal/applications/{application.pk}/")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED

    # Review and approval by staff, through the service.
    completed_review(application)
    completed_review(application)
    perform_transition(application, "start_review", officer)
    perform_transition(application, "recommend", officer)
    perform_transition(
        application, "approve_budget", finance, TransitionInput(amount=Decimal("5000.00"))
    )
    page.reload()
    assert "5" in page.locator("#approved-amount").inner_text()
    _visit(page, screenshot, "approved")

    page.click(f"a[href='/portal/applications/{application.pk}/report/']")
    page.wait_for_url(f"**/portal/applications/{application.pk}/report/")
    # The project has not reached its planned end: the report can be written, not filed,
    # until the officer allows an early report (on the record).
    assert page.locator("[data-report-opens]").is_visible()
    assert page.locator("button[name=submit]").count() == 0
    _visit(page, screenshot, "report-not-open-yet")
    perform_transition(
        application,
        "allow_early_report",
        officer,
        TransitionInput(comment="Dārzs ierīkots agrāk, nekā plānots."),
    )
    page.reload()
    assert page.locator("[data-report-opens]").count() == 0
    _visit(page, screenshot, "report-form")
    for line in application.budget_lines.all():
        page.fill(f"#id_actual_{line.pk}", str(line.amount))
    page.fill("#id_narrative", "Dārzs ierīkots, notika 12 talkas.")
    page.fill("#id_results", "Izveidota dārza kopiena.")
    page.fill("#id_participants_reached", "48")
    page.click("button[name=submit]")
    page.wait_for_url(f"**/portal/applications/{application.pk}/")
    _visit(page, screenshot, "report-submitted")
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REPORT_SUBMITTED
    assert (
        page.locator(".status").first.inner_text().strip()
        == str(Application.state_label(ApplicationStatus.REPORT_SUBMITTED))
        or page.locator(".status--report_submitted").count() == 1
    )


def test_the_submit_guards_messages_appear_next_to_the_fields_and_in_the_summary(
    page, live_server, screenshot, open_call
):
    from tests.factories import OrganisationFactory, member_of

    organisation = OrganisationFactory(name="Biedrība “Liela iecere”")
    member_of(
        organisation, username="liela@example.lv", email="liela@example.lv", password=PASSWORD
    )
    page.goto("/portal/login/")
    page.fill("#id_username", "liela@example.lv")
    page.fill("#id_password", PASSWORD)
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")

    page.goto(f"/portal/calls/{open_call.pk}/apply/")
    start = timezone.localdate() + dt.timedelta(days=10)
    page.fill("#id_title", "Pārāk liels projekts")
    page.select_option("#id_municipality", label="Liepāja")
    page.fill("#id_planned_start", start.isoformat())
    page.fill("#id_planned_end", (start + dt.timedelta(days=500)).isoformat())
    _fill_line(
        page,
        0,
        category="staff",
        description="Darbs",
        quantity="1",
        unit_cost="25000",
        requested="20000",
    )
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(r".*/edit/\?check=submit$"))
    _visit(page, screenshot, "guard-errors")

    summary = page.locator("[data-error-summary]")
    assert summary.is_visible()
    # Above the maximum grant: beside the totals, and linked from the summary.
    assert "10" in page.locator("#totals .field-errors").inner_text()
    assert summary.locator("a[href='#totals']").count() >= 1
    # Too long a project: beside the end date.
    assert page.locator("#id_planned_end_error").is_visible()
    assert summary.locator("a[href='#id_planned_end']").count() == 1
    assert page.locator("#id_planned_end").get_attribute("aria-invalid") == "true"
    # The summary's link moves the focus to the field.
    summary.locator("a[href='#id_planned_end']").click()
    assert page.evaluate("document.activeElement.id") == "id_planned_end"
    assert Application.objects.get(title="Pārāk liels projekts").status == ApplicationStatus.DRAFT


def test_the_other_portal_pages_are_accessible_in_latvian_and_english(
    page, live_server, screenshot, open_call
):
    from tests.factories import (
        ApplicationFactory,
        InvitationFactory,
        OrganisationFactory,
        member_of,
    )

    organisation = OrganisationFactory(name="Biedrība “Pieejama”")
    member_of(
        organisation, username="pieejama@example.lv", email="pieejama@example.lv", password=PASSWORD
    )
    application = ApplicationFactory(call=open_call, organisation=organisation)
    invitation = InvitationFactory(organisation=organisation, email="jauns@example.lv")

    # Signed out: password reset and the invitation link.
    for step, url in [
        ("password-reset", "/portal/password-reset/"),
        ("invitation", f"/portal/invitations/{invitation.token}/"),
        ("invitation-signup", f"/portal/invitations/{invitation.token}/signup/"),
        ("resend", "/portal/signup/resend/"),
    ]:
        page.goto(url)
        _visit(page, screenshot, step)
    page.goto("/portal/password-reset/")
    page.fill("#id_email", "pieejama@example.lv")
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/password-reset/sent/")
    _visit(page, screenshot, "password-reset-sent")

    page.goto("/portal/login/")
    page.fill("#id_username", "pieejama@example.lv")
    page.fill("#id_password", PASSWORD)
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")

    for step, url in [
        ("applications", "/portal/applications/"),
        ("organisations", "/portal/organisations/"),
        ("withdraw", f"/portal/applications/{application.pk}/withdraw/"),
        ("invite", f"/portal/organisations/{organisation.pk}/invite/"),
    ]:
        page.goto(url)
        _visit(page, screenshot, step)

    # A form with errors: the summary is focused and links to the fields.
    page.goto("/portal/organisations/new/")
    page.fill("#id_registration_number", "123")
    page.fill("#id_iban", "LV00")
    page.click("form[novalidate] button[type=submit]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    assert page.locator(".error-summary a[href='#id_registration_number']").count() == 1
    assert page.locator(".error-summary a[href='#id_iban']").count() == 1
    _visit(page, screenshot, "organisation-errors")

    # A refused upload.
    page.goto(f"/portal/applications/{application.pk}/")
    page.set_input_files(
        "#id_file",
        files=[{"name": "tame.pdf", "mimeType": "application/pdf", "buffer": b"nav pdf"}],
    )
    page.click("form.upload-form button[type=submit]")
    _visit(page, screenshot, "upload-refused")

    # The English switch.
    page.goto("/portal/applications/")
    page.click(".portal-language button[value=en]")
    page.wait_for_url("**/portal/applications/")
    assert page.locator("html").get_attribute("lang") == "en"
    _visit(page, screenshot, "english")
    page.click(".portal-language button[value=lv]")
    page.wait_for_url("**/portal/applications/")
    assert page.locator("html").get_attribute("lang") == "lv"
