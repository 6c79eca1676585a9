"""Applications through the API, per role: NGO members see, create and edit only their
organisations' applications; grant staff see every one and edit none; another
organisation's application is a 404 exactly like an id that does not exist."""

import datetime as dt
from decimal import Decimal

import pytest

from kopiena.grants.models import Application, ApplicationStatus, BudgetLine
from tests.factories.grants import ApplicationFactory, GrantCallFactory, municipality
from tests.factories.pages import TargetGroupFactory

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def line(
    description="Vadītāja darbs",
    quantity="10",
    unit_cost="500.00",
    requested="4500.00",
    own="500.00",
    **extra,
):
    return {
        "category": "staff",
        "description": description,
        "quantity": quantity,
        "unit": "h",
        "unit_cost": unit_cost,
        "requested": requested,
        "own": own,
        **extra,
    }


def new_application(call, organisation, **extra):
    start = dt.date.today() + dt.timedelta(days=30)
    return {
        "call": call.pk,
        "organisation": organisation.pk,
        "title": "Senioru dārzs",
        "summary": "Kopīgs dārzs apkaimes senioriem.",
        "planned_start": start.isoformat(),
        "planned_end": (start + dt.timedelta(days=150)).isoformat(),
        "budget_lines": [line()],
        **extra,
    }


# --- listing ---------------------------------------------------------------------------------


def test_members_list_only_their_organisations_applications(
    api_as, member, other_member, application, other_application
):
    mine = api_as(member).get("/applications")
    theirs = api_as(other_member).get("/applications")

    assert mine.status_code == 200
    assert [a["id"] for a in mine.data["items"]] == [application.pk]
    assert mine.data["count"] == 1
    assert [a["id"] for a in theirs.data["items"]] == [other_application.pk]


@pytest.mark.parametrize("role", ["officer", "finance", "superuser"])
def test_grant_staff_list_every_application(request, api_as, role, application, other_application):
    response = api_as(request.getfixturevalue(role)).get("/applications")

    assert response.status_code == 200
    assert {a["id"] for a in response.data["items"]} == {application.pk, other_application.pk}


@pytest.mark.parametrize("role", ["editor", "social_worker", "service_head"])
def test_other_staff_see_no_applications(request, api_as, role, application):
    response = api_as(request.getfixturevalue(role)).get("/applications")

    assert response.status_code == 200
    assert response.data["items"] == [] and response.data["count"] == 0


def test_a_list_row(api_as, member, application):
    row = api_as(member).get("/applications").data["items"][0]

    assert row["reference"] == application.case_reference()
    assert row["status"] == "draft"
    assert row["call"] == {"id": application.call_id, "title": application.call.title}
    assert row["organisation"]["id"] == application.organisation_id
    assert row["municipality"]["slug"] == application.municipality.slug
    assert Decimal(row["requested_amount"]) == Decimal("4500.00")
    assert Decimal(row["total_cost"]) == Decimal("5000.00")


def test_list_filters(api_as, officer, call, organisation, other_organisation):
    other_call = GrantCallFactory()
    riga = municipality("riga", "Rīga")
    a = ApplicationFactory(call=call, organisation=organisation)
    b = ApplicationFactory(call=other_call, organisation=organisation, status=S.SUBMITTED)
    c = ApplicationFactory(call=call, organisation=other_organisation, municipality=riga)
    api = api_as(officer)

    def ids(**params):
        response = api.get("/applications", **params)
        assert response.status_code == 200, response.data
        return {row["id"] for row in response.data["items"]}

    assert ids(call=call.pk) == {a.pk, c.pk}
    assert ids(status="submitted") == {b.pk}
    assert ids(municipality="riga") == {c.pk}
    assert ids(organisation=organisation.pk) == {a.pk, b.pk}
    assert ids(call=call.pk, municipality="riga") == {c.pk}
    assert ids(status="approved") == set()


