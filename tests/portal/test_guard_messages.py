"""Every rule checked at submit shows its message in the portal page, beside its field or in
the summary at the top — the same text the admin shows, since both come from
``Application.transition_errors``."""

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone

from kopiena.grants.models import ApplicationStatus, BudgetCategory, LegalForm
from tests.factories import BudgetLineFactory

pytestmark = pytest.mark.django_db


def _no_lines(app):
    app.budget_lines.all().delete()
    app.recalculate_totals()


def _over_max_grant(app):
    _no_lines(app)
    cap = app.call.max_grant
    BudgetLineFactory(
        application=app,
        quantity=1,
        unit_cost=cap * 2,
        requested=cap + Decimal("0.01"),
        own=cap * 2 - cap - Decimal("0.01"),
    )


def _under_min_grant(app):
    _no_lines(app)
    BudgetLineFactory(application=app, quantity=1, unit_cost=100, requested=50, own=50)


def _over_funding_rate(app):
    _no_lines(app)
    BudgetLineFactory(application=app, quantity=1, unit_cost=5000, requested=5000, own=0)


def _infrastructure(app):
    _no_lines(app)
    BudgetLineFactory(application=app, quantity=1, unit_cost=5000, requested=4500, own=500)
    BudgetLineFactory(
        application=app,
        category=BudgetCategory.INFRASTRUCTURE,
        quantity=1,
        unit_cost=1000,
        requested=900,
        own=100,
    )


def _too_long(app):
    app.planned_end = app.planned_start + dt.timedelta(days=31 * (app.call.max_duration_months + 1))
    app.save(update_fields=["planned_end"])


def _call_closed(app):
    call = app.call
    call.opens_at = timezone.now() - dt.timedelta(days=30)
    call.closes_at = timezone.now() - dt.timedelta(minutes=1)
    call.save()


def _legal_form(app):
    call = app.call
    call.eligible_legal_forms = [LegalForm.NODIBINAJUMS]
    call.save()


def _public_benefit(app):
    call = app.call
    call.public_benefit_required = True
    call.save()
    org = app.organisation
    org.public_benefit = False
    org.save()


@pytest.mark.parametrize(
    "breaks, field",
    [
        (_no_lines, "budget_lines"),
        (_over_max_grant, "requested_amount"),
        (_under_min_grant, "requested_amount"),
        (_over_funding_rate, "requested_amount"),
        (_infrastructure, "budget_lines"),
        (_too_long, "planned_end"),
        (_call_closed, "call"),
        (_legal_form, "organisation"),
        (_public_benefit, "organisation"),
    ],
    ids=lambda v: getattr(v, "__name__", v),
)
def test_each_submit_rule_shows_its_message_in_the_portal(
    member_client, application, member, breaks, field
):
    breaks(application)
    application.refresh_from_db()
    expected = application.transition_errors("submit", member, None)
    assert expected.get(field), f"the rule did not refuse: {expected}"

    # Where a refused submit lands: the edit page re-runs the service's check.
    response = member_client.get(f"/portal/applications/{application.pk}/edit/?check=submit")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    for message in expected[field]:
        assert str(message) in html, f"missing on the page: {message}"
    assert "data-error-summary" in html
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_a_valid_draft_shows_no_refusal(member_client, application):
    response = member_client.get(f"/portal/applications/{application.pk}/edit/?check=submit")
    assert response.status_code == 200
    assert "data-error-summary" not in response.content.decode()
