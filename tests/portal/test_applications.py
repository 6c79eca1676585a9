from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from kopiena.grants.models import Application, ApplicationStatus
from tests.factories import BudgetLineFactory

from .forms import application_data, existing_lines, line

pytestmark = pytest.mark.django_db

S = ApplicationStatus


def test_a_draft_is_saved_with_its_budget_lines_and_totals(
    member_client, call, organisation, target_group
):
    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[
            line(),
            line(
                "Stādi",
                category="materials",
                quantity="1",
                unit_cost="1000,00",
                requested="900,00",
                own="100,00",
            ),
        ],
        target_groups=[str(target_group.pk)],
        save="1",
    )
    response = member_client.post(f"/portal/calls/{call.pk}/apply/", data)

    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/portal/applications/{application.pk}/edit/"
    assert application.status == S.DRAFT
    assert application.organisation == organisation
    assert application.requested_amount == Decimal("5400.00")
    assert application.own_contribution == Decimal("600.00")
    assert list(application.target_groups.all()) == [target_group]
    assert application.budget_lines.count() == 2


def test_a_new_application_can_be_submitted_at_once(member_client, call, organisation, member):
    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[line()],
        submit="1",
    )
    response = member_client.post(f"/portal/calls/{call.pk}/apply/", data)

    application = Application.objects.get()
    assert response["Location"] == f"/portal/applications/{application.pk}/"
    assert application.status == S.SUBMITTED
    entry = ModelLogEntry.objects.get(object_id=str(application.pk), action="kopiena.transition")
    assert entry.data["source"] == "portal" and entry.user == member


@pytest.mark.parametrize(
    "bad",
    [
        {"lines-0-requested": "četri tūkstoši"},
        {"lines-0-quantity": "-1"},
        {"lines-0-unit_cost": "1e400"},
        {"lines-0-requested": "99999999999999999"},
        {"lines-0-requested": "4500", "lines-0-own": "1"},  # requested + own ≠ qty × unit
        {"planned_start": "31.02.2026"},
        {"lines-TOTAL_FORMS": "abc"},
        {"lines-TOTAL_FORMS": "100000"},
        {"municipality": "999999999"},
        {"organisation": "not-a-number"},
    ],
)
def test_bad_input_is_a_form_error_not_a_server_error(member_client, call, organisation, bad):
    data = application_data(
        organisation=organisation, municipality=organisation.municipality, lines=[line()], save="1"
    )
    data.update(bad)
    response = member_client.post(f"/portal/calls/{call.pk}/apply/", data)

    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert not Application.objects.exists()


def test_the_submit_guard_keeps_the_draft_and_shows_the_models_messages(
    member_client, call, organisation, member
):
    data = application_data(
        organisation=organisation,
        municipality=organisation.municipality,
        lines=[line(quantity="1", unit_cost="25000", requested="20000", own="5000")],
        submit="1",
    )
    response = member_client.post(f"/portal/calls/{call.pk}/apply/", data)
    application = Application.objects.get()
    assert application.status == S.DRAFT
    assert response["Location"] == f"/portal/applications/{application.pk}/edit/?check=submit"

    page = member_client.get(response["Location"])
    # The very messages the admin shows: both come from Application.transition_errors.
    expected = application.transition_errors("submit", member, None)["requested_amount"]
    html = page.content.decode()
    for message in expected:
        text = str(message).replace("'", "&#x27;")
        assert html.count(text) >= 2  # in the summary and beside the totals
    assert 'href="#totals"' in html


def test_editing_a_draft_changes_adds_and_deletes_lines(member_client, application):
    first = application.budget_lines.get()
    BudgetLineFactory(application=application, description="Dzēšamā")
    lines = existing_lines(application)
    lines[0]["description"] = "Koordinatora darbs (precizēts)"
    lines[1]["DELETE"] = "on"
    lines.append(
        line(
            "Transports",
            category="transport",
            quantity="2",
            unit_cost="50",
            requested="90",
            own="10",
        )
    )
    data = application_data(
        municipality=application.municipality,
        lines=lines,
        initial=2,
        save="1",
        title="Jauns nosaukums",
    )

    response = member_client.post(f"/portal/applications/{application.pk}/edit/", data)

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title == "Jauns nosaukums"
    assert sorted(application.budget_lines.values_list("description", flat=True)) == [
        "Koordinatora darbs (precizēts)",
        "Transports",
    ]
    assert application.budget_lines.filter(pk=first.pk).exists()
    assert application.requested_amount == Decimal("4590.00")