def test_pagination(api_as, officer, call, organisation):
    created = [
        ApplicationFactory(call=call, organisation=organisation, budget=[]) for _ in range(7)
    ]
    api = api_as(officer)

    first = api.get("/applications", limit=3)
    last = api.get("/applications", limit=3, offset=6)
    beyond = api.get("/applications", limit=3, offset=30)

    newest_first = [a.pk for a in sorted(created, key=lambda a: (a.created_at, a.pk), reverse=True)]
    assert first.data["count"] == 7
    assert (first.data["limit"], first.data["offset"]) == (3, 0)
    assert [a["id"] for a in first.data["items"]] == newest_first[:3]
    assert [a["id"] for a in last.data["items"]] == newest_first[6:]
    assert beyond.data["items"] == [] and beyond.data["count"] == 7


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 101},
        {"limit": "abc"},
        {"offset": -1},
        {"status": "nonsense"},
        {"call": "x"},
        {"municipality": "not a slug"},
        {"call": 2**63},
    ],
)
def test_malformed_list_parameters_are_400(api_as, officer, params):
    response = api_as(officer).get("/applications", **params)

    assert response.status_code == 400
    assert set(response.data) == {"detail", "errors"}
    assert set(response.data["errors"]) <= {"limit", "offset", "status", "call", "municipality"}
    assert response.data["errors"]


# --- one application -------------------------------------------------------------------------


def test_detail_with_budget_lines(api_as, member, application):
    response = api_as(member).get(f"/applications/{application.pk}")

    assert response.status_code == 200
    data = response.data
    assert data["id"] == application.pk
    assert data["editable"] is True
    assert data["duration_months"] == application.duration_months()
    [budget_line] = data["budget_lines"]
    assert Decimal(budget_line["requested"]) == Decimal("4500.00")
    assert Decimal(budget_line["line_total"]) == Decimal("5000.00")


@pytest.mark.parametrize("role", ["officer", "finance"])
def test_staff_read_any_application(request, api_as, role, application):
    response = api_as(request.getfixturevalue(role)).get(f"/applications/{application.pk}")

    assert response.status_code == 200


def test_another_organisations_application_is_not_found(api_as, other_member, application):
    api = api_as(other_member)

    foreign = api.get(f"/applications/{application.pk}")
    missing = api.get("/applications/987654")

    assert foreign.status_code == missing.status_code == 404
    assert foreign.data == missing.data == {"detail": foreign.data["detail"], "errors": {}}


@pytest.mark.parametrize("role", ["editor", "social_worker"])
def test_staff_without_a_grant_role_do_not_find_applications(request, api_as, role, application):
    response = api_as(request.getfixturevalue(role)).get(f"/applications/{application.pk}")

    assert response.status_code == 404


@pytest.mark.parametrize("bad_id", ["abc", "0", "-3", str(2**63), "1.5"])
def test_malformed_ids_are_400(api_as, member, bad_id):
    response = api_as(member).get(f"/applications/{bad_id}")

    assert response.status_code == 400
    assert "id" in response.data["errors"]


# --- creating --------------------------------------------------------------------------------


def test_member_creates_a_draft_with_budget_lines(api_as, member, call, organisation):
    group = TargetGroupFactory(slug="seniori", name="Seniori")
    payload = new_application(
        call,
        organisation,
        target_groups=["seniori"],
        budget_lines=[
            line(),
            line("Materiāli", quantity="2", unit_cost="250.00", requested="400.00", own="100.00"),
        ],
    )

    response = api_as(member).post("/applications", payload)

    assert response.status_code == 201, response.data
    data = response.data
    application = Application.objects.get(pk=data["id"])
    assert application.status == S.DRAFT
    assert application.organisation == organisation
    assert application.created_by == member
    assert application.municipality == organisation.municipality  # the default
    assert list(application.target_groups.all()) == [group]
    assert data["target_groups"] == ["seniori"]
    assert [b["description"] for b in data["budget_lines"]] == ["Vadītāja darbs", "Materiāli"]
    # Totals are the server's sums of the lines.
    assert Decimal(data["requested_amount"]) == application.requested_amount == Decimal("4900.00")
    assert Decimal(data["own_contribution"]) == Decimal("600.00")
    assert Decimal(data["total_cost"]) == Decimal("5500.00")


