"""The final report opens from the project's planned end; a grant officer may allow it
earlier, through the transition service, with a reason on the case record. The portal
says when the report opens; the accept form shows planned against actual per line."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kopiena.casework import audit
from kopiena.casework.service import available_actions
from kopiena.casework.workflow import GuardFailed, NotPossible
from kopiena.grants.models import Application
from kopiena.grants.models import ApplicationStatus as S
from tests.factories.grants import ApplicationFactory, full_report

pytestmark = pytest.mark.django_db


def _approved(call, organisation, member, **kwargs):
    app = ApplicationFactory(
        call=call, organisation=organisation, created_by=member, status=S.APPROVED, **kwargs
    )
    Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
    app.refresh_from_db()
    full_report(app)
    return app


@pytest.fixture
def running(call, organisation, member):
    """Approved, its project still running (planned end in about eight months)."""
    return _approved(call, organisation, member)


def test_the_report_is_refused_before_the_planned_end_with_the_date(running, member, act):
    assert running.planned_end > timezone.localdate()
    with pytest.raises(GuardFailed) as refused:
        act(running, "submit_report", member)
    [message] = refused.value.errors["report"]
    assert running.planned_end.strftime("%Y") in message
    running.refresh_from_db()
    assert running.status == S.APPROVED and running.report.submitted_at is None


def test_the_report_opens_on_the_planned_end_day(call, organisation, member, act):
    today = timezone.localdate()
    app = _approved(
        call,
        organisation,
        member,
        planned_start=today - dt.timedelta(days=90),
        planned_end=today,
    )
    assert act(app, "submit_report", member).status == S.REPORT_SUBMITTED


def test_an_ended_project_reports_without_a_step(call, organisation, member, act):
    app = _approved(call, organisation, member, ended=True)
    assert "allow_early_report" not in {a.name for a in available_actions(app, member)}
    assert act(app, "submit_report", member).status == S.REPORT_SUBMITTED


def test_the_officer_allows_an_early_report_with_a_reason_on_the_record(
    running, member, officer, finance, act
):
    assert "allow_early_report" in {a.name for a in available_actions(running, officer)}
    for user in (member, finance):
        assert "allow_early_report" not in {a.name for a in available_actions(running, user)}
    with pytest.raises(GuardFailed) as refused:
        act(running, "allow_early_report", officer)
    assert "comment" in refused.value.errors
    running.refresh_from_db()
    assert running.report_allowed_early_at is None

    act(running, "allow_early_report", officer, comment="Nometne notika jau jūnijā.")
    running.refresh_from_db()
    assert running.status == S.APPROVED and running.report_allowed_early_at is not None
    [entry] = [
        e for e in audit.entries_for(running) if e.data.get("action") == "allow_early_report"
    ]
    assert entry.data["comment"] == "Nometne notika jau jūnijā." and entry.user == officer
    # Once allowed, the step is not offered again, and the report goes in.
    with pytest.raises(NotPossible):
        act(running, "allow_early_report", officer, comment="Vēlreiz.")
    assert act(running, "submit_report", member).status == S.REPORT_SUBMITTED


def test_the_portal_says_when_the_report_opens(client, running, member):
    client.force_login(member)
    report_page = client.get(reverse("portal:report", args=[running.pk])).content.decode()
    detail = client.get(reverse("portal:application_detail", args=[running.pk])).content.decode()
    for page in (report_page, detail):
        assert "data-report-opens" in page
        assert str(running.planned_end.year) in page
    assert 'name="submit"' not in report_page  # a button that could only be refused
    Application.objects.filter(pk=running.pk).update(report_allowed_early_at=timezone.now())
    report_page = client.get(reverse("portal:report", args=[running.pk])).content.decode()
    assert "data-report-opens" not in report_page and 'name="submit"' in report_page


def test_the_accept_form_shows_planned_against_actual_per_line(
    client, call, organisation, member, officer, act
):
    app = ApplicationFactory(
        call=call,
        organisation=organisation,
        created_by=member,
        status=S.APPROVED,
        ended=True,
        budget=[
            {"description": "Telpu noma", "requested": Decimal("900.00"), "own": Decimal("100")},
            {"description": "Stādi", "requested": Decimal("3600.00"), "own": Decimal("400")},
        ],
    )
    Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
    report = full_report(app, actuals={"Stādi": Decimal("4500.00")})
    report.lines.filter(budget_line__description="Stādi").update(comment="Cenas cēlās.")
    act(app, "submit_report", member)
    client.force_login(officer)
    page = client.get(
        reverse("grants_applications:transition", args=[app.pk, "accept_report"])
    ).content.decode()
    facts = page[page.index("data-decision-facts") :]
    assert "Telpu noma" in facts and "Stādi" in facts
    assert "1\xa0000,00\xa0€" in facts  # Telpu noma planned and actual
    assert "4\xa0500,00\xa0€" in facts and "+500,00\xa0€" in facts
    assert "Cenas cēlās." in facts


def test_the_ngo_is_told_that_the_report_may_come_early(
    running, member, officer, act, outbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        act(running, "allow_early_report", officer, comment="Nometne notika jau jūnijā.")
    [mail] = [m for m in outbox if m.to == [member.email]]
    assert "Atļaut noslēguma atskaiti agrāk" in mail.body
    assert "Nometne notika jau jūnijā." in mail.body
    assert "→" not in mail.body  # the status did not change