def test_a_line_of_another_application_cannot_be_edited(
    member_client, application, other_application
):
    foreign = other_application.budget_lines.get()
    lines = [line("Svešā rinda", pk=str(foreign.pk))]
    data = application_data(municipality=application.municipality, lines=lines, initial=1, save="1")
    member_client.post(f"/portal/applications/{application.pk}/edit/", data)

    # Django's formset ignores an id outside the application's lines: nothing is changed,
    # nothing is moved from the other application.
    foreign.refresh_from_db()
    assert foreign.description != "Svešā rinda"
    assert foreign.application_id == other_application.pk
    assert not application.budget_lines.filter(description="Svešā rinda").exists()


def test_no_editing_once_submitted(member_client, application, member, act):
    act(application, "submit", member)
    page = member_client.get(f"/portal/applications/{application.pk}/edit/")
    assert page.status_code == 302

    data = application_data(
        municipality=application.municipality,
        lines=existing_lines(application),
        initial=1,
        save="1",
        title="Mainīts pēc iesniegšanas",
    )
    response = member_client.post(f"/portal/applications/{application.pk}/edit/", data)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.title != "Mainīts pēc iesniegšanas"


def test_a_change_request_is_shown_answered_and_resubmitted(
    member_client, application, member, officer, act
):
    act(application, "submit", member)
    act(
        application,
        "request_changes",
        officer,
        comment="Precizējiet tāmi.",
        internal_comment="Tikai darbiniekiem.",
    )

    page = member_client.get(f"/portal/applications/{application.pk}/")
    html = page.content.decode()
    assert page.context["next_step"]["key"] == "answer"
    assert "Precizējiet tāmi." in html
    assert "Tikai darbiniekiem." not in html

    data = application_data(
        municipality=application.municipality,
        lines=existing_lines(application),
        initial=1,
        submit="1",
        submit_comment="Tāme precizēta.",
    )
    response = member_client.post(f"/portal/applications/{application.pk}/edit/", data)

    assert response["Location"] == f"/portal/applications/{application.pk}/"
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    timeline = member_client.get(f"/portal/applications/{application.pk}/").context["timeline"]
    assert [row["to_value"] for row in timeline] == [S.SUBMITTED, S.CHANGES_REQUESTED, S.SUBMITTED]
    assert timeline[-1]["comment"] == "Tāme precizēta."
    assert timeline[1]["by"] == ""  # staff are not named to the applicant


def test_the_status_page_shows_the_approved_amount_and_the_next_step(member_client, approved):
    page = member_client.get(f"/portal/applications/{approved.pk}/")
    assert page.context["next_step"]["key"] == "report"
    assert b'id="approved-amount"' in page.content
    assert "4\u00a0000,00\u00a0€" in page.content.decode()


def test_withdraw(member_client, application):
    assert member_client.get(f"/portal/applications/{application.pk}/withdraw/").status_code == 200
    response = member_client.post(
        f"/portal/applications/{application.pk}/withdraw/", {"comment": "Mainījās plāni."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN
    # Nothing more to withdraw.
    again = member_client.post(f"/portal/applications/{application.pk}/withdraw/", {"comment": "x"})
    assert again.status_code == 200 and again.context["refusal"] is not None
    assert member_client.get(f"/portal/applications/{application.pk}/withdraw/").status_code == 302


def test_lists_and_dashboard(member_client, application, member, officer, act):
    act(application, "submit", member)
    act(application, "request_changes", officer, comment="Lūdzu labot.")
    assert member_client.get("/portal/applications/").context["page"].object_list[0] == application
    dashboard = member_client.get("/portal/")
    assert application in dashboard.context["waiting"]


def test_applying_to_a_closed_call_is_404_and_without_an_organisation_redirects(
    client, member_client, call
):
    from django.utils import timezone

    from kopiena.casework.roles import Role
    from tests.factories import GrantCallFactory, user_with_role

    closed = GrantCallFactory(
        opens_at=timezone.now() - timezone.timedelta(days=40),
        closes_at=timezone.now() - timezone.timedelta(days=1),
    )
    assert member_client.get(f"/portal/calls/{closed.pk}/apply/").status_code == 404

    loner = user_with_role(Role.NGO_MEMBERS, username="viens")
    client.force_login(loner)
    response = client.get(f"/portal/calls/{call.pk}/apply/")
    assert response["Location"] == "/portal/organisations/new/"


def test_anonymous_visitors_are_sent_to_the_portal_login(client, application):
    response = client.get(f"/portal/applications/{application.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/portal/login/?next=")