def test_client_totals_are_not_inputs(api_as, member, call, organisation):
    payload = new_application(call, organisation, requested_amount="999999.00", status="approved")

    response = api_as(member).post("/applications", payload)

    assert response.status_code == 201
    assert response.data["status"] == "draft"
    assert Decimal(response.data["requested_amount"]) == Decimal("4500.00")


def test_creating_for_another_organisation_looks_like_a_missing_one(
    api_as, member, call, other_organisation
):
    api = api_as(member)

    foreign = api.post("/applications", new_application(call, other_organisation))
    missing = api.post(
        "/applications", {**new_application(call, other_organisation), "organisation": 987654}
    )

    assert foreign.status_code == missing.status_code == 422
    assert foreign.data == missing.data
    assert list(foreign.data["errors"]) == ["organisation"]
    assert not Application.objects.exists()


@pytest.mark.parametrize("role", ["officer", "finance", "editor"])
def test_staff_cannot_create_applications(request, api_as, role, call, organisation):
    response = api_as(request.getfixturevalue(role)).post(
        "/applications", new_application(call, organisation)
    )

    assert response.status_code == 422
    assert "organisation" in response.data["errors"]


def test_creating_in_a_closed_call_is_refused(api_as, member, organisation):
    closed = GrantCallFactory(
        opens_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        closes_at=dt.datetime(2020, 3, 1, tzinfo=dt.UTC),
    )

    response = api_as(member).post("/applications", new_application(closed, organisation))

    assert response.status_code == 422
    assert "call" in response.data["errors"]


def test_create_validation_messages(api_as, member, call, organisation):
    payload = new_application(
        call,
        organisation,
        title="",
        municipality="nav-tada",
        target_groups=["nav-tadas"],
        budget_lines=[line(requested="1.00", own="1.00")],
    )

    response = api_as(member).post("/applications", payload)

    assert response.status_code == 422
    assert "title" in response.data["errors"]  # pydantic: too short


def test_create_lookup_and_budget_messages(api_as, member, call, organisation):
    payload = new_application(
        call,
        organisation,
        municipality="nav-tada",
        target_groups=["nav-tadas"],
    )
    bad_line = new_application(call, organisation, budget_lines=[line(), line(requested="1.00")])

    lookups = api_as(member).post("/applications", payload)
    lines = api_as(member).post("/applications", bad_line)

    assert lookups.status_code == 422
    assert set(lookups.data["errors"]) == {"municipality", "target_groups"}
    assert lines.status_code == 422
    assert set(lines.data["errors"]) == {"budget_lines.1.requested"}
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("unit_cost", "12.345"),
        ("unit_cost", "-1"),
        ("unit_cost", "NaN"),
        ("unit_cost", "Infinity"),
        ("unit_cost", "1e400"),
        ("quantity", "0"),
        ("category", "yachts"),
        ("description", "a\x00b"),
        ("description", "x" * 256),
    ],
)
def test_budget_line_fields_are_checked(api_as, member, call, organisation, field, value):
    payload = new_application(call, organisation, budget_lines=[line(**{field: value})])

    response = api_as(member).post("/applications", payload)

    assert response.status_code == 422, response.data
    assert f"budget_lines.0.{field}" in response.data["errors"]


@pytest.mark.parametrize(
    "raw", ["{not json", "[1, 2]", '"text"', "null", "\xff\xfe".encode("latin-1").decode("latin-1")]
)
def test_a_body_that_is_not_a_json_object_is_400(api_as, member, raw):
    response = api_as(member).post("/applications", raw=raw)

    assert response.status_code == 400, response.content
    assert set(response.data) == {"detail", "errors"}


def test_an_empty_body_is_422_with_the_missing_fields(api_as, member):
    response = api_as(member).post("/applications", raw="{}")

    assert response.status_code == 422
    assert {"call", "organisation", "title"} <= set(response.data["errors"])


# --- editing ---------------------------------------------------------------------------------


