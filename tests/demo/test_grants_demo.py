"""The demo loader: every state, the demo accounts in two organisations, reviews for the
demo reviewers, a real audit trail, and nothing new on a second run."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from wagtail.models import ModelLogEntry

from demo.data import accounts as casework_demo
from demo.data import grants as demo
from kopiena.casework import audit
from kopiena.grants.models import (
    Application,
    ApplicationStatus,
    BudgetLine,
    CallIndexPage,
    GrantCall,
    Membership,
    Organisation,
    Report,
    ReportLine,
    ReviewAssignment,
)
from kopiena.grants.validators import validate_lv_iban

pytestmark = pytest.mark.django_db

SMALL_FIXTURE = Path(__file__).with_name("demo_fixture.json")
REAL_FIXTURE = Path(settings.BASE_DIR) / "demo" / "fixtures" / "grants.json"


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            GrantCall,
            CallIndexPage,
            Organisation,
            Membership,
            Application,
            BudgetLine,
            ReviewAssignment,
            Report,
            ReportLine,
            User,
            ModelLogEntry,
        )
    }


def load(path):
    out = io.StringIO()
    casework_demo.load(out)
    demo.load(out, path)
    return out.getvalue()


@pytest.fixture(params=["small", "real"])
def fixture_path(request):
    if request.param == "real" and not REAL_FIXTURE.exists():
        pytest.skip("fixtures/grants.json not written yet")
    return SMALL_FIXTURE if request.param == "small" else REAL_FIXTURE


def test_demo_has_every_state_and_loads_once(fixture_path):
    output = load(fixture_path)
    assert "stopped before" not in output, output
    statuses = set(Application.objects.values_list("status", flat=True))
    assert statuses == set(ApplicationStatus.values)

    before = counts()
    load(fixture_path)
    assert counts() == before


def test_one_call_is_open_and_the_others_are_closed(fixture_path):
    load(fixture_path)
    calls = list(GrantCall.objects.all())
    assert sum(call.is_open() for call in calls) == 1
    assert all(call.phase() == "closed" for call in calls if not call.is_open())
    assert all(call.criteria_errors() is None for call in calls)
    open_call = next(call for call in calls if call.is_open())
    assert open_call.committed_amount <= open_call.available_budget


def test_the_open_call_names_koordinators_as_its_officer(fixture_path):
    load(fixture_path)
    calls = list(GrantCall.objects.all())
    open_call = next(call for call in calls if call.is_open())
    assert [u.username for u in open_call.officers.all()] == ["koordinators"]
    # The editor opens the latest revision: it names him too.
    latest = open_call.get_latest_revision_as_object()
    assert [u.username for u in latest.officers.all()] == ["koordinators"]
    assert not any(call.officers.exists() for call in calls if not call.is_open())


def test_demo_accounts_act_for_two_organisations_and_staff_for_none(fixture_path):
    load(fixture_path)
    first = Organisation.objects.get(memberships__user__username="biedriba1")
    second = Organisation.objects.get(memberships__user__username="biedriba2")
    assert first != second
    for org in (first, second):
        assert org.applications.values("status").distinct().count() >= 2
    staff = ["koordinators", "vertetajs", "vertetajs2", "finanses", "redaktors", "admin"]
    assert not Membership.objects.filter(user__username__in=staff).exists()
    for reviewer in ("vertetajs", "vertetajs2"):
        assert ReviewAssignment.objects.filter(reviewer__username=reviewer).exists()
    for org in Organisation.objects.all():
        validate_lv_iban(org.iban)


def test_open_call_moves_go_through_the_workflow_and_imports_are_marked(fixture_path):
    load(fixture_path)
    open_call = next(call for call in GrantCall.objects.all() if call.is_open())
    for application in Application.objects.filter(call=open_call).exclude(status="draft"):
        history = audit.entries_for(application)
        # Transitions, and the review steps noted beside them (assignments, declarations).
        assert all(e.action in (audit.TRANSITION, audit.NOTED) for e in history)
        entries = [e for e in history if e.action == audit.TRANSITION]
        assert entries
        assert entries[-1].data["to"] == application.status
        assert entries[0].user.username in {"biedriba1", "biedriba2"} or entries[
            0
        ].user.username.startswith("nvo-")
    approved = Application.objects.get(call=open_call, status=ApplicationStatus.APPROVED)
    transitions = [e for e in audit.entries_for(approved) if e.action == audit.TRANSITION]
    assert transitions[-1].user.username == "finanses"
    for application in Application.objects.exclude(call=open_call):
        entries = audit.entries_for(application)
        assert [e.action for e in entries] == [audit.IMPORTED]
        assert entries[0].data["to"] == application.status
    for application in Application.objects.all():
        assert application.total_cost == application.requested_amount + application.own_contribution
        assert application.total_cost == sum(line.amount for line in application.budget_lines.all())


def test_missing_fixture_loads_nothing(tmp_path):
    output = load(tmp_path / "missing.json")
    assert "not found" in output
    assert not Application.objects.exists()


def test_bad_records_are_skipped_with_a_message(tmp_path):
    data = json.loads(SMALL_FIXTURE.read_text(encoding="utf-8"))
    data["calls"][1]["max_grant"] = "999999.00"  # above its total budget
    data["organisations"][3]["registration_number"] = "123"
    path = tmp_path / "grants.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    output = load(path)
    assert "Vēsturisks konkurss" in output and "skipped" in output
    assert GrantCall.objects.count() == 1
    assert not Organisation.objects.filter(registration_number="123").exists()
    assert Application.objects.filter(status=ApplicationStatus.COMPLETED).exists()
