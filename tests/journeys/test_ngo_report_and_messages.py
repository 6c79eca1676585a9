"""The NGO's report and its conversation with the grant officer, in a real Chromium and in
Latvian: the member fills the final report (amounts, narrative) and attaches evidence in
the same form, and nothing typed is lost; submits it; writes to the officer with a file.
The officer opens the case and reads the report, its evidence and the message, and
answers; the member reads the answer (on a phone-sized screen too). Each step asserts what
the person reads, runs axe-core and saves a screenshot.

The project's planned end is already past, so the report is due whatever rule opens the
final report (from the planned end, unless the officer allows it earlier)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from kopiena.casework.roles import Role
from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from kopiena.portal.models import Attachment, AttachmentKind
from tests.factories import user_with_role
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    member_of,
)
from tests.factories.portal import pdf_bytes

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "kopiena-test"  # the factories' password


def _visit(page, screenshot, step):
    screenshot(page, step)
    assert_accessible(page)


@pytest.fixture
def approved_case(db):
    """An approved application whose project ran from 8 months ago to 10 days ago, with
    two budget lines (1 200 € and 800 €), of a member who reads Latvian."""
    call = GrantCallFactory(title="Kopienu iniciatīvas 2026")
    organisation = OrganisationFactory(name="Biedrība “Saulrīti”")
    member = member_of(
        organisation,
        username="ilze@saulriti.example.lv",
        email="ilze@saulriti.example.lv",
        first_name="Ilze",
        last_name="Kalniņa",
    )
    today = timezone.localdate()
    application = ApplicationFactory(
        call=call,
        organisation=organisation,
        created_by=member,
        title="Senioru dārzs",
        planned_start=today - dt.timedelta(days=240),
        planned_end=today - dt.timedelta(days=10),
        budget=[
            {
                "description": "Stādi un zeme",
                "quantity": 1,
                "unit_cost": Decimal("1200.00"),
                "requested": Decimal("1100.00"),
                "own": Decimal("100.00"),
            },
            {
                "description": "Instrumenti",
                "quantity": 1,
                "unit_cost": Decimal("800.00"),
                "requested": Decimal("700.00"),
                "own": Decimal("100.00"),
            },
        ],
    )
    Application.objects.filter(pk=application.pk).update(
        status=S.APPROVED,
        approved_amount=Decimal("1800.00"),
        submitted_at=timezone.now() - dt.timedelta(days=250),
        decision_date=today - dt.timedelta(days=245),
    )
    application.refresh_from_db()
    return application


def _portal_sign_in(page, email):
    page.goto("/portal/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.click("form[novalidate] button[type=submit]")
    page.wait_for_url("**/portal/")


def _admin_sign_in(page, username):
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")


def _evidence(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(pdf_bytes())
    return str(path)


def test_the_ngo_reports_with_evidence_writes_to_the_officer_and_reads_the_answer(
    browser, page, live_server, screenshot, approved_case, tmp_path
):
    officer = user_with_role(
        Role.GRANT_OFFICERS,
        username="koordinatore",
        first_name="Marta",
        last_name="Liepa",
        email="marta@novads.example.lv",
    )
    application = approved_case
    stadi, instrumenti = application.budget_lines.order_by("pk")

    # The member opens the application and starts the report.
    _portal_sign_in(page, "ilze@saulriti.example.lv")
    page.goto(f"/portal/applications/{application.pk}/")
    assert "Budžets ir apstiprināts" in page.locator("#next-step").inner_text()
    _visit(page, screenshot, "approved-next-step")
    page.get_by_role("link", name="Sagatavot atskaiti").click()
    page.wait_for_url(f"**/portal/applications/{application.pk}/report/")

    # Amounts, narrative and a receipt in the one form; saving keeps every value.
    page.fill(f"#id_actual_{stadi.pk}", "1180,50")
    page.fill(f"#id_actual_{instrumenti.pk}", "800")
    page.fill("#id_narrative", "Ierīkojām dārzu; notika 12 talkas ar senioriem.")
    page.fill("#id_results", "Dārzā strādā 20 seniori.")
    page.fill("#id_participants_reached", "48")
    page.set_input_files("#id_evidence", _evidence(tmp_path, "ceks-stadi.pdf"))
    _visit(page, screenshot, "report-filled")
    page.get_by_role("button", name="Saglabāt atskaiti").click()
    page.wait_for_url(f"**/portal/applications/{application.pk}/report/")
    page.get_by_text("Atskaite saglabāta").wait_for()
    assert page.input_value(f"#id_actual_{stadi.pk}") == "1180,50"
    assert page.input_value(f"#id_actual_{instrumenti.pk}") in ("800", "800,00")
    assert page.input_value("#id_narrative").startswith("Ierīkojām dārzu")
    assert page.input_value("#id_participants_reached") == "48"
    assert page.get_by_role("link", name="ceks-stadi.pdf").is_visible()
    _visit(page, screenshot, "report-saved-with-evidence")

    page.get_by_role("button", name="Saglabāt un iesniegt atskaiti").click()
    page.wait_for_url(f"**/portal/applications/{application.pk}/")
    page.get_by_text("Atskaite iesniegta.").first.wait_for()
    application.refresh_from_db()
    assert application.status == S.REPORT_SUBMITTED

    # A message to the officer, with a file.
    conversation = page.locator("#conversation")
    assert conversation.get_by_role("heading", name="Rakstīt konkursa koordinatoram").is_visible()
    page.fill("#id_message-text", "Pielikumā fotogrāfiju saraksts. Vai vajag arī oriģinālus?")
    page.set_input_files("#id_message-file", _evidence(tmp_path, "foto-saraksts.pdf"))
    mail.outbox.clear()
    page.get_by_role("button", name="Nosūtīt ziņu").click()
    page.wait_for_url(f"**/portal/applications/{application.pk}/#conversation")
    page.get_by_text("Jūsu ziņa nosūtīta konkursa koordinatoram.").wait_for()
    own = page.locator(".timeline__item--message").last
    assert "Jūsu organizācijas ziņa" in own.inner_text()
    assert "Vai vajag arī oriģinālus?" in own.inner_text()
    assert own.get_by_role("link", name="foto-saraksts.pdf").is_visible()
    _visit(page, screenshot, "message-sent")
    [to_officer] = [m for m in mail.outbox if m.to == [officer.email]]
    assert "ziņa no iesniedzēja" in to_officer.subject

    # The officer reads the report, its evidence and the message, and answers.
    staff = browser.new_context(
        base_url=live_server.url, locale="lv-LV", viewport={"width": 1280, "height": 900}
    )
    office = staff.new_page()
    _admin_sign_in(office, "koordinatore")
    office.goto(f"/admin/grants_applications/inspect/{application.pk}/")
    assert "Ierīkojām dārzu; notika 12 talkas ar senioriem." in office.content()
    documents = office.locator("#documents")
    assert documents.get_by_role("link", name="ceks-stadi.pdf").is_visible()
    assert "Atskaites pamatojošais dokuments" in documents.inner_text()
    talk = office.locator("#conversation")
    assert "Vai vajag arī oriģinālus?" in talk.inner_text()
    assert talk.get_by_role("link", name="foto-saraksts.pdf").is_visible()
    office.locator("#report-heading").scroll_into_view_if_needed()
    _visit(office, screenshot, "officer-reads-the-report")
    talk.scroll_into_view_if_needed()
    _visit(office, screenshot, "officer-reads-the-message")
    office.fill("#id_message-text", "Oriģinālus lūdzu atnest līdz piektdienai.")
    mail.outbox.clear()
    office.get_by_role("button", name="Nosūtīt iesniedzējam").click()
    office.wait_for_url(f"**/inspect/{application.pk}/#conversation")
    office.get_by_text("Ziņa iesniedzējam nosūtīta.").wait_for()
    assert "Oriģinālus lūdzu atnest līdz piektdienai." in talk.inner_text()
    talk.scroll_into_view_if_needed()
    _visit(office, screenshot, "officer-answered")
    staff.close()
    [to_member] = [m for m in mail.outbox if m.to == ["ilze@saulriti.example.lv"]]
    assert "ziņa no konkursa administrācijas" in to_member.subject
    assert f"/portal/applications/{application.pk}/#conversation" in to_member.body

    # The member reads the answer, on a phone too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/portal/applications/{application.pk}/")
    answer = page.locator(".timeline__item--message").last
    assert "Konkursa administrācijas ziņa" in answer.inner_text()
    assert "Oriģinālus lūdzu atnest līdz piektdienai." in answer.inner_text()
    assert "Marta" not in answer.inner_text()  # staff are the call's administration
    _visit(page, screenshot, "answer-on-a-phone")
    assert Attachment.objects.filter(
        application=application, kind=AttachmentKind.REPORT_EVIDENCE
    ).exists()
