"""Every guard at its boundary: the exact limit passes, a cent (or a day, a minute) more is
refused with a message on the right field, and a refusal saves nothing — no status
change, no audit entry, no mail."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kopiena.casework import audit
from kopiena.casework.service import perform_transition
from kopiena.casework.workflow import GuardFailed, TransitionInput
from kopiena.grants.models import RIGA, Application, ApplicationStatus, BudgetCategory, LegalForm
from tests.factories.grants import (
    ApplicationFactory,
    GrantCallFactory,
    OrganisationFactory,
    ReviewAssignmentFactory,
    completed_review,
    full_report,
    member_of,
)

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def line(requested, own="0", category=BudgetCategory.STAFF, quantity=1):
    return {
        "requested": Decimal(requested),
        "own": Decimal(own),
        "category": category,
        "quantity": quantity,
    }


def refused(app, action, user, field, outbox=None, **inputs):
    """Assert ``action`` is refused with a message on ``field`` and nothing is saved."""
    before = Application.objects.get(pk=app.pk)
    with pytest.raises(GuardFailed) as info:
        perform_transition(app, action, user, TransitionInput(**inputs))
    assert field in info.value.errors, info.value.errors
    assert all(str(m).strip() for m in info.value.errors[field])
    after = Application.objects.get(pk=app.pk)
    assert after.status == before.status
    assert after.approved_amount == before.approved_amount
    assert after.submitted_at == before.submitted_at
    assert not audit.entries_for(app)
    if outbox is not None:
        assert outbox == []
    return info.value.errors[field]


def passes(app, action, user, **inputs):
    return perform_transition(app, action, user, TransitionInput(**inputs))


@pytest.fixture
def draft(call, organisation, member):
    def make(*lines, **kwargs):
        return ApplicationFactory(
            call=call, organisation=organisation, budget=list(lines), **kwargs
        )

    return make


# --- submit: money ---------------------------------------------------------------------


def test_requested_exactly_at_the_maximum_grant_passes(draft, member):
    app = draft(line("10000.00", "2000.00"))
    assert passes(app, "submit", member).status == S.SUBMITTED


def test_one_cent_over_the_maximum_grant_is_refused(draft, member, outbox):
    app = draft(line("10000.01", "2000.00"))
    messages = refused(app, "submit", member, "requested_amount", outbox)
    assert "10" in messages[0]


def test_requested_exactly_at_the_minimum_grant_passes_and_a_cent_less_fails(draft, member):
    assert passes(draft(line("1000.00", "200.00")), "submit", member).status == S.SUBMITTED
    refused(draft(line("999.99", "200.00")), "submit", member, "requested_amount")


def test_funding_rate_exactly_at_the_limit_passes(draft, member):
    # 90 % of 5 000.00 = 4 500.00
    assert passes(draft(line("4500.00", "500.00")), "submit", member).status == S.SUBMITTED


def test_funding_rate_one_cent_over_is_refused(draft, member):
    refused(draft(line("4500.01", "499.99")), "submit", member, "requested_amount")


def test_funding_rate_is_compared_exactly_not_rounded(draft, member, call):
    call.funding_rate = Decimal("0.85")
    call.save()
    # 0.85 × 333.33 = 283.3305: 283.33 passes, 283.34 does not.
    call.min_grant = Decimal("0")
    call.save()
    assert passes(draft(line("283.33", "50.00")), "submit", member).status == S.SUBMITTED
    refused(draft(line("283.34", "49.99")), "submit", member, "requested_amount")


def test_infrastructure_exactly_at_its_share_passes(draft, member):
    # total 10 000.00, infrastructure 500.00 = 5 %
    app = draft(
        line("8550.00", "950.00"),
        line("450.00", "50.00", category=BudgetCategory.INFRASTRUCTURE),
    )
    assert passes(app, "submit", member).status == S.SUBMITTED


def test_infrastructure_one_cent_over_its_share_is_refused(draft, member):
    app = draft(
        line("8549.99", "950.00"),
        line("450.01", "50.00", category=BudgetCategory.INFRASTRUCTURE),
    )
    messages = refused(app, "submit", member, "budget_lines")
    assert "500" in messages[0]


def test_infrastructure_counts_its_own_contribution_too(draft, member):
    # Requested infrastructure alone is 450.00 (4.5 %), with its co-financing 600.00 (6 %).
    app = draft(
        line("8550.00", "850.00"),
        line("450.00", "150.00", category=BudgetCategory.INFRASTRUCTURE),
    )
    refused(app, "submit", member, "budget_lines")


def test_a_budget_is_required(draft, member):
    refused(draft(), "submit", member, "budget_lines")


def test_a_line_whose_parts_do_not_add_up_is_refused(draft, member):
    app = draft(line("4500.00", "500.00"))
    app.budget_lines.update(unit_cost=Decimal("5000.01"))
    refused(app, "submit", member, "budget_lines")


# --- submit: dates -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (dt.date(2027, 1, 1), dt.date(2027, 12, 31), True),  # 12 months
        (dt.date(2027, 1, 15), dt.date(2028, 1, 14), True),  # 12 months
        (dt.date(2027, 1, 15), dt.date(2028, 1, 15), False),  # 12 months and a day
        (dt.date(2027, 1, 1), dt.date(2028, 1, 1), False),
        (dt.date(2027, 3, 1), dt.date(2027, 3, 1), True),  # a one-day project
    ],
)
def test_duration_at_its_boundary(draft, member, start, end, ok):
    app = draft(line("4500.00", "500.00"), planned_start=start, planned_end=end)
    if ok:
        assert passes(app, "submit", member).status == S.SUBMITTED
    else:
        messages = refused(app, "submit", member, "planned_end")
        assert "12" in messages[0]


def test_end_before_start_is_refused(draft, member):
    app = draft(
        line("4500.00", "500.00"),
        planned_start=dt.date(2027, 3, 2),
        planned_end=dt.date(2027, 3, 1),
    )
    refused(app, "submit", member, "planned_end")


def test_dates_are_required(draft, member):
    app = draft(line("4500.00", "500.00"), planned_start=None, planned_end=None)
    errors = refused(app, "submit", member, "planned_start")
    assert errors


# --- submit: the call's deadline in Riga time -------------------------------------------


@pytest.fixture
def march_call(db):
    """Closes 31 March 2026 at 23:59 in Riga (UTC+3 after the DST change of 29 March)."""
    return GrantCallFactory(
        opens_at=dt.datetime(2026, 2, 1, 0, 0, tzinfo=RIGA),
        closes_at=dt.datetime(2026, 3, 31, 23, 59, tzinfo=RIGA),
    )


def at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment)


@pytest.mark.parametrize(
    ("moment", "ok"),
    [
        (dt.datetime(2026, 3, 31, 23, 59, 0, tzinfo=RIGA), True),
        (dt.datetime(2026, 3, 31, 23, 59, 59, tzinfo=RIGA), True),
        (dt.datetime(2026, 4, 1, 0, 0, 0, tzinfo=RIGA), False),
        # Still 31 March in UTC, already 1 April in Riga:
        (dt.datetime(2026, 3, 31, 21, 0, 0, tzinfo=dt.UTC), False),
        (dt.datetime(2026, 3, 31, 20, 59, 59, tzinfo=dt.UTC), True),
        (dt.datetime(2026, 2, 1, 0, 0, 0, tzinfo=RIGA), True),
        (dt.datetime(2026, 1, 31, 23, 59, 59, tzinfo=RIGA), False),
    ],
    ids=str,
)
def test_call_open_at_the_boundary_minute_in_riga(
    march_call, organisation, member, monkeypatch, moment, ok
):
    app = ApplicationFactory(
        call=march_call,
        organisation=organisation,
        planned_start=dt.date(2026, 5, 1),
        planned_end=dt.date(2026, 10, 31),
    )
    at(monkeypatch, moment)
    assert march_call.is_open() is ok
    if ok:
        assert passes(app, "submit", member).status == S.SUBMITTED
    else:
        messages = refused(app, "submit", member, "call")
        assert "Latvian time" in messages[0] or "Latvijas" in messages[0]


def test_naive_times_are_read_as_riga_time(march_call):
    assert march_call.is_open(dt.datetime(2026, 3, 31, 23, 59, 30))
    assert not march_call.is_open(dt.datetime(2026, 4, 1, 0, 0))
    assert march_call.phase(dt.datetime(2026, 1, 5)) == "upcoming"
    assert march_call.phase(dt.datetime(2026, 4, 5)) == "closed"


def test_resubmission_after_changes_is_allowed_after_the_deadline(
    march_call, organisation, member, monkeypatch
):
    app = ApplicationFactory(
        call=march_call,
        organisation=organisation,
        status=S.CHANGES_REQUESTED,
        planned_start=dt.date(2026, 5, 1),
        planned_end=dt.date(2026, 10, 31),
    )
    at(monkeypatch, dt.datetime(2026, 4, 20, 12, 0, tzinfo=RIGA))
    assert passes(app, "submit", member).status == S.SUBMITTED


# --- submit: eligibility ----------------------------------------------------------------


def test_an_ineligible_legal_form_is_refused(call):
    org = OrganisationFactory(legal_form=LegalForm.OTHER)
    app = ApplicationFactory(call=call, organisation=org)
    messages = refused(app, "submit", member_of(org), "organisation")
    assert "Other" in messages[0] or "Cits" in messages[0]


def test_public_benefit_status_when_the_call_requires_it(call):
    call.public_benefit_required = True
    call.save()
    without = OrganisationFactory(public_benefit=False)
    refused(
        ApplicationFactory(call=call, organisation=without),
        "submit",
        member_of(without),
        "organisation",
    )
    with_status = OrganisationFactory(public_benefit=True)
    app = ApplicationFactory(call=call, organisation=with_status)
    assert passes(app, "submit", member_of(with_status)).status == S.SUBMITTED


def test_social_service_provider_register_when_the_call_requires_it(call):
    call.social_service_provider_required = True
    call.save()
    org = OrganisationFactory(registered_social_service_provider=False)
    refused(
        ApplicationFactory(call=call, organisation=org), "submit", member_of(org), "organisation"
    )


def test_every_submit_problem_is_reported_at_once(call):
    org = OrganisationFactory(legal_form=LegalForm.OTHER)
    app = ApplicationFactory(
        call=call,
        organisation=org,
        budget=[line("20000.00")],
        planned_start=dt.date(2027, 1, 1),
        planned_end=dt.date(2029, 1, 1),
    )
    with pytest.raises(GuardFailed) as info:
        perform_transition(app, "submit", member_of(org))
    assert {"requested_amount", "planned_end", "organisation"} <= set(info.value.errors)


# --- officer actions --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "state"),
    [
        ("request_changes", S.SUBMITTED),
        ("reject", S.SUBMITTED),
        ("return_report", S.REPORT_SUBMITTED),
    ],
)
def test_comment_or_reason_is_required(call, organisation, officer, action, state):
    app = ApplicationFactory(call=call, organisation=organisation, status=state)
    if state == S.REPORT_SUBMITTED:
        Application.objects.filter(pk=app.pk).update(approved_amount=app.requested_amount)
        full_report(app)
    refused(app, action, officer, "comment", comment="   ")


def test_start_review_needs_a_reviewer_without_conflict(call, organisation, officer, reviewer):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.SUBMITTED)
    refused(app, "start_review", officer, "reviews")
    ReviewAssignmentFactory(
        application=app,
        reviewer=reviewer,
        declared_no_conflict=False,
        conflict_declared_at=timezone.now(),
    )
    refused(app, "start_review", officer, "reviews")
    ReviewAssignmentFactory(application=app)
    assert passes(app, "start_review", officer).status == S.IN_REVIEW


def test_recommend_needs_the_calls_number_of_completed_reviews(call, organisation, officer):
    app = ApplicationFactory(call=call, organisation=organisation, status=S.IN_REVIEW)
    completed_review(app)
    ReviewAssignmentFactory(application=app)  # assigned, not completed
    messages = refused(app, "recommend", officer, "reviews")
    assert "1" in messages[0] and "2" in messages[0]
    completed_review(app)
    assert passes(app, "recommend", officer).status == S.RECOMMENDED


# --- approve_budget ---------------------------------------------------------------------


@pytest.fixture
def recommended(call, organisation):
    return ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)


def test_the_amount_is_required_and_positive(recommended, finance):
    refused(recommended, "approve_budget", finance, "amount")
    refused(recommended, "approve_budget", finance, "amount", amount=Decimal("0"))
    refused(recommended, "approve_budget", finance, "amount", amount=Decimal("-1"))
    refused(recommended, "approve_budget", finance, "amount", amount=Decimal("10.001"))


def test_approved_amount_up_to_the_requested(recommended, finance):
    assert recommended.requested_amount == Decimal("4500.00")
    refused(recommended, "approve_budget", finance, "amount", amount=Decimal("4500.01"))
    app = passes(recommended, "approve_budget", finance, amount=Decimal("4500.00"))
    assert app.status == S.APPROVED and app.approved_amount == Decimal("4500.00")


def committed_elsewhere(call, organisation, amount, status=S.APPROVED):
    other = ApplicationFactory(
        call=call,
        organisation=organisation,
        status=status,
        budget=[line(str(amount), str(amount))],
    )
    Application.objects.filter(pk=other.pk).update(approved_amount=amount)
    return other


def test_approval_within_what_the_call_has_left(call, organisation, finance):
    call.total_budget = Decimal("20000.00")
    call.reserve = Decimal("2000.00")
    call.save()
    committed_elsewhere(call, organisation, Decimal("9000.00"))
    committed_elsewhere(call, organisation, Decimal("3000.00"), S.REPORT_SUBMITTED)
    committed_elsewhere(call, organisation, Decimal("1500.00"), S.COMPLETED)
    # Not committed: recommended and rejected applications do not hold money.
    ApplicationFactory(call=call, organisation=organisation, status=S.REJECTED)
    assert call.committed_amount == Decimal("13500.00")
    assert call.remaining_budget == Decimal("4500.00")

    over = ApplicationFactory(
        call=call,
        organisation=organisation,
        status=S.RECOMMENDED,
        budget=[line("4500.01", "1000.00")],
    )
    messages = refused(over, "approve_budget", finance, "amount", amount=Decimal("4500.01"))
    assert "4" in messages[0]
    exact = ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)
    assert passes(exact, "approve_budget", finance, amount=Decimal("4500.00")).status == S.APPROVED
    assert call.remaining_budget == Decimal("0.00")
    last = ApplicationFactory(call=call, organisation=organisation, status=S.RECOMMENDED)
    refused(last, "approve_budget", finance, "amount", amount=Decimal("0.01"))


# --- submit_report ----------------------------------------------------------------------


@pytest.fixture
def approved(call, organisation):
    app = ApplicationFactory(
        call=call,
        organisation=organisation,
        status=S.APPROVED,
        budget=[line("3000.00", "300.00"), line("1500.00", "200.00")],
    )
    Application.objects.filter(pk=app.pk).update(approved_amount=Decimal("4500.00"))
    return app


def test_submit_report_needs_a_report(approved, member):
    refused(approved, "submit_report", member, "report")


def test_submit_report_needs_actual_spending_for_every_line(approved, member):
    report = full_report(approved)
    report.lines.first().delete()
    messages = refused(approved, "submit_report", member, "report_lines")
    assert "Izdevumu pozīcija" in messages[0]


def test_submit_report_needs_a_narrative(approved, member):
    full_report(approved, narrative=" ")
    refused(approved, "submit_report", member, "narrative")
