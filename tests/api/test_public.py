"""The public endpoints: calls with their rules, and the projects the calls fund."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kopiena.grants.models import Application, ApplicationStatus
from tests.factories.grants import ApplicationFactory, GrantCallFactory, municipality

pytestmark = pytest.mark.django_db

S = ApplicationStatus


@pytest.fixture
def calls(db):
    now = timezone.now()
    return {
        "open": GrantCallFactory(title="Atvērts"),
        "upcoming": GrantCallFactory(
            title="Nākamais",
            opens_at=now + dt.timedelta(days=5),
            closes_at=now + dt.timedelta(days=40),
        ),
        "closed": GrantCallFactory(
            title="Slēgts",
            opens_at=now - dt.timedelta(days=60),
            closes_at=now - dt.timedelta(days=2),
            municipality=municipality("daugavpils", "Daugavpils"),
        ),
    }


def titles(response):
    assert response.status_code == 200, response.data
    return {row["title"] for row in response.data["items"]}


def test_calls_are_public_with_their_rules(anon, calls):
    response = anon.get("/calls")

    assert titles(response) == {"Atvērts", "Nākamais", "Slēgts"}
    row = next(r for r in response.data["items"] if r["title"] == "Atvērts")
    assert row["is_open"] is True and row["phase"] == "open"
    assert Decimal(row["max_grant"]) == Decimal("10000.00")
    assert Decimal(row["funding_rate"]) == Decimal("0.90")
    assert row["max_duration_months"] == 12
    assert row["eligible_legal_forms"] == ["biedriba", "nodibinajums", "religiska_organizacija"]
    assert [c["name"] for c in row["criteria"]] == [
        "Projekta nozīme kopienai",
        "Budžeta pamatotība",
    ]
    assert row["municipality"]["slug"] == "liepaja"
    assert row["locale"] == "lv"
    assert row["url"]


def test_open_filter(anon, calls):
    assert titles(anon.get("/calls", open="true")) == {"Atvērts"}
    assert titles(anon.get("/calls", open="false")) == {"Nākamais", "Slēgts"}


def test_a_call_is_open_to_the_end_of_its_closing_minute(anon):
    now = timezone.now()
    GrantCallFactory(title="Šī minūte", closes_at=now.replace(second=0, microsecond=0))
    GrantCallFactory(
        title="Iepriekšējā minūte",
        closes_at=now.replace(second=0, microsecond=0) - dt.timedelta(seconds=1),
    )

    assert titles(anon.get("/calls", open="true")) == {"Šī minūte"}


def test_municipality_filter(anon, calls):
    assert titles(anon.get("/calls", municipality="daugavpils")) == {"Slēgts"}


def test_unpublished_calls_are_not_listed(anon, calls):
    calls["open"].unpublish()

    assert "Atvērts" not in titles(anon.get("/calls"))


def test_calls_paginate(anon, calls):
    response = anon.get("/calls", limit=2)

    assert response.data["count"] == 3
    assert len(response.data["items"]) == 2


def test_bad_open_value_is_400(anon):
    response = anon.get("/calls", open="maybe")

    assert response.status_code == 400
    assert "open" in response.data["errors"]


# --- funded projects -------------------------------------------------------------------------


FUNDED = (S.APPROVED, S.REPORT_SUBMITTED, S.COMPLETED)


def funded(application, amount="3000.00"):
    """Give ``application`` its approved amount (after its budget lines exist: the
    database refuses an approved amount above the requested one)."""
    Application.objects.filter(pk=application.pk).update(approved_amount=Decimal(amount))
    application.refresh_from_db()
    return application


@pytest.fixture
def projects(call, organisation):
    made = {}
    for status in S:
        made[status] = ApplicationFactory(
            call=call, organisation=organisation, status=status, title=f"Projekts {status}"
        )
        if status in FUNDED:
            funded(made[status])
    return made


def test_funded_projects_are_the_approved_and_completed_ones(anon, projects):
    response = anon.get("/funded-projects")

    assert titles(response) == {
        "Projekts approved",
        "Projekts report_submitted",
        "Projekts completed",
    }
    row = next(r for r in response.data["items"] if r["status"] == "completed")
    assert Decimal(row["approved_amount"]) == Decimal("3000.00")
    assert row["organisation"]["name"] == projects[S.COMPLETED].organisation.name
    assert row["call"]["id"] == projects[S.COMPLETED].call_id
    assert row["municipality"]["slug"] == "liepaja"
    # Nothing of the application beyond what is public.
    assert "summary" not in row and "budget_lines" not in row and "requested_amount" not in row


def test_funded_project_filters(anon, projects, other_organisation):
    other_call = GrantCallFactory()
    riga = municipality("riga", "Rīga")
    elsewhere = funded(
        ApplicationFactory(
            call=other_call,
            organisation=other_organisation,
            municipality=riga,
            status=S.APPROVED,
            title="Rīgā",
        )
    )

    assert titles(anon.get("/funded-projects", call=other_call.pk)) == {elsewhere.title}
    assert titles(anon.get("/funded-projects", municipality="riga")) == {elsewhere.title}
    assert titles(anon.get("/funded-projects", status="completed")) == {"Projekts completed"}


def test_funded_projects_refuse_statuses_that_are_not_funded(anon):
    response = anon.get("/funded-projects", status="draft")

    assert response.status_code == 400