def test_member_edits_a_draft_and_its_budget(api_as, member, application):
    [kept] = application.budget_lines.all()
    payload = {
        "title": "Jauns nosaukums",
        "planned_end": None,
        "budget_lines": [
            {**line(description="Vadītāja darbs (labots)"), "id": kept.pk},
            line("Telpu noma", quantity="1", unit_cost="300.00", requested="270.00", own="30.00"),
        ],
    }

    response = api_as(member).patch(f"/applications/{application.pk}", payload)

    assert response.status_code == 200, response.data
    application.refresh_from_db()
    assert application.title == "Jauns nosaukums"
    assert application.planned_end is None
    assert application.summary  # untouched
    lines = list(application.budget_lines.order_by("sort_order"))
    assert lines[0].pk == kept.pk and lines[0].description == "Vadītāja darbs (labots)"
    assert lines[1].description == "Telpu noma"
    assert application.requested_amount == Decimal("4770.00")
    assert application.total_cost == Decimal("5300.00")
    assert Decimal(response.data["total_cost"]) == Decimal("5300.00")


def test_a_patched_line_needs_only_its_required_fields(api_as, member, application):
    response = api_as(member).patch(
        f"/applications/{application.pk}",
        {"budget_lines": [{"description": "Kafija", "unit_cost": "0"}]},
    )

    assert response.status_code == 200, response.data
    [new_line] = response.data["budget_lines"]
    assert (new_line["category"], new_line["unit"], new_line["quantity"]) == ("other", "", "1.00")


def test_patch_without_budget_lines_keeps_them(api_as, member, application):
    response = api_as(member).patch(f"/applications/{application.pk}", {"summary": "Cits"})

    assert response.status_code == 200
    assert len(response.data["budget_lines"]) == 1


def test_an_empty_budget_removes_every_line(api_as, member, application):
    response = api_as(member).patch(f"/applications/{application.pk}", {"budget_lines": []})

    assert response.status_code == 200
    assert response.data["budget_lines"] == []
    assert Decimal(response.data["total_cost"]) == 0
    assert not BudgetLine.objects.filter(application=application).exists()


def test_a_line_of_another_application_cannot_be_taken_over(
    api_as, member, application, other_application
):
    foreign_line = other_application.budget_lines.get()

    response = api_as(member).patch(
        f"/applications/{application.pk}", {"budget_lines": [{**line(), "id": foreign_line.pk}]}
    )

    assert response.status_code == 422
    assert "budget_lines.0.id" in response.data["errors"]
    foreign_line.refresh_from_db()
    assert foreign_line.application_id == other_application.pk


def test_a_refused_edit_changes_nothing(api_as, member, application):
    response = api_as(member).patch(
        f"/applications/{application.pk}",
        {"title": "Cits", "budget_lines": [line(requested="1.00")]},
    )

    assert response.status_code == 422
    application.refresh_from_db()
    assert application.title != "Cits"
    assert application.budget_lines.count() == 1


@pytest.mark.parametrize("status", [S.SUBMITTED, S.IN_REVIEW, S.APPROVED, S.REJECTED])
def test_editing_outside_draft_and_changes_requested_is_409(
    api_as, member, call, organisation, status
):
    application = ApplicationFactory(call=call, organisation=organisation, status=status)

    response = api_as(member).patch(f"/applications/{application.pk}", {"title": "Cits"})

    assert response.status_code == 409
    assert response.data["errors"] == {}


def test_editing_when_changes_are_requested(api_as, member, call, organisation):
    application = ApplicationFactory(
        call=call, organisation=organisation, status=S.CHANGES_REQUESTED
    )

    response = api_as(member).patch(f"/applications/{application.pk}", {"title": "Labots"})

    assert response.status_code == 200


@pytest.mark.parametrize("role", ["officer", "finance"])
def test_staff_may_not_edit(request, api_as, role, application):
    response = api_as(request.getfixturevalue(role)).patch(
        f"/applications/{application.pk}", {"title": "Cits"}
    )

    assert response.status_code == 403


def test_editing_another_organisations_application_is_404(api_as, other_member, application):
    response = api_as(other_member).patch(f"/applications/{application.pk}", {"title": "Cits"})

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.title != "Cits"


def test_state_cannot_be_patched(api_as, member, application):
    response = api_as(member).patch(
        f"/applications/{application.pk}", {"status": "approved", "approved_amount": "1.00"}
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.approved_amount is None
